package metrics

import "time"

// Recorder accumulates one worker's results for the current interval and
// hands each finished interval to its Collector. It is not safe for
// concurrent use: give every worker goroutine its own.
type Recorder struct {
	c   *Collector
	cur *Interval
}

// Record adds one result. Results of one recorder must come in order of
// their end time (a worker's results naturally do).
func (r *Recorder) Record(res *Result) {
	r.at(res.End).Record(res)
}

// Drop counts an event that was never sent, at the time it was due.
func (r *Recorder) Drop(due time.Duration) {
	r.at(due).Dropped++
}

// Retried counts a delivery that repeated an earlier failed one.
func (r *Recorder) Retried(at time.Duration) {
	r.at(at).Retried++
}

func (r *Recorder) at(t time.Duration) *Interval {
	idx := int64(max(t, 0) / r.c.width)
	if r.cur == nil || r.cur.Index != idx {
		r.Flush()
		r.cur = r.c.get(idx)
	}
	return r.cur
}

// Flush hands the current interval to the collector. Call it when the
// worker is done; calling it more often only costs a merge.
func (r *Recorder) Flush() {
	if r.cur != nil {
		r.c.add(r.cur)
		r.cur = nil
	}
}
