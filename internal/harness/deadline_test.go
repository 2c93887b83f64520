package harness

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

type ctxKey struct{}

// TestDeadlineCtxLikeWithDeadline: the delivery context ends as
// context.WithDeadline's does, whether a target watches Done or only
// reads Err, and whatever ends it first.
func TestDeadlineCtxLikeWithDeadline(t *testing.T) {
	for _, tc := range []struct {
		name     string
		useDone  bool
		cancelAt time.Duration // when the parent is canceled; 0 = never
		want     error
		at       time.Duration // when the context ends
	}{
		{"deadline, Err only", false, 0, context.DeadlineExceeded, 100 * time.Millisecond},
		{"deadline, Done", true, 0, context.DeadlineExceeded, 100 * time.Millisecond},
		{"parent first, Err only", false, 40 * time.Millisecond, context.Canceled, 40 * time.Millisecond},
		{"parent first, Done", true, 40 * time.Millisecond, context.Canceled, 40 * time.Millisecond},
		{"parent after the deadline", true, 150 * time.Millisecond, context.DeadlineExceeded, 100 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				parent, cancel := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "v"))
				defer cancel()
				if tc.cancelAt > 0 {
					time.AfterFunc(tc.cancelAt, cancel)
				}
				start := time.Now()
				ctx := withDeadline(parent, start.Add(100*time.Millisecond))
				release := ctx.release
				defer release()
				if d, ok := ctx.Deadline(); !ok || !d.Equal(start.Add(100*time.Millisecond)) || ctx.Value(ctxKey{}) != "v" {
					t.Fatalf("Deadline %v %v, Value %v", d, ok, ctx.Value(ctxKey{}))
				}
				if tc.useDone {
					<-ctx.Done()
				} else {
					for ctx.Err() == nil {
						time.Sleep(time.Millisecond)
					}
				}
				// Polling Err every 1 ms may see a cancellation at the
				// same instant one poll late.
				if took := time.Since(start); took < tc.at || took > tc.at+time.Millisecond || !errors.Is(ctx.Err(), tc.want) {
					t.Errorf("ended after %v with %v; want %v with %v", took, ctx.Err(), tc.at, tc.want)
				}
				time.Sleep(100 * time.Millisecond) // the other cause comes later: the error stays
				if !errors.Is(ctx.Err(), tc.want) {
					t.Errorf("Err changed to %v", ctx.Err())
				}
				select {
				case <-ctx.Done():
				default:
					t.Error("Done not closed after Err reported the end")
				}
			})
		})
	}
}

// TestDeadlineCtxRelease: release ends the context with Canceled, as a
// CancelFunc does, disarms the timer, and a Done asked for afterwards is
// closed.
func TestDeadlineCtxRelease(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		armed := withDeadline(context.Background(), time.Now().Add(time.Hour))
		release := armed.release
		done := armed.Done()
		release()
		<-done
		if !errors.Is(armed.Err(), context.Canceled) {
			t.Errorf("Err after release = %v; want Canceled", armed.Err())
		}
		lazy := withDeadline(context.Background(), time.Now().Add(time.Hour))
		release2 := lazy.release
		release2()
		<-lazy.Done()
		release2() // twice is harmless
	})
}

// TestDeadlineCtxEarlierParentDeadline: a parent's earlier deadline wins.
func TestDeadlineCtxEarlierParentDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		ctx := withDeadline(parent, time.Now().Add(time.Second))
		release := ctx.release
		defer release()
		if d, _ := ctx.Deadline(); !d.Equal(time.Now().Add(10 * time.Millisecond)) {
			t.Errorf("Deadline %v; want the parent's", d)
		}
		<-ctx.Done()
		if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			t.Errorf("Err = %v", ctx.Err())
		}
	})
}

// BenchmarkDeliveryContext compares a delivery's context with
// context.WithTimeout, for a target that reads Err and Deadline only:
//
//	go test -run '^$' -bench DeliveryContext -benchmem ./harness
func BenchmarkDeliveryContext(b *testing.B) {
	parent, cancel := context.WithCancel(context.Background())
	defer cancel()
	use := func(ctx context.Context) {
		if ctx.Err() != nil {
			b.Fatal("ended")
		}
		ctx.Deadline()
	}
	b.Run("withDeadline", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				ctx := withDeadline(parent, time.Now().Add(time.Minute))
				release := ctx.release
				use(ctx)
				release()
			}
		})
	})
	b.Run("context.WithTimeout", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				ctx, release := context.WithTimeout(parent, time.Minute)
				use(ctx)
				release()
			}
		})
	})
}
