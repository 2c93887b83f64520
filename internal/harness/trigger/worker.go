package trigger

import (
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/metrics"
)

// worker invokes the target with batches, one at a time, and records the
// results in its slot's Recorder and its end-to-end histogram.
type worker struct {
	harness.Slot
	r     *runner
	e2e   *hdrhistogram.Histogram
	timer *time.Timer
	cur   *job // the batch inside the target; the stop protocol's once abandoned
}

// getJob returns a free job.
func (r *runner) getJob() *job {
	if j, ok := r.jobPool.Get().(*job); ok {
		return j
	}
	return &job{}
}

// submit hands j to an idle worker, or to a new one while fewer than the
// cap exist, or waits for one; false when the run stopped first.
func (r *runner) submit(j *job) bool {
	r.pending.Add(1)
	select {
	case r.jobs <- j:
		return true
	default:
	}
	if r.spawn(j) {
		return true
	}
	select {
	case r.jobs <- j:
		return true
	case <-r.stop:
		r.pending.Done()
		r.jobPool.Put(j)
		return false
	}
}

// spawn starts a worker for j unless the cap is reached.
func (r *runner) spawn(j *job) bool {
	for {
		n := r.spawned.Load()
		if n >= int64(r.capacity) {
			return false
		}
		if r.spawned.CompareAndSwap(n, n+1) {
			break
		}
	}
	w := &worker{r: r, e2e: metrics.NewHistogram(), timer: time.NewTimer(time.Hour)}
	w.Rec = r.col.NewRecorder()
	w.timer.Stop()
	r.workersMu.Lock()
	r.workers = append(r.workers, w)
	r.workersMu.Unlock()
	r.workerWG.Add(1)
	go w.run(j)
	return true
}

func (w *worker) run(first *job) {
	defer w.r.workerWG.Done()
	if !w.deliver(first) {
		return
	}
	for j := range w.r.jobs {
		if !w.deliver(j) {
			return
		}
	}
	w.Exit()
}

// fate is how a batch's delivery ended.
type fate int

const (
	fateOK          fate = iota // an invocation succeeded
	fateSkipped                 // every retry failed; skipped
	fateUndelivered             // blocked until the stop, or canceled at it
	fateAbandoned               // the stop protocol abandoned the invocation: the worker must exit
)

// deliver delivers j, counts its records by fate, and frees j; false when
// the stop protocol abandoned j's invocation (it counts j's records and
// owns j: the target may still hold its payload).
func (w *worker) deliver(j *job) bool {
	p, n := j.p, int64(j.ev.Records)
	switch w.tryAll(j) {
	case fateAbandoned:
		return false
	case fateOK:
		p.succeeded.Add(n)
	case fateSkipped:
		p.skipped.Add(n)
	case fateUndelivered:
		p.undelivered.Add(n)
	}
	if w.r.cfg.Serial {
		p.done <- struct{}{}
	}
	w.r.jobPool.Put(j)
	w.r.pending.Done()
	return true
}

// tryAll invokes the target with j, then up to Retries more times while
// it fails; then skips j or, with OnFailure block, holds j's partition and
// redelivers j every Poll until it succeeds or the run stops.
func (w *worker) tryAll(j *job) fate {
	for attempt := 0; attempt <= w.r.cfg.Retries; attempt++ {
		if f, done := w.try(j, attempt); done {
			return f
		}
	}
	if w.r.cfg.OnFailure == OnFailureSkip {
		return fateSkipped
	}
	return w.block(j, w.r.cfg.Retries+1)
}

// try makes one attempt; done when it seals j's fate (a success, or a
// failure after the run abandoned its invocations).
func (w *worker) try(j *job, attempt int) (f fate, done bool) {
	out, end, ok := w.attempt(j, attempt)
	switch {
	case !ok:
		return fateAbandoned, true
	case out.OK():
		w.endToEnd(j, end)
		if end >= w.r.cfg.Duration/2 && end <= w.r.cfg.Duration {
			w.r.lateDelivered.Add(int64(j.ev.Records))
		}
		return fateOK, true
	case w.r.del.Canceled(), w.r.checkFatal():
		return fateUndelivered, true
	}
	return fateOK, false
}

// block holds j's partition and redelivers j every Poll from attempt on.
// At the stop the partition stays held.
func (w *worker) block(j *job, attempt int) fate {
	j.p.blocked.Add(1)
	for ; w.sleep(w.r.cfg.Poll); attempt++ {
		if f, done := w.try(j, attempt); done {
			j.p.blocked.Add(-1)
			return f
		}
	}
	return fateUndelivered
}

// attempt makes one delivery of j and records it; false when the stop
// protocol abandoned it.
func (w *worker) attempt(j *job, attempt int) (harness.Outcome, time.Duration, bool) {
	r, p, n := w.r, j.p, int64(j.ev.Records)
	start := r.since()
	p.noteAge(start - p.prod.writeTime(j.first))
	if attempt == 0 {
		p.attempted.Add(n)
		p.bytes.Add(j.ev.PayloadBytes)
	} else {
		p.duplicates.Add(n)
		w.Rec.Retried(start)
	}
	atomicMax(&r.maxInFlight, r.inFlight.Add(1))
	w.Cur = metrics.Result{Intended: j.pulled, Start: start, Records: j.ev.Records, Bytes: j.ev.PayloadBytes}
	w.cur = j
	w.Begin()
	r.sent.Add(1)
	out := r.del.Invoke(&j.ev)
	if !w.End() {
		return out, 0, false
	}
	r.inFlight.Add(-1)
	end := r.since()
	atomicMax(&r.maxCall, int64(end-start))
	w.Cur.End, w.Cur.Class, w.Cur.Message, w.Cur.StaleRetries = end, string(out.Class), out.Message, out.StaleRetries
	w.Rec.Record(&w.Cur)
	return out, end, true
}

// sleep waits d; false when the run stopped first.
func (w *worker) sleep(d time.Duration) bool {
	w.timer.Reset(d)
	select {
	case <-w.r.stop:
		w.timer.Stop()
		return false
	case <-w.timer.C:
		return true
	}
}

// endToEnd records each record's time from its write to end.
func (w *worker) endToEnd(j *job, end time.Duration) {
	pr := &j.p.prod
	for i := range int64(j.ev.Records) {
		v := int64(end - pr.writeTime(j.first+i))
		_ = w.e2e.RecordValue(min(max(v, 0), metrics.HighestNs))
	}
}
