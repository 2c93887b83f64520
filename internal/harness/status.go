package harness

import (
	"fmt"
	"math"
	"time"
)

// Status is a live view of a run, for progress lines.
type Status struct {
	Elapsed   time.Duration // since the start
	Remaining time.Duration // until Duration; 0 when the run has no Duration or is past it
	Stopped   bool          // sending has stopped; in-flight deliveries are draining

	Scheduled int64 // events due so far (closed loop: events taken)
	Sent      int64 // deliveries started
	Done      int64 // deliveries finished (ok or failed)
	Dropped   int64 // on_full drop
	InFlight  int64 // admitted and not finished
	Workers   int   // worker goroutines running now

	// Behind is how far the sender is behind its schedule right now.
	Behind time.Duration
	// BehindReason says why, when Behind > 0.
	BehindReason string
	// MaxBehind is the worst lag of a start behind its schedule so far.
	MaxBehind time.Duration

	AskedRate   float64 // the schedule's rate now, events/s; 0 without a schedule
	CurrentRate float64 // deliveries started per second since the previous Status
}

// BehindBound is how far behind its schedule a run may fall and still count
// as holding its rate: 100 ms or 10 inter-arrival times at rate, whichever
// is longer.
func BehindBound(rate float64) time.Duration {
	bound := 100 * time.Millisecond
	if rate > 0 {
		if ia, ok := toDuration(10 / rate); ok && ia > bound {
			bound = ia
		}
	}
	return bound
}

// Lagging reports whether Behind is past BehindBound(AskedRate).
func (s Status) Lagging() bool { return s.Behind > BehindBound(s.AskedRate) }

// Warning is the line to show when the run is Lagging, e.g.
// "disload is 1.2s behind schedule: in-flight cap 10 reached"; "" otherwise.
func (s Status) Warning() string {
	if !s.Lagging() {
		return ""
	}
	return fmt.Sprintf("disload is %s behind schedule: %s", s.Behind.Round(100*time.Millisecond), s.BehindReason)
}

// status takes a snapshot of the live counters (safe from any goroutine).
func (r *runner) status() Status {
	now := r.since()
	s := Status{
		Elapsed:   now,
		Stopped:   r.isStopped(),
		Scheduled: r.scheduled.Load(),
		Sent:      r.sent.Load(),
		Done:      r.done.Load(),
		Dropped:   r.dropped.Load(),
		InFlight:  r.inFlight.Load(),
		Workers:   int(r.nworkers.Load()),
		MaxBehind: time.Duration(r.maxBehind.Load()),
	}
	if r.cfg.Duration > now {
		s.Remaining = r.cfg.Duration - now
	}
	if r.cfg.Pacer != nil && !s.Stopped {
		s.AskedRate = r.cfg.Pacer.Rate(now)
		s.Behind = time.Duration(r.lag.Load())
		if p := r.pending.Load(); p >= 0 {
			s.Behind = max(s.Behind, now-time.Duration(p))
		}
	}
	if s.Behind > 0 {
		s.BehindReason = r.causeText(r.cause.Load())
	}
	return s
}

func (r *runner) causeText(cause int32) string {
	switch cause {
	case causeCap:
		return fmt.Sprintf("in-flight cap %d reached", r.cfg.Concurrency)
	case causeGen:
		return "generator could not keep up"
	default:
		return "disload CPU: sends ran late without waiting for the target or the generator"
	}
}

// startProgress runs the WithProgress callback, if any, until stopProgress.
func (r *runner) startProgress() {
	if r.opt.progress == nil {
		return
	}
	r.quitProgress, r.progressDone = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(r.progressDone)
		t := time.NewTicker(r.opt.every)
		defer t.Stop()
		var prev Status
		for {
			select {
			case <-t.C:
				s := r.status()
				if dt := (s.Elapsed - prev.Elapsed).Seconds(); dt > 0 {
					s.CurrentRate = float64(s.Sent-prev.Sent) / dt
				}
				r.opt.progress(s)
				prev = s
			case <-r.quitProgress:
				return
			}
		}
	}()
}

func (r *runner) stopProgress() {
	if r.quitProgress != nil {
		close(r.quitProgress)
		<-r.progressDone
	}
}

// info sums the run up, judging honestly whether the rate was held.
func (r *runner) info() *RunInfo {
	ended, interrupted := r.endReason()
	in := &RunInfo{
		Started: r.start, Elapsed: r.stopAt, Drain: r.drain,
		Ended: ended, Interrupted: interrupted,
		Scheduled: r.scheduled.Load(), Sent: r.sent.Load(), Dropped: r.dropped.Load(),
		Unsent: r.unsent.Load(), Abandoned: r.abandoned,
		MaxBehind: time.Duration(r.maxBehind.Load()),
		Workers:   r.peak, WorkersStarted: r.started,
	}
	if secs := r.stopAt.Seconds(); secs > 0 {
		in.AchievedRate = float64(in.Sent) / secs
		if r.cfg.Pacer != nil {
			in.AskedRate = r.cfg.Pacer.Hits(r.stopAt) / secs
		}
	}
	in.BehindLimit = BehindBound(in.AskedRate)
	in.RateHeld = in.AskedRate == 0 ||
		(in.AchievedRate >= 0.99*in.AskedRate && in.MaxBehind <= in.BehindLimit)
	if !in.RateHeld {
		in.BehindReason = r.reason(in)
	}
	return in
}

// reason explains why the schedule slipped: the cause measured at the
// worst lag when that lag is what failed the run, else where the
// dispatcher spent its waiting time.
func (r *runner) reason(in *RunInfo) string {
	if in.Dropped == 0 && in.MaxBehind > in.BehindLimit {
		return r.lagReason(in)
	}
	var why string
	switch {
	case in.Dropped > 0:
		why = fmt.Sprintf("in-flight cap %d reached: %d events dropped", r.cfg.Concurrency, in.Dropped)
	case r.capWait > 0 && r.capWait >= r.genWait:
		why = r.causeText(causeCap)
	case r.genWait > 0:
		return r.causeText(causeGen)
	case in.Abandoned > 0:
		return fmt.Sprintf("%d deliveries never answered", in.Abandoned)
	default:
		return r.causeText(causeCPU)
	}
	return why + r.littleHint(in.AskedRate)
}

// lagReason names the cause of the worst lag, and says so when the mean
// rate was met all the same (the run is not held for its lag alone).
func (r *runner) lagReason(in *RunInfo) string {
	r.behindMu.Lock()
	cause := r.maxCause
	r.behindMu.Unlock()
	why := r.causeText(cause)
	if cause == causeCap {
		why += r.littleHint(in.AskedRate)
	}
	if in.AchievedRate >= 0.99*in.AskedRate {
		why = fmt.Sprintf("the mean rate was met, but not the schedule (sends more than %s late): %s", in.BehindLimit, why)
	}
	return why
}

// littleHint tells when the target is too slow for the cap: by Little's law
// the run needs rate × mean service time deliveries in flight.
func (r *runner) littleHint(rate float64) string {
	n := r.svcN.Load()
	if n == 0 || rate <= 0 {
		return ""
	}
	mean := time.Duration(r.svcSum.Load() / n)
	need := math.Ceil(rate * mean.Seconds())
	if need <= float64(r.cfg.Concurrency) {
		return ""
	}
	return fmt.Sprintf(" (the target is slower than the rate: a mean service time of %s at %s needs ~%.0f in flight)",
		mean.Round(time.Microsecond), formatRate(math.Round(rate*10)/10), need)
}
