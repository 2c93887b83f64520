package harness

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestOnFullQueueVsDrop(t *testing.T) {
	// 100/s asked, a 45 ms target and 2 in flight: a slot frees every
	// 22.5 ms; dropping, an event is admitted only on a 10 ms tick.
	for _, tc := range []struct {
		onFull            OnFull
		dropped           bool
		minP99, maxP99    time.Duration
		reason            string
		minBehind         time.Duration
		sentLow, sentHigh int64
	}{
		{Drop, true, 45 * time.Millisecond, 46 * time.Millisecond, "dropped", 0, 78, 82},
		{Queue, false, 900 * time.Millisecond, 2 * time.Second, "in-flight cap 2 reached", time.Second, 87, 91},
	} {
		t.Run(tc.onFull.String(), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				cfg := Config{Pacer: ConstantPacer{100}, Duration: 2 * time.Second, Concurrency: 2, OnFull: tc.onFull}
				info, total := run(t, t.Context(), cfg, sleeper(fixed(45*time.Millisecond)))
				if info.Sent < tc.sentLow || info.Sent > tc.sentHigh {
					t.Errorf("sent %d; want %d..%d", info.Sent, tc.sentLow, tc.sentHigh)
				}
				if (info.Dropped > 0) != tc.dropped || (tc.dropped && info.Sent+info.Dropped != 200) {
					t.Errorf("dropped %d, sent %d; want dropped: %v, sent+dropped = 200", info.Dropped, info.Sent, tc.dropped)
				}
				p99 := time.Duration(total.Response.ValueAtQuantile(99))
				if p99 < tc.minP99 || p99 > tc.maxP99 {
					t.Errorf("response p99 %v; want %v..%v", p99, tc.minP99, tc.maxP99)
				}
				if svc := time.Duration(total.Service.ValueAtQuantile(99)); svc > 46*time.Millisecond {
					t.Errorf("service p99 %v; want ~45ms", svc)
				}
				if info.RateHeld || !strings.Contains(info.BehindReason, tc.reason) || info.MaxBehind < tc.minBehind {
					t.Errorf("held %v, reason %q, max behind %v; want false, %q, >= %v",
						info.RateHeld, info.BehindReason, info.MaxBehind, tc.reason, tc.minBehind)
				}
			})
		})
	}
}

// TestStall is the coordinated-omission bar: every call that starts in
// [1s, 2s) hangs until 2s; with the queue the events due meanwhile wait,
// and their wait must show in the response time.
func TestStall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		t0 := time.Now()
		tgt := targetFunc(func(ctx context.Context, ev *Event) Outcome {
			if at := time.Since(t0); at >= time.Second && at < 2*time.Second {
				time.Sleep(2*time.Second - at)
			} else {
				time.Sleep(time.Millisecond)
			}
			return Outcome{}
		})
		cfg := Config{Pacer: ConstantPacer{1000}, Duration: 3 * time.Second, Concurrency: 10}
		info, total := run(t, t.Context(), cfg, tgt)
		p50 := time.Duration(total.Response.ValueAtQuantile(50))
		p99 := time.Duration(total.Response.ValueAtQuantile(99))
		t.Logf("sent %d, response p50 %v p99 %v max %v; %+v", info.Sent, p50, p99, time.Duration(total.Response.Max()), *info)
		if p99 < 400*time.Millisecond || p50 >= 50*time.Millisecond {
			t.Errorf("response p50 %v, p99 %v; want p50 < 50ms, p99 >= 400ms", p50, p99)
		}
		if info.RateHeld || info.MaxBehind < 900*time.Millisecond || !strings.Contains(info.BehindReason, "in-flight cap 10") {
			t.Errorf("held %v, max behind %v, reason %q; want false, ~1s, the cap", info.RateHeld, info.MaxBehind, info.BehindReason)
		}
	})
}

func TestWorkersGrowOnDemand(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cfg := Config{Pacer: ConstantPacer{10}, Duration: time.Second, Concurrency: 100}
		info, _ := run(t, t.Context(), cfg, instant)
		if info.Workers != 1 {
			t.Errorf("workers %d at 10/s against an instant target; want 1", info.Workers)
		}
	})
}

// TestBacklogCountsUnsent: with the queue full for good, the events that
// fall due afterwards are never sent; they must still be counted.
func TestBacklogCountsUnsent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cfg := Config{Pacer: ConstantPacer{100}, Duration: time.Second, Concurrency: 1, Grace: time.Millisecond}
		info, total := run(t, t.Context(), cfg, sleeper(fixed(time.Hour)))
		if info.Scheduled != 100 || info.Sent != 1 || info.Unsent != 99 || info.MaxBehind != 990*time.Millisecond {
			t.Errorf("scheduled %d, sent %d, unsent %d, max behind %v; want 100, 1, 99, 990ms",
				info.Scheduled, info.Sent, info.Unsent, info.MaxBehind)
		}
		if total.Errors[string(ClassInterrupted)] != 1 || info.Abandoned != 0 {
			t.Errorf("errors %v, abandoned %d; want the one delivery canceled after the grace: interrupted, not abandoned",
				total.Errors, info.Abandoned)
		}
	})
}
