package harness

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/disload/disload/internal/metrics"
)

// Worker states. The engine takes over a worker's recorder only by moving
// it from busy to abandoned; a worker that finds itself abandoned after
// Invoke returns touches nothing and exits.
const (
	stateIdle      int32 = iota // running engine code; owns its recorder
	stateBusy                   // inside Target.Invoke
	stateAbandoned              // the engine recorded the delivery and owns the recorder
	stateExited                 // done, recorder flushed
)

// worker delivers events one at a time and records their results in its
// own metrics.Recorder.
type worker struct {
	r      *runner
	rec    *metrics.Recorder
	state  atomic.Int32
	pooled bool           // an open-loop worker: counts itself in r.idle
	cur    metrics.Result // the delivery in progress
	cause  int32          // why its hand-over was late (a cause*)
	maxLag time.Duration
	svcSum time.Duration
	svcN   int64
}

// spawn starts a worker running loop, with a recorder of a worker that
// exited when there is one. Only the goroutine that called Run spawns and
// reaps, so r.workers and r.spareRecs need no lock.
func (r *runner) spawn(loop func(*worker)) {
	w := &worker{r: r}
	if n := len(r.spareRecs); n > 0 {
		w.rec, r.spareRecs[n-1] = r.spareRecs[n-1], nil
		r.spareRecs = r.spareRecs[:n-1]
	} else {
		w.rec = r.col.NewRecorder()
	}
	r.workers = append(r.workers, w)
	r.started++
	r.peak = max(r.peak, int(r.nworkers.Add(1)))
	r.wg.Add(1)
	go loop(w)
}

// openLoop delivers the jobs the dispatcher admits, until the queue closes
// or the dispatcher tells it to quit (a job without an event). A job
// admitted before the stop is delivered even if a worker picks it up just
// after: it was due, and it counts as in flight from its admission.
func (w *worker) openLoop() {
	defer w.exit()
	w.pooled = true
	for j := range w.r.work {
		if j.flush {
			w.rec.Flush()
			continue
		}
		if j.ev == nil {
			w.r.retiring.Add(-1)
			return
		}
		w.cause = j.cause
		if !w.deliver(j.ev, j.intended) {
			return
		}
	}
}

// closedLoop sends back to back until the stop or MaxEvents; the intended
// start is the actual start.
func (w *worker) closedLoop() {
	defer w.exit()
	r := w.r
	for !r.isStopped() {
		n, m := r.claimed.Add(1), r.cfg.MaxEvents
		if m > 0 && n > m {
			return
		}
		ev, ok := r.feed.next(r.stopped)
		if !ok {
			return
		}
		r.scheduled.Add(1)
		r.inFlight.Add(1)
		if !w.deliver(ev, -1) {
			return
		}
		if n == m {
			r.stopRun(errMaxEvents)
		}
	}
}

// closedLoop runs Concurrency workers (no more than MaxEvents) until the
// stop.
func (r *runner) closedLoop() {
	n := int64(r.cfg.Concurrency)
	if m := r.cfg.MaxEvents; m > 0 {
		n = min(n, m)
	}
	for range n {
		r.spawn((*worker).closedLoop)
	}
	<-r.stopped
	r.markStop()
}

// deliver sends ev and records the result (intended < 0: the actual
// start). It returns false when the engine abandoned the delivery: the
// worker must then exit at once.
func (w *worker) deliver(ev *Event, intended time.Duration) bool {
	r := w.r
	start := r.since()
	if intended < 0 {
		intended = start
	}
	w.cur = metrics.Result{Intended: intended, Start: start, Records: ev.Records, Bytes: ev.PayloadBytes}
	w.state.Store(stateBusy)
	r.sent.Add(1)
	out := r.invoke(ev)
	if !w.state.CompareAndSwap(stateBusy, stateIdle) {
		return false // the target may still hold ev: never reuse it
	}
	w.record(out)
	r.feed.release(ev)
	return true
}

func (w *worker) record(out Outcome) {
	r := w.r
	w.cur.End = r.since()
	w.cur.Class, w.cur.Message, w.cur.StaleRetries = out.Class, out.Message, out.StaleRetries
	w.rec.Record(&w.cur)
	if lag := w.cur.Start - w.cur.Intended; lag > w.maxLag {
		w.maxLag = lag
		r.noteBehind(lag, w.cause)
	}
	w.svcSum += w.cur.End - w.cur.Start
	w.svcN++
	r.done.Add(1)
	if w.pooled {
		r.idle.Add(1) // before the slot frees: the next job finds this worker
	}
	r.inFlight.Add(-1)
	if r.freed != nil {
		select {
		case r.freed <- struct{}{}:
		default:
		}
	}
}

// exit flushes the recorder, unless the engine took it over.
func (w *worker) exit() {
	r := w.r
	if w.state.Load() != stateAbandoned {
		w.rec.Flush()
		r.svcSum.Add(int64(w.svcSum))
		r.svcN.Add(w.svcN)
		w.state.Store(stateExited)
	}
	r.nworkers.Add(-1)
	r.wg.Done()
}

// invoke calls the target with the per-delivery context.
func (r *runner) invoke(ev *Event) (out Outcome) {
	ctx := r.invokeCtx
	if r.cfg.Timeout > 0 {
		dctx := withDeadline(ctx, time.Now().Add(r.cfg.Timeout))
		defer dctx.release()
		ctx = dctx
	}
	defer func() {
		if v := recover(); v != nil {
			out = Outcome{Class: ClassTargetPanic, Message: fmt.Sprintf("target panicked: %v", v)}
		}
	}()
	out = r.tgt.Invoke(ctx, ev)
	if out.Class == ClassCanceled && r.invokeCtx.Err() != nil {
		out = Outcome{Class: ClassInterrupted, Message: r.abandonMessage() + ": " + out.Message}
	}
	return out
}

func (r *runner) abandonMessage() string {
	return fmt.Sprintf("still in flight %s after the stop: canceled", r.cfg.Grace)
}

// isStopped reports whether the run has stopped.
func (r *runner) isStopped() bool {
	select {
	case <-r.stopped:
		return true
	default:
		return false
	}
}
