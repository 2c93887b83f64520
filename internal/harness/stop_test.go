package harness

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

func TestInterruptReturnsWithinGrace(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(1500*time.Millisecond, cancel)
		cfg := Config{Pacer: ConstantPacer{20}, Duration: 10 * time.Second, Concurrency: 50}
		info, total := run(t, ctx, cfg, sleeper(fixed(500*time.Millisecond)))
		if !info.Interrupted || info.Ended != "interrupted" || info.Elapsed != 1500*time.Millisecond {
			t.Errorf("interrupted %v, ended %q, elapsed %v; want true, interrupted, 1.5s", info.Interrupted, info.Ended, info.Elapsed)
		}
		// In flight at the stop: the 10 sent in (1s, 1.5s]; they finish normally.
		if info.Drain > 500*time.Millisecond || info.Abandoned != 0 || total.Failed != 0 || !near(info.Sent, 30, 1) {
			t.Errorf("drain %v, abandoned %d, failed %d, sent %d; want <= 500ms, 0, 0, 30",
				info.Drain, info.Abandoned, total.Failed, info.Sent)
		}
	})
}

func TestStuckTargetAbandonedAfterGrace(t *testing.T) {
	for _, tc := range []struct {
		name         string
		honorsCancel bool
		abandoned    int64
	}{
		{"returns when canceled", true, 0},
		{"never answers", false, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				release := make(chan struct{})
				defer close(release) // let the stuck goroutines end with the bubble
				tgt := targetFunc(func(ctx context.Context, ev *Event) Outcome {
					if tc.honorsCancel {
						<-ctx.Done()
						return ctxOutcome(ctx)
					}
					<-release
					return Outcome{}
				})
				cfg := Config{Pacer: ConstantPacer{10}, Duration: time.Second, Concurrency: 3, Grace: time.Second}
				info, total := run(t, t.Context(), cfg, tgt)
				t.Logf("%+v", *info)
				if info.Drain > cfg.Grace+SettleTime+10*time.Millisecond || info.Abandoned != tc.abandoned {
					t.Errorf("drain %v, abandoned %d; want <= grace+settle, %d", info.Drain, info.Abandoned, tc.abandoned)
				}
				if total.Errors[string(ClassInterrupted)] != 3 || total.Sent != 3 {
					t.Errorf("errors %v, sent %d; want 3 interrupted of 3", total.Errors, total.Sent)
				}
			})
		})
	}
}
