package harness

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

// startTimes records when each event (by index) reached the target.
type startTimes struct {
	t0 time.Time
	at []time.Duration
}

func (s *startTimes) Invoke(_ context.Context, ev *Event) Outcome {
	s.at[ev.Index] = time.Since(s.t0)
	return Outcome{}
}

func (*startTimes) Close() error { return nil }

// TestPreciseTimerInBubble: inside a synctest bubble the OS timer does not
// follow the fake clock; PreciseTimer must notice and keep every send
// exactly on schedule, whichever path the rate takes.
func TestPreciseTimerInBubble(t *testing.T) {
	for _, tc := range []struct {
		name string
		rate float64
	}{
		{"Go timer then OS timer", 100},
		{"OS timer only", 1000},
		{"too fast for the OS timer", 5000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				n := int64(tc.rate / 2)
				tgt := &startTimes{t0: time.Now(), at: make([]time.Duration, n)}
				cfg := Config{Pacer: ConstantPacer{tc.rate}, MaxEvents: n, Concurrency: 4, PreciseTimer: true}
				info, _ := run(t, t.Context(), cfg, tgt)
				if info.Sent != n || info.MaxBehind != 0 {
					t.Errorf("sent %d, max behind %v; want %d, 0", info.Sent, info.MaxBehind, n)
				}
				for k, got := range tgt.at {
					if want, _ := cfg.Pacer.Pace(0, uint64(k)); got != want {
						t.Fatalf("event %d started at %v; want %v", k, got, want)
					}
				}
			})
		})
	}
}
