package inproc

import (
	"context"
	"sync"
	"time"

	"github.com/disload/disload/internal/harness"
)

// executors run the calls that have a deadline on long-lived goroutines,
// so that the caller can stop waiting at the deadline while the handler
// runs on. A call costs two channel hand-offs instead of a new goroutine,
// and its payload copy reuses the executor's buffer instead of a fresh
// allocation.
//
// An executor serves one call at a time: the caller takes it from the idle
// list, copies the payload into its buffer, hands it the job and, once it
// has the result, puts it back. An executor whose call is abandoned is
// never put back: its jobs channel is closed, so its goroutine ends when
// the handler returns, and its buffer, which the handler may still be
// reading, is never written again.
type executors struct {
	fn     *function
	mu     sync.Mutex
	idle   []*executor // LIFO: the most recently used first
	closed bool
}

// executor is the caller's handle on one executor goroutine.
type executor struct {
	jobs chan job             // capacity 1: the caller never waits to hand over
	done chan harness.Outcome // capacity 1: the executor never waits to answer
	buf  []byte               // the payload copy; the handler's during a call
}

// job is one call for an executor.
type job struct {
	payload  []byte
	deadline time.Time
}

// run calls the handler on an executor with a copy of payload and waits
// for its result or for ctx to be done, whichever comes first.
func (x *executors) run(ctx context.Context, payload []byte, deadline time.Time) harness.Outcome {
	e := x.get()
	e.buf = append(e.buf[:0], payload...)
	e.jobs <- job{payload: e.buf, deadline: deadline}
	select {
	case out := <-e.done:
		x.put(e)
		return out
	case <-ctx.Done():
		close(e.jobs) // abandoned: the executor ends after the handler returns
		return ctxOutcome(ctx, "the handler was still running at its deadline: abandoned")
	}
}

// get returns an idle executor, or starts one.
func (x *executors) get() *executor {
	x.mu.Lock()
	if n := len(x.idle); n > 0 {
		e := x.idle[n-1]
		x.idle[n-1] = nil
		x.idle = x.idle[:n-1]
		x.mu.Unlock()
		return e
	}
	x.mu.Unlock()
	e := &executor{jobs: make(chan job, 1), done: make(chan harness.Outcome, 1)}
	go x.fn.serve(e.jobs, e.done)
	return e
}

// put makes e idle again, or ends it once the executors are closed.
func (x *executors) put(e *executor) {
	x.mu.Lock()
	if !x.closed {
		x.idle = append(x.idle, e)
		x.mu.Unlock()
		return
	}
	x.mu.Unlock()
	close(e.jobs)
}

// close ends the idle executors, and every executor put back later.
func (x *executors) close() {
	x.mu.Lock()
	idle := x.idle
	x.idle, x.closed = nil, true
	x.mu.Unlock()
	for _, e := range idle {
		close(e.jobs)
	}
}

// serve is an executor's goroutine: it runs jobs until jobs is closed. It
// holds the function and its channels, never the handle or the target.
func (f *function) serve(jobs <-chan job, done chan<- harness.Outcome) {
	for j := range jobs {
		done <- f.call(j.payload, j.deadline)
	}
}
