package harness

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// A Pacer sets the open-loop schedule. Hit n (counted from 0) is due at the
// time T(n) where the integral of the rate from 0 to T(n) equals n, so the
// first hit is due at 0 and the hits due by time t number floor(Hits(t))+1.
//
// Pacers are pure functions of their arguments and safe for concurrent use.
type Pacer interface {
	// Pace returns how long to wait after elapsed for hit number hits (the
	// hits already scheduled); 0 when that hit is already due. stop is true
	// when the pacer schedules no more hits.
	Pace(elapsed time.Duration, hits uint64) (wait time.Duration, stop bool)
	// Rate is the instantaneous rate at elapsed, in events per second.
	Rate(elapsed time.Duration) float64
	// Hits is the integral of Rate from 0 to elapsed: how many events the
	// schedule asks for by then, as a real number.
	Hits(elapsed time.Duration) float64
	// String describes the pacer, e.g. "Constant{1000/s}".
	String() string
}

// Compile-time checks that the pacers satisfy the interfaces.
var (
	_ Pacer     = ConstantPacer{}
	_ Pacer     = StagesPacer{}
	_ validator = ConstantPacer{}
	_ validator = StagesPacer{}
)

// validator is implemented by configuration parts that check themselves.
type validator interface{ Validate() error }

// ConstantPacer schedules PerSecond events per second, evenly spaced. (The
// field cannot be called Rate: that is the Pacer method.)
type ConstantPacer struct {
	PerSecond float64 // events per second, > 0
}

// String describes the pacer: Constant{1000/s}.
func (p ConstantPacer) String() string { return "Constant{" + formatRate(p.PerSecond) + "}" }

// Validate reports a rate that is not a positive finite number.
func (p ConstantPacer) Validate() error { return checkRate("rate", p.PerSecond, false) }

// Pace implements Pacer; an invalid rate stops at once.
func (p ConstantPacer) Pace(elapsed time.Duration, hits uint64) (time.Duration, bool) {
	if !(p.PerSecond > 0) || math.IsInf(p.PerSecond, 1) {
		return 0, true
	}
	due, ok := toDuration(float64(hits) / p.PerSecond)
	if !ok {
		return 0, true
	}
	return max(due-elapsed, 0), false
}

// Rate implements Pacer.
func (p ConstantPacer) Rate(time.Duration) float64 { return p.PerSecond }

// Hits implements Pacer.
func (p ConstantPacer) Hits(elapsed time.Duration) float64 {
	return p.PerSecond * max(elapsed, 0).Seconds()
}

// Stage is one step of a StagesPacer: the rate moves linearly from the
// previous stage's Target (or the pacer's Start) to Target over Duration.
// A zero Duration is a step change.
type Stage struct {
	Duration time.Duration
	Target   float64 // events per second at the end of the stage, >= 0
}

// StagesPacer ramps the rate through its Stages, starting at Start, and then
// holds the last Target for as long as the run goes on (the run's Duration
// ends it). When the final rate is 0 the pacer stops after the last stage.
// Hits integrate the piecewise-linear rate exactly: inside a ramp the due
// time of a hit is the root of a quadratic.
type StagesPacer struct {
	Start  float64 // events per second at time 0, >= 0
	Stages []Stage
}

// String describes the pacer: Stages{100/s, 10s→2000/s, 20s→2000/s}.
func (p StagesPacer) String() string {
	var b strings.Builder
	b.WriteString("Stages{")
	b.WriteString(formatRate(p.Start))
	for _, s := range p.Stages {
		b.WriteString(", ")
		b.WriteString(s.Duration.String())
		b.WriteString("→")
		b.WriteString(formatRate(s.Target))
	}
	b.WriteString("}")
	return b.String()
}

// Validate reports every stage that has a negative duration or a rate that
// is negative or not finite, and a pacer that would never send anything.
func (p StagesPacer) Validate() error {
	errs := []error{checkRate("start", p.Start, true)}
	positive := p.Start > 0
	for i, s := range p.Stages {
		if s.Duration < 0 {
			errs = append(errs, fmt.Errorf("stages[%d].duration: must not be negative, got %s", i, s.Duration))
		}
		errs = append(errs, checkRate(fmt.Sprintf("stages[%d].target", i), s.Target, true))
		positive = positive || s.Target > 0
	}
	if !positive {
		errs = append(errs, errors.New("stages: every rate is 0/s, nothing would be sent"))
	}
	return errors.Join(errs...)
}

