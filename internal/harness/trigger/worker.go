package trigger

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/metrics"
)

// worker invokes the target with batches, one at a time, and records the
// results in its own Recorder and end-to-end histogram.
type worker struct {
	r      *runner
	rec    *metrics.Recorder
	e2e    *hdrhistogram.Histogram
	timer  *time.Timer
	busy   atomic.Bool // inside the target
	exited atomic.Bool // returned: rec flushed, e2e final
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
	w := &worker{r: r, rec: r.col.NewRecorder(), e2e: metrics.NewHistogram(), timer: time.NewTimer(time.Hour)}
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
	w.deliver(first)
	for j := range w.r.jobs {
		w.deliver(j)
	}
	w.rec.Flush()
	w.exited.Store(true)
}

// fate is how a batch's delivery ended.
type fate int

const (
	fateOK          fate = iota // an invocation succeeded
	fateSkipped                 // every retry failed; skipped
	fateUndelivered             // blocked until the stop, or abandoned at it
)

// deliver delivers j, counts its records by fate, and frees j.
func (w *worker) deliver(j *job) {
	p, n := j.p, int64(j.ev.Records)
	switch w.tryAll(j) {
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
	out, end := w.attempt(j, attempt)
	switch {
	case out.OK():
		w.endToEnd(j, end)
		if end >= w.r.cfg.Duration/2 && end <= w.r.cfg.Duration {
			w.r.lateDelivered.Add(int64(j.ev.Records))
		}
		return fateOK, true
	case w.r.invCtx.Err() != nil, w.r.checkFatal():
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

// attempt makes one delivery of j and records it.
func (w *worker) attempt(j *job, attempt int) (harness.Outcome, time.Duration) {
	r, p, n := w.r, j.p, int64(j.ev.Records)
	start := r.since()
	p.noteAge(start - p.prod.writeTime(j.first))
	if attempt == 0 {
		p.attempted.Add(n)
		p.bytes.Add(j.ev.PayloadBytes)
	} else {
		p.duplicates.Add(n)
		w.rec.Retried(start)
	}
	atomicMax(&r.maxInFlight, r.inFlight.Add(1))
	w.busy.Store(true)
	out := w.invoke(&j.ev)
	w.busy.Store(false)
	r.inFlight.Add(-1)
	end := r.since()
	atomicMax(&r.maxCall, int64(end-start))
	w.rec.Record(&metrics.Result{
		Intended: j.pulled, Start: start, End: end, Class: out.Class, Message: out.Message,
		Records: j.ev.Records, Bytes: j.ev.PayloadBytes,
	})
	return out, end
}

// invoke calls the target under the run's invocation context and Timeout;
// a panic in the target is a failed delivery.
func (w *worker) invoke(ev *harness.Event) (out harness.Outcome) {
	ctx := w.r.invCtx
	if w.r.cfg.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, w.r.cfg.Timeout)
		defer cancel()
	}
	defer func() {
		if v := recover(); v != nil {
			out = harness.Outcome{Class: harness.ClassTargetPanic, Message: fmt.Sprint("target panicked: ", v)}
		}
	}()
	return w.r.tgt.Invoke(ctx, ev)
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
