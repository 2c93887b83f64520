package harness

import (
	"iter"
	"sync/atomic"
	"time"

	"github.com/disload/disload/internal/metrics"
)

// SettleTime is how long the stop protocol waits, after canceling the
// deliveries still in flight at the end of the grace period, for targets
// to return before it abandons them.
const SettleTime = 100 * time.Millisecond

// Slot states. The stop protocol takes over a slot's recorder only by
// moving it from busy to abandoned; a worker that finds its slot abandoned
// after the target returns touches nothing and exits.
const (
	stateIdle      int32 = iota // running engine code; the worker owns its recorder
	stateBusy                   // inside the target
	stateAbandoned              // the stop protocol recorded the delivery and owns the recorder
	stateExited                 // done, recorder flushed
)

// Slot is one worker's delivery in progress and its recorder, shared by
// the worker and the stop protocol (Stop.Finish) of every engine.
type Slot struct {
	state atomic.Int32
	// Rec records the worker's results.
	Rec *metrics.Recorder
	// Cur is the delivery in progress: set before Begin; when the stop
	// protocol abandons it, it fills End, Class and Message and records it.
	Cur metrics.Result
}

// Begin marks the slot inside its target.
func (s *Slot) Begin() { s.state.Store(stateBusy) }

// End marks the slot back in engine code after the target returned. It
// returns false when the stop protocol abandoned the delivery meanwhile:
// the worker must then touch neither the recorder nor the event, and exit.
func (s *Slot) End() bool { return s.state.CompareAndSwap(stateBusy, stateIdle) }

// Exit flushes the recorder unless the stop protocol took it over, and
// reports whether it did: the worker's own figures are then its to hand in.
func (s *Slot) Exit() bool {
	if s.state.Load() == stateAbandoned {
		return false
	}
	s.Rec.Flush()
	s.state.Store(stateExited)
	return true
}

// Exited reports whether the worker exited (Exit) or was abandoned: its
// figures no longer change.
func (s *Slot) Exited() bool {
	st := s.state.Load()
	return st == stateExited || st == stateAbandoned
}

// Stop is the one stop protocol of every engine: after the stop, no new
// sends; deliveries in flight get Grace to finish (cut short when Hurry is
// closed: a second interrupt), then the Deliverer cancels them, and those
// whose target still does not return within SettleTime are recorded as
// ClassInterrupted and abandoned.
type Stop struct {
	Grace     time.Duration
	Hurry     <-chan struct{} // nil: never
	Deliverer *Deliverer
	Now       func() time.Duration // the run's clock, for the End of abandoned deliveries
}

// Finish runs the protocol. all is closed when every worker has returned;
// slots lists the workers' slots (called only after Grace and SettleTime
// ran out, when no worker is started any more). abandoned, if not nil, is
// called for each abandoned slot after its delivery was recorded and its
// recorder flushed. Finish returns how many deliveries it abandoned.
func (s Stop) Finish(all <-chan struct{}, slots iter.Seq[*Slot], abandoned func(*Slot)) int {
	if s.waitGrace(all) {
		s.Deliverer.Cancel()
		return 0
	}
	s.Deliverer.Cancel()
	if WaitFor(all, SettleTime) {
		return 0
	}
	return s.steal(all, slots, abandoned)
}

// waitGrace waits for all up to Grace, or until Hurry is closed.
func (s Stop) waitGrace(all <-chan struct{}) bool {
	t := time.NewTimer(s.Grace)
	defer t.Stop()
	select {
	case <-all:
		return true
	case <-t.C:
	case <-s.Hurry:
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
func (s Stop) steal(all <-chan struct{}, slots iter.Seq[*Slot], abandoned func(*Slot)) int {
	n := 0
	for {
		waiting := false
		for sl := range slots {
			switch sl.state.Load() {
			case stateBusy:
				if sl.state.CompareAndSwap(stateBusy, stateAbandoned) {
					s.record(sl)
					n++
					if abandoned != nil {
						abandoned(sl)
					}
				} else {
					waiting = true
				}
			case stateIdle:
				waiting = true
			}
		}
		if !waiting || WaitFor(all, time.Millisecond) {
			return n
		}
	}
}

// record records sl's delivery as interrupted; sl is abandoned, so its
// recorder is the protocol's now.
func (s Stop) record(sl *Slot) {
	res := sl.Cur
	res.End = s.Now()
	res.Class = string(ClassInterrupted)
	res.Message = s.Deliverer.abandonMessage()
	sl.Rec.Record(&res)
	sl.Rec.Flush()
}