// valid is Validate without building errors, for the hot path.
func (p StagesPacer) valid() bool {
	if !finiteRate(p.Start) {
		return false
	}
	positive := p.Start > 0
	for _, s := range p.Stages {
		if s.Duration < 0 || !finiteRate(s.Target) {
			return false
		}
		positive = positive || s.Target > 0
	}
	return positive
}

func finiteRate(r float64) bool { return r >= 0 && !math.IsInf(r, 1) }

// Total is the sum of the stage durations: when the last Target is reached.
func (p StagesPacer) Total() time.Duration {
	var t time.Duration
	for _, s := range p.Stages {
		t += s.Duration
	}
	return t
}

// Pace implements Pacer; an invalid pacer stops at once.
func (p StagesPacer) Pace(elapsed time.Duration, hits uint64) (time.Duration, bool) {
	if !p.valid() {
		return 0, true
	}
	sec, ok := p.dueAt(float64(hits))
	if !ok {
		return 0, true
	}
	due, ok := toDuration(sec)
	if !ok {
		return 0, true
	}
	return max(due-elapsed, 0), false
}

// dueAt returns the time in seconds at which the integral of the rate
// reaches n, false when it never does.
func (p StagesPacer) dueAt(n float64) (float64, bool) {
	t0, done, r0 := 0.0, 0.0, p.Start
	for _, s := range p.Stages {
		d := s.Duration.Seconds()
		if h := (r0 + s.Target) / 2 * d; d > 0 && n < done+h {
			return t0 + rampTime(r0, (s.Target-r0)/d, n-done), true
		}
		if d > 0 {
			done += (r0 + s.Target) / 2 * d
		}
		t0, r0 = t0+d, s.Target
	}
	switch {
	case n-done <= 1e-9*max(done, 1): // the integral ends exactly here
		return t0, true
	case r0 <= 0:
		return 0, false
	}
	return t0 + (n-done)/r0, true
}

// rampTime solves r0·x + a·x²/2 = m for the smallest x >= 0, in the form
// that stays exact when a is 0 and stable when a is negative.
func rampTime(r0, a, m float64) float64 {
	if m <= 0 {
		return 0
	}
	disc := max(r0*r0+2*a*m, 0)
	return 2 * m / (r0 + math.Sqrt(disc))
}

// Rate implements Pacer.
func (p StagesPacer) Rate(elapsed time.Duration) float64 {
	t, r0 := max(elapsed, 0).Seconds(), p.Start
	for _, s := range p.Stages {
		d := s.Duration.Seconds()
		if t < d {
			return r0 + (s.Target-r0)*t/d
		}
		t, r0 = t-d, s.Target
	}
	return r0
}

// Hits implements Pacer.
func (p StagesPacer) Hits(elapsed time.Duration) float64 {
	t, r0, sum := max(elapsed, 0).Seconds(), p.Start, 0.0
	for _, s := range p.Stages {
		d := s.Duration.Seconds()
		if t < d {
			return sum + r0*t + (s.Target-r0)/d*t*t/2
		}
		sum += (r0 + s.Target) / 2 * d
		t, r0 = t-d, s.Target
	}
	return sum + r0*t
}

// peakRate is the highest rate p ever asks for (its rate at 0 for a pacer
// of another kind).
func peakRate(p Pacer) float64 {
	switch p := p.(type) {
	case ConstantPacer:
		return p.PerSecond
	case StagesPacer:
		peak := p.Start
		for _, s := range p.Stages {
			peak = max(peak, s.Target)
		}
		return peak
	}
	return p.Rate(0)
}

// toDuration converts seconds to a Duration, rounding to the nanosecond;
// false when it does not fit.
func toDuration(sec float64) (time.Duration, bool) {
	ns := math.Round(sec * 1e9)
	if math.IsNaN(ns) || ns >= math.MaxInt64 {
		return 0, false
	}
	return time.Duration(ns), true
}

func checkRate(field string, r float64, zeroOK bool) error {
	switch {
	case math.IsNaN(r) || math.IsInf(r, 0):
		return fmt.Errorf("%s: must be a finite number of events per second, got %v", field, r)
	case r < 0:
		return fmt.Errorf("%s: must not be negative, got %s", field, formatRate(r))
	case r == 0 && !zeroOK:
		return fmt.Errorf("%s: must be more than 0/s, got %s", field, formatRate(r))
	}
	return nil
}

// formatRate prints a rate as "1000/s" or "0.5/s".
func formatRate(r float64) string { return strconv.FormatFloat(r, 'g', -1, 64) + "/s" }
