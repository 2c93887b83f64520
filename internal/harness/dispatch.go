package harness

import (
	"math"
	"time"

	"github.com/disload/disload/internal/metrics"
)

// Why the dispatcher is behind schedule (live.cause).
const (
	causeNone int32 = iota
	causeCap        // waiting for a free in-flight slot
	causeGen        // waiting for the generator
	causeCPU        // late without waiting on anything
)

// cpuLagThreshold is how late a send may be, with nothing to wait for,
// before it counts as disload being short of CPU (timer wake-ups take tens
// of microseconds).
const cpuLagThreshold = time.Millisecond

// job is an admitted event on its way to a worker.
type job struct {
	ev       *Event
	intended time.Duration
	cause    int32 // why the dispatcher was late handing it over (a cause*)
	flush    bool  // no event: an order to hand the recorder's batch over
}

// dispatcher is the open loop: it walks the pacer's schedule and hands each
// due event to a worker. Intended start times are the schedule's (the sum
// of the pacer's waits), never the time the dispatcher got round to it:
// when it is late it sends at once and keeps the schedule.
type dispatcher struct {
	r     *runner
	rec   *metrics.Recorder // drops
	timer *time.Timer
	sched time.Duration // intended start of the latest scheduled event
	n     uint64        // events scheduled so far
	fine  *osTimer      // Config.PreciseTimer; nil: the Go timer only
	pool
}

// dispatch runs the open loop until the stop, then ends the run.
func (r *runner) dispatch() {
	d := &dispatcher{r: r, rec: r.col.NewRecorder(), timer: time.NewTimer(time.Hour), pool: newPool()}
	d.timer.Stop()
	if r.cfg.PreciseTimer {
		d.fine = newOSTimer() // nil where there is none
	}
	end := d.loop()
	r.stopRun(end) // no-op when the run already stopped
	r.markStop()
	if end == nil {
		d.backlog()
	}
	d.rec.Flush()
	d.timer.Stop()
	if d.fine != nil {
		d.fine.close()
	}
}

// loop returns why the schedule ended, or nil when the run was stopped
// from outside (duration reached or ctx canceled).
func (d *dispatcher) loop() error {
	r := d.r
	for {
		if m := r.cfg.MaxEvents; m > 0 && d.n >= uint64(m) {
			return errMaxEvents
		}
		wait, stop := r.cfg.Pacer.Pace(d.sched, d.n)
		if stop {
			return errPacerDone
		}
		at := d.sched + wait
		if r.cfg.Duration > 0 && at >= r.cfg.Duration {
			<-r.stopped // the deadline ends the run
			return nil
		}
		d.rec.FlushBefore(at) // drops of an interval closing before at
		now, ok := d.sleepUntil(at, wait)
		if !ok {
			return nil
		}
		d.sched = at
		d.n++
		r.scheduled.Add(1)
		if !d.send(at, now) {
			r.unsent.Add(1)
			r.noteBehind(r.since()-at, r.cause.Load())
			return nil
		}
	}
}

// sleepUntil waits until the intended time at, gap after the previous
// one; false when the run stops first. It returns the time it woke.
func (d *dispatcher) sleepUntil(at, gap time.Duration) (time.Duration, bool) {
	now := d.r.since()
	if at > now {
		d.r.lag.Store(0)
		d.r.cause.Store(causeNone)
		if d.fine != nil && gap >= fineMinGap {
			return d.sleepFine(at, now)
		}
		return d.sleepTimer(at, now)
	}
	select {
	case <-d.r.stopped:
		return now, false
	default:
		return now, true
	}
}

// sleepTimer waits on the Go timer until at (> now).
func (d *dispatcher) sleepTimer(at, now time.Duration) (time.Duration, bool) {
	d.timer.Reset(at - now)
	select {
	case <-d.timer.C:
		return d.r.since(), true
	case <-d.r.stopped:
		return now, false
	}
}

// send admits the event due at `at` and hands it to a worker; false when
// the run stopped while it waited. now is when the dispatcher got to it.
func (d *dispatcher) send(at, now time.Duration) bool {
	r := d.r
	if r.inFlight.Load() >= int64(r.cfg.Concurrency) {
		if r.cfg.OnFull == Drop {
			r.dropped.Add(1)
			d.rec.Drop(at)
			return true
		}
		var ok bool
		if now, ok = d.wait(at, now, causeCap, &r.capWait, d.slotFree); !ok {
			return false
		}
	}
	ev, ok := r.feed.tryNext()
	if !ok {
		next := func() bool { ev, ok = r.feed.next(r.stopped); return ok }
		if now, ok = d.wait(at, now, causeGen, &r.genWait, next); !ok {
			return false
		}
	}
	r.inFlight.Add(1)
	lag := now - at
	if lag > cpuLagThreshold && r.cause.Load() == causeNone {
		r.cause.Store(causeCPU) // late, yet nothing made it wait
	}
	r.lag.Store(int64(lag))
	d.hand(job{ev: ev, intended: at, cause: r.cause.Load()})
	return true
}

// wait runs block, showing in Status that the event due at `at` waits for
// cause, and adds the time it took to *total. It returns the time after
// the wait and what block returned.
func (d *dispatcher) wait(at, now time.Duration, cause int32, total *time.Duration, block func() bool) (time.Duration, bool) {
	r := d.r
	r.pending.Store(int64(at))
	r.cause.Store(cause)
	ok := block()
	after := r.since()
	*total += after - now
	r.pending.Store(-1)
	return after, ok
}

// slotFree waits until fewer than Concurrency deliveries are in flight;
// false when the run stops first.
func (d *dispatcher) slotFree() bool {
	r := d.r
	for r.inFlight.Load() >= int64(r.cfg.Concurrency) {
		select {
		case <-r.freed:
		case <-r.stopped:
			return false
		}
	}
	return true
}

// maxBacklogWalk bounds how many unsent due events backlog counts one by
// one; beyond it the pacer's integral estimates the rest.
const maxBacklogWalk = 1 << 20

// backlog counts the events that fell due before the stop but were never
// scheduled because the dispatcher was behind, as Scheduled and Unsent.
func (d *dispatcher) backlog() {
	r := d.r
	limit := uint64(math.MaxUint64)
	if r.cfg.MaxEvents > 0 {
		limit = uint64(r.cfg.MaxEvents)
	}
	sched, n, count := d.sched, d.n, int64(0)
	for ; n < limit && count < maxBacklogWalk; n++ {
		wait, stop := r.cfg.Pacer.Pace(sched, n)
		if stop || sched+wait >= r.stopAt {
			break
		}
		sched += wait
		if count == 0 {
			r.noteBehind(r.stopAt-sched, r.cause.Load())
		}
		count++
	}
	if count == maxBacklogWalk {
		est := int64(math.Ceil(r.cfg.Pacer.Hits(r.stopAt))) - int64(n)
		count += max(min(est, int64(limit-n)), 0)
	}
	r.scheduled.Add(count)
	r.unsent.Add(count)
}

// noteBehind raises MaxBehind to lag, keeping the cause measured with it:
// the reason a run gives for missing its schedule is the one at its worst
// lag.
func (r *runner) noteBehind(lag time.Duration, cause int32) {
	if int64(lag) <= r.maxBehind.Load() {
		return
	}
	r.behindMu.Lock()
	defer r.behindMu.Unlock()
	if int64(lag) > r.maxBehind.Load() {
		r.maxBehind.Store(int64(lag))
		r.maxCause = cause
	}
}
