package harness

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/internal/metrics"
)

func TestRateHonesty(t *testing.T) {
	for _, tc := range []struct {
		name    string
		cfg     Config
		service time.Duration
		held    bool
		reason  string
	}{
		{"fast target", Config{Pacer: ConstantPacer{100}, Duration: 3 * time.Second, Concurrency: 4}, 10 * time.Millisecond, true, ""},
		{"slow target, small cap", Config{Pacer: ConstantPacer{100}, Duration: 3 * time.Second, Concurrency: 2}, 100 * time.Millisecond, false,
			"in-flight cap 2 reached (the target is slower than the rate: a mean service time of 100ms at 100/s needs ~10 in flight)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				info, _ := run(t, t.Context(), tc.cfg, sleeper(fixed(tc.service)))
				if info.RateHeld != tc.held || info.BehindReason != tc.reason {
					t.Errorf("held %v, reason %q; want %v, %q", info.RateHeld, info.BehindReason, tc.held, tc.reason)
				}
				if !tc.held && (info.MaxBehind < time.Second || info.AchievedRate > 25 || info.AskedRate != 100) {
					t.Errorf("max behind %v, achieved %.1f/s, asked %.1f/s; want > 1s, ~20/s, 100/s",
						info.MaxBehind, info.AchievedRate, info.AskedRate)
				}
			})
		})
	}
}

func TestProgressReportsLag(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var got []Status
		cfg := Config{Pacer: ConstantPacer{100}, Duration: 3 * time.Second, Concurrency: 2}
		// 110 ms, not 100: no delivery ends on a whole second, where the
		// progress call and a worker's hand-off would tie.
		run(t, t.Context(), cfg, sleeper(fixed(110*time.Millisecond)),
			WithProgress(time.Second, func(s Status) { got = append(got, s) }))
		if len(got) < 3 {
			t.Fatalf("%d progress calls in 3s at 1s; want >= 3", len(got))
		}
		s := got[1]
		t.Logf("%+v", s)
		if s.Elapsed != 2*time.Second || s.Remaining != time.Second || s.AskedRate != 100 || s.InFlight != 2 {
			t.Errorf("status at 2s: %+v", s)
		}
		if w := s.Warning(); !strings.HasPrefix(w, "disload is ") || !strings.HasSuffix(w, " behind schedule: in-flight cap 2 reached") {
			t.Errorf("warning %q", w)
		}
		if s.CurrentRate < 15 || s.CurrentRate > 25 {
			t.Errorf("current rate %.1f; want ~18/s (2 in flight × 9.1/s)", s.CurrentRate)
		}
	})
}

func TestStatusWarning(t *testing.T) {
	for _, tc := range []struct {
		s    Status
		want string
	}{
		{Status{Behind: 50 * time.Millisecond, AskedRate: 1000, BehindReason: "x"}, ""},
		{Status{Behind: 1234 * time.Millisecond, AskedRate: 1000, BehindReason: "in-flight cap 10 reached"},
			"disload is 1.2s behind schedule: in-flight cap 10 reached"},
		{Status{Behind: 5 * time.Second, AskedRate: 1, BehindReason: "y"}, ""}, // 10 inter-arrivals = 10s
		{Status{Behind: 11 * time.Second, AskedRate: 1, BehindReason: "y"}, "disload is 11s behind schedule: y"},
	} {
		if got := tc.s.Warning(); got != tc.want {
			t.Errorf("%+v.Warning() = %q; want %q", tc.s, got, tc.want)
		}
	}
}

func TestBehindBound(t *testing.T) {
	for _, tc := range []struct {
		rate float64
		want time.Duration
	}{{0, 100 * time.Millisecond}, {1000, 100 * time.Millisecond}, {50, 200 * time.Millisecond}, {0.5, 20 * time.Second}} {
		if got := BehindBound(tc.rate); got != tc.want {
			t.Errorf("BehindBound(%v) = %v; want %v", tc.rate, got, tc.want)
		}
	}
}

func TestSlowGeneratorReason(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		src := SourceFunc(func(ev *Event) { time.Sleep(2 * time.Millisecond) }) // 500/s at best
		cfg := Config{Pacer: ConstantPacer{1000}, Duration: 2 * time.Second, Concurrency: 10, Prefetch: 100}
		info, err := Run(t.Context(), cfg, src, instant, metrics.NewCollector(time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if info.RateHeld || info.BehindReason != "generator could not keep up" || info.AchievedRate > 600 {
			t.Errorf("held %v, reason %q, achieved %.0f/s; want false, the generator, ~550/s", info.RateHeld, info.BehindReason, info.AchievedRate)
		}
	})
}

// TestReasonIsTheMeasuredOne: a generator that stalls briefly but often
// (each stall well within the schedule's tolerance, yet more waiting in
// all) and one stall of the target that fills the in-flight cap for
// 500 ms: the run missed its schedule because of the cap, the cause
// measured at its worst lag, and it says that the mean rate was met.
func TestReasonIsTheMeasuredOne(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := 0
		src := SourceFunc(func(ev *Event) {
			if n++; n%20 == 0 {
				time.Sleep(30 * time.Millisecond)
			}
		})
		start := time.Now()
		stalled := false
		tgt := targetFunc(func(ctx context.Context, ev *Event) Outcome {
			if !stalled && time.Since(start) >= 2*time.Second {
				stalled = true // one delivery: the other slot stays free
				time.Sleep(500 * time.Millisecond)
			}
			return Outcome{}
		})
		cfg := Config{Pacer: ConstantPacer{500}, Duration: 4 * time.Second, Concurrency: 1, Prefetch: 4}
		info, err := Run(t.Context(), cfg, src, tgt, metrics.NewCollector(time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if info.RateHeld || !strings.Contains(info.BehindReason, "in-flight cap 1 reached") ||
			!strings.Contains(info.BehindReason, "mean rate was met") {
			t.Errorf("held %v, max behind %v, achieved %.1f/s of %.1f/s, reason %q; want not held, the cap, the mean rate met",
				info.RateHeld, info.MaxBehind, info.AchievedRate, info.AskedRate, info.BehindReason)
		}
	})
}
