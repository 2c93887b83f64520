package harness

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// waitCtx answers as real targets do: canceled or timeout when its
// context ends first.
var waitCtx = targetFunc(func(ctx context.Context, _ *Event) Outcome {
	select {
	case <-time.After(time.Hour):
		return Outcome{}
	case <-ctx.Done():
		if ctx.Err() == context.DeadlineExceeded {
			return Outcome{Class: ClassTimeout, Message: "deadline"}
		}
		return Outcome{Class: ClassCanceled, Message: "canceled"}
	}
})

// TestDeliverer: the one delivery path of every engine bounds a delivery
// by the timeout, makes a panic a failed delivery, classes a cancel by the
// stop protocol as interrupted, and leaves a target's own cancel alone.
func TestDeliverer(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tgt     Target
		timeout time.Duration
		cancel  bool // Cancel while the delivery is in flight
		class   Class
		msg     string
	}{
		{"ok", instant, time.Second, false, OK, ""},
		{"timeout", waitCtx, time.Second, false, ClassTimeout, "deadline"},
		{"stop cancels", waitCtx, 0, true, ClassInterrupted, "still in flight 3s after the stop: canceled: canceled"},
		{"target's own cancel", targetFunc(func(context.Context, *Event) Outcome {
			return Outcome{Class: ClassCanceled, Message: "pool closed"}
		}), 0, false, ClassCanceled, "pool closed"},
		{"panic", targetFunc(func(context.Context, *Event) Outcome { panic("boom") }), time.Second, false,
			ClassTargetPanic, "target panicked: boom"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				d := NewDeliverer(t.Context(), tc.tgt, tc.timeout, 3*time.Second)
				if tc.cancel {
					time.AfterFunc(time.Second, d.Cancel)
				}
				start := time.Now()
				out := d.Invoke(&Event{})
				if out.Class != tc.class || !strings.Contains(out.Message, tc.msg) {
					t.Errorf("Invoke = %+v; want class %q, message %q", out, tc.class, tc.msg)
				}
				if tc.class == ClassTimeout && time.Since(start) != tc.timeout {
					t.Errorf("timed out after %v, want %v", time.Since(start), tc.timeout)
				}
				if d.Canceled() != tc.cancel {
					t.Errorf("Canceled() = %v", d.Canceled())
				}
			})
		})
	}
}
