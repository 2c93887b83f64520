package harness

import "time"

// settleTime is how long the engine waits, after canceling the deliveries
// still in flight at the end of the grace period, for targets to return
// before it abandons them.
const settleTime = 100 * time.Millisecond

// finish runs after the stop: no new sends; deliveries in flight get Grace
// to finish, then their contexts are canceled, and those whose target still
// does not return within settleTime are recorded as "interrupted" and
// abandoned.
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
	if !r.waitGrace(all) {
		r.abandon()
		if !WaitFor(all, settleTime) {
			r.steal(all)
		}
	}
	r.drain = r.since() - r.stopAt
	r.stopProgress()
}

// waitGrace waits for all up to Grace, or until the run is hurried.
func (r *runner) waitGrace(all <-chan struct{}) bool {
	t := time.NewTimer(r.cfg.Grace)
	defer t.Stop()
	select {
	case <-all:
		return true
	case <-t.C:
	case <-r.opt.hurry:
	}
	return false
}

// WaitFor waits until done is closed or d has passed and reports whether
// done was closed: the bounded wait of a graceful stop.
func WaitFor(done <-chan struct{}, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}

// steal records every delivery still inside its target as interrupted and
// takes over its worker's recorder. Workers running engine code are about
// to exit or to enter their target; it polls until each is one or the other.
func (r *runner) steal(all <-chan struct{}) {
	for {
		waiting := false
		for _, w := range r.workers {
			switch w.state.Load() {
			case stateBusy:
				if w.state.CompareAndSwap(stateBusy, stateAbandoned) {
					r.recordAbandoned(w)
				} else {
					waiting = true
				}
			case stateIdle:
				waiting = true
			}
		}
		if !waiting || WaitFor(all, time.Millisecond) {
			return
		}
	}
}

// recordAbandoned records w's delivery as interrupted; w is abandoned, so
// its recorder is the engine's now.
func (r *runner) recordAbandoned(w *worker) {
	res := w.cur
	res.End = r.since()
	res.Class = ClassInterrupted
	res.Message = r.abandonMessage() + ", the target did not return: abandoned"
	w.rec.Record(&res)
	w.rec.Flush()
	r.svcSum.Add(int64(w.svcSum))
	r.svcN.Add(w.svcN)
	r.abandoned++
	r.done.Add(1)
	r.inFlight.Add(-1)
}
