package harness

import "time"

// An open-loop worker hands its batch of results to the collector when its
// next result falls in a later interval; a worker left idle would keep its
// batch, and the interval could not be reported as it closes
// (metrics.Collector.Settled). A few times per interval the flusher sends
// the idle workers an order to hand their batches over; a busy worker
// hands its batch over when its delivery ends, so an interval settles
// shortly after it closes, whatever the rate.

// flushesPerInterval is how often per interval idle workers are told to
// hand their batches over.
const flushesPerInterval = 10

// startFlusher starts the flusher of the open loop's idle workers.
func (r *runner) startFlusher() {
	if r.work == nil {
		return
	}
	r.quitFlush, r.flushDone = make(chan struct{}), make(chan struct{})
	every := max(r.col.Width()/flushesPerInterval, time.Millisecond)
	go func() {
		defer close(r.flushDone)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				r.orderFlushes()
			case <-r.quitFlush:
				return
			}
		}
	}()
}

// orderFlushes sends one flush order per idle worker, as far as the hand-off
// queue has room: it never blocks the dispatcher's hand-offs.
func (r *runner) orderFlushes() {
	for range max(r.idle.Load(), 0) {
		select {
		case r.work <- job{flush: true}:
		default:
			return
		}
	}
}

// stopFlusher stops the flusher and waits for it.
func (r *runner) stopFlusher() {
	if r.quitFlush != nil {
		close(r.quitFlush)
		<-r.flushDone
	}
}
