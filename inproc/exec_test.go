package inproc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/internal/harness"
)

// executorGoroutines counts the executor goroutines alive in the process,
// from a goroutine profile: a count independent of the code under test.
func executorGoroutines(t testing.TB) int {
	t.Helper()
	var buf bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&buf, 2); err != nil {
		t.Fatal(err)
	}
	return strings.Count(buf.String(), "inproc.(*function).serve(")
}

// echo fails every call with the payload it read as the message, so an
// outcome tells which payload its handler saw; a payload starting with
// "slow" first sleeps for an hour.
func echo(p []byte, _ RuntimeContext) (any, error) {
	if bytes.HasPrefix(p, []byte("slow")) {
		time.Sleep(time.Hour)
	}
	return "x", errors.New(string(p))
}

func TestInvokeWithDeadline(t *testing.T) {
	const abandoned = "the handler was still running at its deadline: abandoned"
	for _, tc := range []struct {
		name     string
		h        Handler
		cancelAt time.Duration // 0: never canceled
		class    harness.Class
		msg      string
		took     time.Duration
	}{
		{"in time", Sleep(50 * time.Millisecond), 0, "", "", 50 * time.Millisecond},
		{"just in time", Sleep(100*time.Millisecond - time.Nanosecond), 0, "", "", 100*time.Millisecond - time.Nanosecond},
		{"too slow", Sleep(time.Hour), 0, harness.ClassTimeout, abandoned, 100 * time.Millisecond},
		{"error", handlerOf("x", errors.New("bad")), 0, harness.ClassReturnError, "bad", 0},
		{"panics", panics("late boom"), 0, harness.ClassPanic, "late boom", 0},
		{"canceled", Sleep(time.Hour), 30 * time.Millisecond, harness.ClassCanceled, "the call was canceled: context canceled", 30 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tgt := newTarget(tc.name, tc.h, Options{})
				defer tgt.Close()
				ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
				defer cancel()
				if tc.cancelAt > 0 {
					time.AfterFunc(tc.cancelAt, cancel)
				}
				start := time.Now()
				out := tgt.Invoke(ctx, &harness.Event{Payload: []byte("{}")})
				if out.Class != tc.class || out.Message != tc.msg || time.Since(start) != tc.took {
					t.Errorf("Invoke = %+v after %v; want {Class:%s Message:%s} after %v", out, time.Since(start), tc.class, tc.msg, tc.took)
				}
				time.Sleep(2 * time.Hour) // an abandoned handler ends inside the bubble
			})
		})
	}
}

// TestAbandonedResultDiscarded: the result of an abandoned handler never
// reaches a later call, while it runs or after it ended; its executor is
// not reused and ends with the handler.
func TestAbandonedResultDiscarded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		base := executorGoroutines(t)
		tgt := newTarget("echo", echo, Options{})
		defer tgt.Close()
		invoke := func(payload string) harness.Outcome {
			ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
			defer cancel()
			return tgt.Invoke(ctx, &harness.Event{Payload: []byte(payload)})
		}
		if out := invoke("slow 1"); out.Class != harness.ClassTimeout {
			t.Fatalf("slow call: %+v; want a timeout", out)
		}
		for _, step := range []struct {
			wait      time.Duration // before the calls: 2h lets the slow handler end
			executors int           // executor goroutines after the calls
		}{{0, 2}, {2 * time.Hour, 1}} {
			time.Sleep(step.wait)
			for i := range 3 {
				want := fmt.Sprintf("fast %d after %v", i, step.wait)
				if out := invoke(want); out.Class != harness.ClassReturnError || out.Message != want {
					t.Errorf("call %q = %+v; want its own result", want, out)
				}
			}
			synctest.Wait()
			if n := executorGoroutines(t) - base; n != step.executors {
				t.Errorf("%v after the slow call: %d executors; want %d", step.wait, n, step.executors)
			}
		}
	})
}

// TestAbandonedPayloadKept: the caller reuses its buffer, and later calls
// reuse executors, while an abandoned handler still reads its payload.
func TestAbandonedPayloadKept(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		seen := make(chan string, 1)
		h := func(p []byte, _ RuntimeContext) (any, error) {
			if bytes.HasPrefix(p, []byte("slow")) {
				time.Sleep(time.Second)
				seen <- string(p)
			}
			return "ok", nil
		}
		tgt := newTarget("copy", h, Options{})
		defer tgt.Close()
		ctx, cancel := context.WithTimeout(t.Context(), time.Millisecond)
		defer cancel()
		ev := &harness.Event{Payload: []byte("slow original")}
		if out := tgt.Invoke(ctx, ev); out.Class != harness.ClassTimeout {
			t.Fatalf("Invoke = %+v; want a timeout", out)
		}
		copy(ev.Payload, "REUSED!!!!!!!")
		for i := range 4 {
			ev.Payload = fmt.Appendf(ev.Payload[:0], "next call %d with a longer payload", i)
			if out := tgt.Invoke(t.Context(), ev); !out.OK() {
				t.Fatalf("call %d: %+v", i, out)
			}
			deadline, cancel := context.WithTimeout(t.Context(), time.Minute)
			if out := tgt.Invoke(deadline, ev); !out.OK() {
				t.Fatalf("call %d with a deadline: %+v", i, out)
			}
			cancel()
		}
		if got := <-seen; got != "slow original" {
			t.Errorf("the abandoned handler read %q; want its own copy %q", got, "slow original")
		}
	})
}

