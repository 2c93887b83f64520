package harness

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// slowDuring answers after slow when the call starts in one of the spans
// (from the bubble's start), after fast otherwise.
func slowDuring(slow, fast time.Duration, spans ...[2]time.Duration) Target {
	t0 := time.Now()
	return sleeper(func(*Event) time.Duration {
		at := time.Since(t0)
		for _, s := range spans {
			if at >= s[0] && at < s[1] {
				return slow
			}
		}
		return fast
	})
}

// workersEvery runs cfg against tgt and returns the info and Status.Workers
// at every whole second.
func workersEvery(t *testing.T, cfg Config, tgt Target) (*RunInfo, []int) {
	t.Helper()
	var live []int
	info, _ := run(t, t.Context(), cfg, tgt, WithProgress(time.Second, func(s Status) { live = append(live, s.Workers) }))
	return info, live
}

func TestPoolShrinksAfterBurst(t *testing.T) {
	for _, tc := range []struct {
		name     string
		pacer    Pacer
		tgt      func() Target
		minPeak  int
		started  int // at least
		shrunkAt int // index in the per-second samples from which the pool is at its floor
	}{
		// 200/s × 100 ms needs 20 workers during the first second, then 200/s
		// × 1 ms needs one: the pool falls back to minWorkers.
		{"slow first second", ConstantPacer{200},
			func() Target {
				return slowDuring(100*time.Millisecond, time.Millisecond, [2]time.Duration{0, time.Second})
			},
			20, 20, 3},
		// A step from 2000/s to 20/s with a 10 ms target: 20 workers, then 1.
		{"rate step down", StagesPacer{Start: 2000, Stages: []Stage{{time.Second, 2000}, {0, 20}}},
			func() Target { return sleeper(fixed(10 * time.Millisecond)) },
			20, 20, 2},
		// A second burst after the pool shrank grows it again.
		{"burst, quiet, burst", ConstantPacer{200},
			func() Target {
				return slowDuring(100*time.Millisecond, time.Millisecond,
					[2]time.Duration{0, time.Second}, [2]time.Duration{4 * time.Second, 4500 * time.Millisecond})
			},
			20, 38, 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				cfg := Config{Pacer: tc.pacer, Duration: 8 * time.Second, Concurrency: 256}
				info, live := workersEvery(t, cfg, tc.tgt())
				t.Logf("peak %d, started %d, live per second %v", info.Workers, info.WorkersStarted, live)
				if info.Workers < tc.minPeak || info.Workers > tc.minPeak+2 || info.WorkersStarted < tc.started {
					t.Errorf("peak %d, started %d; want %d..%d, >= %d", info.Workers, info.WorkersStarted, tc.minPeak, tc.minPeak+2, tc.started)
				}
				if len(live) < 7 {
					t.Fatalf("%d progress calls; want 7", len(live))
				}
				// The sample at the run's last second races the stop, which
				// retires the workers: only the samples before it count.
				last := min(len(live), int(cfg.Duration/time.Second)-1)
				for i, n := range live[tc.shrunkAt:last] {
					if n != minWorkers {
						t.Errorf("%d workers alive at %ds; want %d", n, tc.shrunkAt+i+1, minWorkers)
					}
				}
			})
		})
	}
}

func TestPoolSteadyRateDoesNotChurn(t *testing.T) {
	for _, tc := range []struct {
		name    string
		rate    float64
		service time.Duration
		need    int // deliveries in flight at a hand-off, the new one included
	}{
		{"10/s instant", 10, 0, 1},
		{"100/s 30ms", 100, 30 * time.Millisecond, 3},
		{"1000/s 5ms", 1000, 5 * time.Millisecond, 5},
		{"5000/s 2ms", 5000, 2 * time.Millisecond, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				cfg := Config{Pacer: ConstantPacer{tc.rate}, Duration: 5 * time.Second, Concurrency: 256}
				info, live := workersEvery(t, cfg, sleeper(fixed(tc.service)))
				t.Logf("peak %d, started %d, live per second %v", info.Workers, info.WorkersStarted, live)
				if info.WorkersStarted != info.Workers || info.Workers < tc.need || info.Workers > tc.need+1 {
					t.Errorf("started %d, peak %d; want started = peak, %d..%d", info.WorkersStarted, info.Workers, tc.need, tc.need+1)
				}
				for i, n := range live {
					if n < tc.need {
						t.Errorf("%d workers alive at %ds; want >= %d", n, i+1, tc.need)
					}
				}
			})
		})
	}
}

// TestPoolRegrowsToTheCap: a pool that shrank grows again up to the
// in-flight cap, never past it, and loses no result on the way.
func TestPoolRegrowsToTheCap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// 500/s: 50 ms calls (the cap binds), 1 ms calls from 0.5 s (the
		// pool shrinks), 50 ms calls again from 3 s.
		tgt := slowDuring(50*time.Millisecond, time.Millisecond,
			[2]time.Duration{0, 500 * time.Millisecond}, [2]time.Duration{3 * time.Second, time.Hour})
		cfg := Config{Pacer: ConstantPacer{500}, Duration: 4 * time.Second, Concurrency: 5}
		var live []int // at 0.5 s, 1 s, 1.5 s...
		info, _ := run(t, t.Context(), cfg, tgt, WithProgress(500*time.Millisecond, func(s Status) { live = append(live, s.Workers) }))
		t.Logf("peak %d, started %d, live every 0.5s %v", info.Workers, info.WorkersStarted, live)
		if info.Workers != cfg.Concurrency || info.WorkersStarted != 2*cfg.Concurrency-minWorkers {
			t.Errorf("peak %d, started %d; want %d, %d", info.Workers, info.WorkersStarted, cfg.Concurrency, 2*cfg.Concurrency-minWorkers)
		}
		if len(live) < 7 || live[4] != minWorkers || live[6] != cfg.Concurrency {
			t.Errorf("workers alive every 0.5s %v; want %d at 2.5s, %d at 3.5s", live, minWorkers, cfg.Concurrency)
		}
		if !strings.Contains(info.BehindReason, "in-flight cap 5") {
			t.Errorf("reason %q; want the cap", info.BehindReason)
		}
	})
}
