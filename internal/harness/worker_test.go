package harness

import (
	"context"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/internal/metrics"
)

func TestClosedLoopNeverExceedsConcurrency(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var cur, peak atomic.Int64
		tgt := targetFunc(func(ctx context.Context, ev *Event) Outcome {
			n := cur.Add(1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			time.Sleep(time.Duration(ev.Index%7+1) * time.Millisecond)
			cur.Add(-1)
			return Outcome{}
		})
		cfg := Config{Mode: Closed, Duration: time.Second, Concurrency: 4}
		info, total := run(t, t.Context(), cfg, tgt)
		if peak.Load() != 4 || info.Workers != 4 {
			t.Errorf("peak in flight %d, workers %d; want 4, 4", peak.Load(), info.Workers)
		}
		// 4 workers, mean service 4 ms: ~1000 events in 1 s.
		if info.Sent < 900 || info.Sent > 1100 || total.Response.Max() != total.Service.Max() {
			t.Errorf("sent %d, response max %d, service max %d; want ~1000, response = service",
				info.Sent, total.Response.Max(), total.Service.Max())
		}
		if info.AskedRate != 0 || !info.RateHeld || info.Ended != "duration" {
			t.Errorf("asked %v, held %v, ended %q; want 0, true, duration", info.AskedRate, info.RateHeld, info.Ended)
		}
	})
}

func TestClosedLoopCappedAndMaxEvents(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		want int64
	}{
		{"capped by a pacer", Config{Mode: Closed, Pacer: ConstantPacer{100}, Duration: time.Second, Concurrency: 3}, 100},
		{"max events", Config{Mode: Closed, MaxEvents: 777, Concurrency: 3}, 777},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				info, _ := run(t, t.Context(), tc.cfg, sleeper(fixed(time.Millisecond)))
				if !near(info.Sent, tc.want, 1) {
					t.Errorf("sent %d; want %d ±1", info.Sent, tc.want)
				}
			})
		})
	}
}

func TestTimeoutAndPanicClasses(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := targetFunc(func(ctx context.Context, ev *Event) Outcome {
			switch ev.Index % 3 {
			case 0:
				<-ctx.Done()
				return ctxOutcome(ctx)
			case 1:
				panic("boom")
			}
			return Outcome{}
		})
		cfg := Config{Pacer: ConstantPacer{30}, Duration: time.Second, Concurrency: 30, Timeout: 100 * time.Millisecond}
		_, total := run(t, t.Context(), cfg, tgt)
		if total.Errors[string(ClassTimeout)] != 10 || total.Errors[string(ClassTargetPanic)] != 10 || total.OK != 10 {
			t.Errorf("errors %v, ok %d; want 10 timeout, 10 target_panic, 10 ok", total.Errors, total.OK)
		}
		if got := total.Samples[string(ClassTargetPanic)]; len(got) == 0 || got[0] != "target panicked: boom" {
			t.Errorf("panic samples %q", got)
		}
	})
}

// TestClosedLoopSendsExactlyMaxEvents: with several workers, the run ends
// when the last of MaxEvents deliveries finishes, so none of them is cut.
// (It once ended when the worker holding claim number MaxEvents finished,
// which stopped a worker with a lower claim before it took its event.)
// Real scheduling, many short runs: the cut needed a narrow interleaving.
func TestClosedLoopSendsExactlyMaxEvents(t *testing.T) {
	src := SourceFunc(func(ev *Event) { ev.Payload = append(ev.Payload[:0], '{', '}') })
	for i := range 300 {
		cfg := Config{Mode: Closed, MaxEvents: 40, Concurrency: 8}
		info, err := Run(t.Context(), cfg, src, instant, metrics.NewCollector(time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if info.Sent != 40 {
			t.Fatalf("run %d: sent %d of MaxEvents 40", i, info.Sent)
		}
	}
}
