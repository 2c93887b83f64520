package harness

import (
	"runtime"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/internal/metrics"
)

// TestMemoryFollowsRateNotCaps: a huge in-flight cap (or a huge closed
// pool capped by MaxEvents) costs nothing until deliveries use it; the
// engine's memory is sized by the rate.
func TestMemoryFollowsRateNotCaps(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"open, cap 1e6", Config{Pacer: ConstantPacer{10}, MaxEvents: 10, Concurrency: 1_000_000}},
		{"open, cap 1e8, 1 s", Config{Pacer: ConstantPacer{10}, Duration: time.Second, Concurrency: 100_000_000}},
		{"closed, 1e6 workers, 10 events", Config{Mode: Closed, MaxEvents: 10, Concurrency: 1_000_000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				src := SourceFunc(func(ev *Event) { ev.Payload = append(ev.Payload[:0], make([]byte, 1000)...) })
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				info, err := Run(t.Context(), tc.cfg, src, instant, metrics.NewCollector(time.Second))
				runtime.ReadMemStats(&after)
				if err != nil {
					t.Fatal(err)
				}
				if info.Sent != 10 {
					t.Errorf("sent %d; want 10", info.Sent)
				}
				if got := after.TotalAlloc - before.TotalAlloc; got > 16<<20 {
					t.Errorf("the run allocated %d MB; want under 16 MB whatever the cap", got>>20)
				}
			})
		})
	}
}

func TestDefaultPrefetchFollowsRate(t *testing.T) {
	for _, tc := range []struct {
		cfg  Config
		want int
	}{
		{Config{Pacer: ConstantPacer{100}, Concurrency: 100_000_000}, DefaultMinPrefetch},
		{Config{Pacer: ConstantPacer{20_000}, Concurrency: 4}, 2000},
		{Config{Pacer: StagesPacer{Start: 10, Stages: []Stage{{time.Second, 50_000}, {time.Second, 0}}}, Concurrency: 4}, 5000},
		{Config{Pacer: ConstantPacer{1e9}, Concurrency: 4}, MaxPrefetch},
		{Config{Pacer: ConstantPacer{20_000}, Concurrency: 4, MaxEvents: 10}, 10},
		{Config{Mode: Closed, Concurrency: 1000}, 2000},
		{Config{Mode: Closed, Concurrency: 100_000}, MaxPrefetch},
	} {
		if got := tc.cfg.WithDefaults().Prefetch; got != tc.want {
			t.Errorf("%v, c %d, max %d: Prefetch %d; want %d", tc.cfg.Pacer, tc.cfg.Concurrency, tc.cfg.MaxEvents, got, tc.want)
		}
	}
}

func TestClosedWorkersLimit(t *testing.T) {
	cfg := Config{Mode: Closed, Duration: time.Second, Concurrency: MaxClosedWorkers + 1}
	err := cfg.Validate()
	if err == nil || !strings.Contains(err.Error(), "concurrency: ") || !strings.Contains(err.Error(), "open mode") {
		t.Errorf("Validate() = %v; want a concurrency error pointing to open mode", err)
	}
	cfg.Concurrency = MaxClosedWorkers
	if err := cfg.Validate(); err != nil {
		t.Errorf("at the limit: %v", err)
	}
}
