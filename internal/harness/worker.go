package harness

import (
	"time"

	"github.com/disload/disload/internal/metrics"
)

// worker delivers events one at a time and records their results in its
// slot's metrics.Recorder.
type worker struct {
	Slot
	r      *runner
	pooled bool  // an open-loop worker: counts itself in r.idle
	cause  int32 // why its hand-over was late (a cause*)
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
		w.Rec, r.spareRecs[n-1] = r.spareRecs[n-1], nil
		r.spareRecs = r.spareRecs[:n-1]
	} else {
		w.Rec = r.col.NewRecorder()
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
			w.Rec.Flush()
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
		// The run ends when the last of the MaxEvents deliveries finishes,
		// not when the worker that claimed number MaxEvents finishes: a
		// worker with a lower claim may not have taken its event from the
		// feed yet, and the stop would cut it.
		if m > 0 && r.delivered.Add(1) == m {
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
	w.Cur = metrics.Result{Intended: intended, Start: start, Records: ev.Records, Bytes: ev.PayloadBytes}
	w.Begin()
	r.sent.Add(1)
	out := r.del.Invoke(ev)
	if !w.End() {
		return false // the target may still hold ev: never reuse it
	}
	w.record(out)
	r.feed.release(ev)
	return true
}

func (w *worker) record(out Outcome) {
	r := w.r
	w.Cur.End = r.since()
	w.Cur.Class, w.Cur.Message, w.Cur.StaleRetries = string(out.Class), out.Message, out.StaleRetries
	w.Rec.Record(&w.Cur)
	if lag := w.Cur.Start - w.Cur.Intended; lag > w.maxLag {
		w.maxLag = lag
		r.noteBehind(lag, w.cause)
	}
	w.svcSum += w.Cur.End - w.Cur.Start
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
	if w.Exit() {
		r.svcSum.Add(int64(w.svcSum))
		r.svcN.Add(w.svcN)
	}
	r.nworkers.Add(-1)
	r.wg.Done()
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

// finish runs after the stop: no new sends, then the stop protocol
// (stop.go); abandoned deliveries are results of class interrupted.
func (r *runner) finish() {
	r.stopFlusher() // it sends on r.work
	if r.work != nil {
		close(r.work)
	}
	r.feed.close()
	all := make(chan struct{})
	go func() {
		r.wg.Wait()
		close(all)
	}()
	stop := Stop{Grace: r.cfg.Grace, Hurry: r.opt.hurry, Deliverer: r.del, Now: r.since}
	r.abandoned = int64(stop.Finish(all, r.slots, r.reapAbandoned))
	r.drain = r.since() - r.stopAt
	r.stopProgress()
}

// slots yields the slots of the workers not yet reaped.
func (r *runner) slots(yield func(*Slot) bool) {
	for _, w := range r.workers {
		if !yield(&w.Slot) {
			return
		}
	}
}

// reapAbandoned hands in the figures of the worker of an abandoned slot.
func (r *runner) reapAbandoned(s *Slot) {
	for _, w := range r.workers {
		if &w.Slot == s {
			r.svcSum.Add(int64(w.svcSum))
			r.svcN.Add(w.svcN)
		}
	}
	r.done.Add(1)
	r.inFlight.Add(-1)
}
