package metrics

import (
	"sync/atomic"
	"time"
)

// batchSize is how many results a Recorder gathers before it takes the
// collector's lock once to record them all.
const batchSize = 128

// Recorder gathers one worker's results in a small batch and hands the
// batch to its Collector when it is full or when time moves into another
// interval, so the collector's lock is taken once per batch, never per
// result. It is not safe for concurrent use: give every worker goroutine its
// own. A recorder costs a few kilobytes, whatever the number of workers.
type Recorder struct {
	c       *Collector
	index   int64 // the interval the batch belongs to
	batch   []Result
	dropped int64 // in the batch's interval
	retried int64
	// pending is the interval of the batch not handed over yet
	// (noPending when empty), read by Collector.Settled. It is written
	// once per batch, not per result.
	pending atomic.Int64
}

// Record adds one result. Results of one recorder must come in order of
// their end time (a worker's results naturally do).
func (r *Recorder) Record(res *Result) {
	r.at(res.End)
	r.hold()
	r.batch = append(r.batch, *res)
	if len(r.batch) == cap(r.batch) {
		r.Flush()
	}
}

// Drop counts an event that was never sent, at the time it was due.
func (r *Recorder) Drop(due time.Duration) {
	r.at(due)
	r.hold()
	r.dropped++
}

// Retried counts a delivery that repeated an earlier failed one.
func (r *Recorder) Retried(at time.Duration) {
	r.at(at)
	r.hold()
	r.retried++
}

// FlushBefore hands the batch over when it belongs to an interval before
// the one holding t: a recorder that may sit idle past its interval's end
// (the dispatcher's, between drops) calls it so the interval can settle.
func (r *Recorder) FlushBefore(t time.Duration) {
	if r.pending.Load() != noPending && r.index < int64(max(t, 0)/r.c.width) {
		r.Flush()
	}
}

// hold marks the batch's interval as pending when the batch starts.
func (r *Recorder) hold() {
	if len(r.batch) == 0 && r.dropped == 0 && r.retried == 0 {
		r.pending.Store(r.index)
	}
}

// at moves the recorder to the interval holding t, handing over what it
// gathered for another interval.
func (r *Recorder) at(t time.Duration) {
	if idx := int64(max(t, 0) / r.c.width); idx != r.index {
		r.Flush()
		r.index = idx
	}
}

// Flush hands what the recorder gathered to the collector. Call it when
// the worker is done; calling it more often only costs a lock.
func (r *Recorder) Flush() {
	if len(r.batch) == 0 && r.dropped == 0 && r.retried == 0 {
		return
	}
	r.c.add(r.index, r.batch, r.dropped, r.retried)
	r.batch, r.dropped, r.retried = r.batch[:0], 0, 0
	r.pending.Store(noPending) // after add: Settled never sees it missing
}
