package inproc

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

// TestCall: Call is Invoke for a payload, with the runtime's classes and
// the deadline of ctx.
func TestCall(t *testing.T) {
	var block chan struct{} // made in each test's bubble
	for _, tc := range []struct {
		name    string
		h       Handler
		payload string
		timeout time.Duration
		class   string
		message string
	}{
		{"ok", Noop, "{}", 0, "", ""},
		{"error", func([]byte, RuntimeContext) (any, error) { return "x", errors.New("boom") }, "{}", 0, ClassReturnError, "boom"},
		{"nil result", func([]byte, RuntimeContext) (any, error) { return nil, nil }, "{}", 0, ClassReturnError, "response is empty"},
		{"panic", func([]byte, RuntimeContext) (any, error) { panic("oops") }, "{}", time.Second, ClassPanic, "oops"},
		{"empty payload", Noop, "", 0, ClassBadRequest, "bad request parameters"},
		{"deadline", func([]byte, RuntimeContext) (any, error) { <-block; return "late", nil }, "{}", time.Second, "timeout", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				block = make(chan struct{})
				defer close(block)
				tgt, err := NewTarget(tc.h, Options{})
				if err != nil {
					t.Fatal(err)
				}
				defer tgt.Close()
				ctx := context.Background()
				if tc.timeout > 0 {
					var cancel context.CancelFunc
					ctx, cancel = context.WithTimeout(ctx, tc.timeout)
					defer cancel()
				}
				res := tgt.Call(ctx, []byte(tc.payload))
				if res.Class != tc.class || tc.message != "" && res.Message != tc.message || res.OK() != (tc.class == "") {
					t.Errorf("Call = %+v (ok %v), want class %q message %q", res, res.OK(), tc.class, tc.message)
				}
			})
		})
	}
}
