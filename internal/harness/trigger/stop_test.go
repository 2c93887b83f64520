package trigger

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/metrics"
)

// ctxTarget answers after delay, or canceled as soon as its context ends,
// as real targets do.
type ctxTarget struct{ delay time.Duration }

func (c ctxTarget) Invoke(ctx context.Context, _ *harness.Event) harness.Outcome {
	select {
	case <-time.After(c.delay):
		return harness.Outcome{}
	case <-ctx.Done():
		return harness.Outcome{Class: harness.ClassCanceled, Message: ctx.Err().Error()}
	}
}
func (ctxTarget) Close() error { return nil }

// TestStopProtocol: an interrupt (Ctrl-C) with an invocation in flight
// gives it Grace, then cancels it: the invocation is recorded as
// interrupted, never as a plain cancel; a second interrupt (Hurry) cuts
// Grace short. Both engines share the protocol (harness.Stop).
func TestStopProtocol(t *testing.T) {
	for _, tc := range []struct {
		name  string
		hurry bool
		want  time.Duration // from the interrupt to Run's return
	}{
		{"grace runs out", false, 500 * time.Millisecond},
		{"second interrupt", true, 100 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, interrupt := context.WithCancel(t.Context())
				hurry := make(chan struct{})
				cfg := Config{Format: testFormat, RecordRate: 100, Duration: time.Minute, Poll: 100 * time.Millisecond, Serial: true,
					Grace: 500 * time.Millisecond, Hurry: hurry}
				time.AfterFunc(time.Second, interrupt)
				if tc.hurry {
					time.AfterFunc(time.Second+100*time.Millisecond, func() { close(hurry) })
				}
				col := metrics.NewCollector(time.Second)
				res, err := Run(ctx, cfg, uniform(1, 10), ctxTarget{delay: time.Hour}, col)
				if err != nil {
					t.Fatal(err)
				}
				if !res.Interrupted || res.Elapsed != time.Second+tc.want {
					t.Errorf("interrupted %v, elapsed %v; want true, %v", res.Interrupted, res.Elapsed, time.Second+tc.want)
				}
				tot := col.Total()
				if tot.Errors[string(harness.ClassInterrupted)] != 1 || tot.Errors[string(harness.ClassCanceled)] != 0 {
					t.Errorf("results by class %v; want 1 %s", tot.Errors, harness.ClassInterrupted)
				}
				if msgs := tot.Samples[string(harness.ClassInterrupted)]; len(msgs) != 1 || !strings.Contains(msgs[0], "after the stop: canceled") {
					t.Errorf("messages %q", msgs)
				}
				if res.Abandoned != 0 || res.Scheduled != 1 || res.Sent != 1 || res.Drain != tc.want {
					t.Errorf("abandoned %d, scheduled %d, sent %d, drain %v; want 0, 1, 1, %v",
						res.Abandoned, res.Scheduled, res.Sent, res.Drain, tc.want)
				}
			})
		})
	}
}