// TestExecutorsDoNotLeak: executors are as many as the calls at once, an
// abandoned one lives as long as its handler, and Close ends the rest.
func TestExecutorsDoNotLeak(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		base := executorGoroutines(t)
		h := func(p []byte, _ RuntimeContext) (any, error) {
			if string(p) == "slow" {
				time.Sleep(time.Hour)
			}
			time.Sleep(time.Millisecond)
			return "ok", nil
		}
		tgt := newTarget("leak", h, Options{})
		invoke := func(payload string, timeout time.Duration) harness.Outcome {
			ctx, cancel := context.WithTimeout(t.Context(), timeout)
			defer cancel()
			return tgt.Invoke(ctx, &harness.Event{Payload: []byte(payload)})
		}
		check := func(when string, want int) {
			t.Helper()
			synctest.Wait()
			if n := executorGoroutines(t) - base; n != want {
				t.Errorf("%s: %d executor goroutines; want %d", when, n, want)
			}
		}
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				for range 100 {
					if out := invoke("fast", time.Second); !out.OK() {
						t.Errorf("fast call: %+v", out)
					}
				}
			})
		}
		wg.Wait()
		check("after 800 calls, 8 at a time", 8)
		for range 3 {
			if out := invoke("slow", 10*time.Millisecond); out.Class != harness.ClassTimeout {
				t.Errorf("slow call: %+v; want a timeout", out)
			}
		}
		check("with 3 handlers abandoned", 8)
		tgt.Close()
		check("after Close", 3)
		if out := invoke("fast", time.Second); !out.OK() {
			t.Errorf("a call after Close: %+v", out)
		}
		check("after a call after Close", 3)
		time.Sleep(2 * time.Hour)
		check("after the abandoned handlers ended", 0)
	})
}

// TestConcurrentInvoke: concurrent calls, some abandoned, each reusing its
// caller's buffer at once; run it with -race.
func TestConcurrentInvoke(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var corrupt atomic.Int64
		h := func(p []byte, _ RuntimeContext) (any, error) {
			id, _, _ := bytes.Cut(p, []byte(";"))
			if bytes.HasPrefix(p, []byte("slow")) {
				time.Sleep(time.Second)
			}
			if !bytes.Equal(p, payloadFor(string(id))) {
				corrupt.Add(1)
			}
			return "x", errors.New(string(p))
		}
		tgt := newTarget("race", h, Options{})
		defer tgt.Close()
		var wg sync.WaitGroup
		for w := range 8 {
			wg.Go(func() {
				ev := &harness.Event{}
				for i := range 50 {
					id := fmt.Sprintf("fast %d-%d", w, i)
					if i%5 == 0 {
						id = fmt.Sprintf("slow %d-%d", w, i)
					}
					ev.Payload = append(ev.Payload[:0], payloadFor(id)...)
					ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
					out := tgt.Invoke(ctx, ev)
					cancel()
					if i%5 == 0 && out.Class != harness.ClassTimeout || i%5 != 0 && out.Message != string(ev.Payload) {
						t.Errorf("call %s: %+v", id, out)
					}
					copy(ev.Payload, bytes.Repeat([]byte("X"), len(ev.Payload)))
				}
			})
		}
		wg.Wait()
		time.Sleep(time.Hour)
		if n := corrupt.Load(); n > 0 {
			t.Errorf("%d handlers read a payload that was not theirs", n)
		}
	})
}

// payloadFor is id repeated, a payload whose handler can tell it intact.
func payloadFor(id string) []byte {
	return []byte(strings.Repeat(id+";", 1+len(id)%7*20))
}

// TestDroppedTargetEndsExecutors: a target dropped without Close ends its
// idle executors once it is garbage collected.
func TestDroppedTargetEndsExecutors(t *testing.T) {
	base := executorGoroutines(t)
	func() {
		tgt := newTarget("dropped", Noop, Options{})
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if out := tgt.Invoke(ctx, &harness.Event{Payload: []byte("{}")}); !out.OK() {
			t.Fatal(out)
		}
	}()
	if n := executorGoroutines(t) - base; n != 1 {
		t.Fatalf("%d executors after a call; want 1", n)
	}
	for end := time.Now().Add(10 * time.Second); executorGoroutines(t) > base; {
		if time.Now().After(end) {
			t.Fatalf("%d executors remain 10s after the target was dropped", executorGoroutines(t)-base)
		}
		runtime.GC()
		runtime.Gosched()
	}
}

// TestDeadlineAllocatesNothing: once its executor exists, a call with a
// deadline allocates nothing of the target's own, whatever the payload size.
func TestDeadlineAllocatesNothing(t *testing.T) {
	tgt := newTarget("noop", Noop, Options{})
	defer tgt.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	for _, size := range []int{2, 1 << 10, 100 << 10} {
		ev := &harness.Event{Payload: bytes.Repeat([]byte("x"), size)}
		if n := testing.AllocsPerRun(200, func() { tgt.Invoke(ctx, ev) }); n != 0 {
			t.Errorf("%d-byte payload: Invoke with a deadline allocates %.1f times per call; want 0", size, n)
		}
	}
}
