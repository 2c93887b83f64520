package trigger

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/metrics"
)

// Defaults of Steps.
const (
	DefaultStepStart     = 1000.0 // records/s, when the base config has no rate
	DefaultStepFactor    = 2.0
	DefaultStepDuration  = 3 * time.Second // at least; see Steps.Duration
	DefaultStepMax       = 10_000_000.0    // records/s
	DefaultStepPrecision = 0.05            // the bracket's width, relative
	DefaultStepTolerance = 0.02            // the lag slope allowed, relative to the rate
	DefaultMaxSteps      = 16
	stepPolls            = 8 // a step lasts at least this many polling intervals
)

// Why a capacity search ended without a failing step (Capacity.LimitedBy).
const (
	LimitedByWriteLimit = "write limit" // the enforced write limit stopped the produced rate from rising
	LimitedByMaxRate    = "max rate"    // every step up to Steps.Max kept up
)

// StreamFunc returns a fresh stream produced at rate records/s: every step
// of FindMax reads its stream from the start.
type StreamFunc func(rate float64) (Stream, error)

// Steps shapes FindMax's search. Zero values take the defaults noted.
type Steps struct {
	// Start is the first rate, records/s (default: the base config's
	// RecordRate, else 1,000).
	Start float64
	// Factor multiplies the rate after each step that keeps up while no
	// step has failed (> 1, default 2).
	Factor float64
	// Duration is each step's producing time (default: 3 s, or 8 polling
	// intervals when longer).
	Duration time.Duration
	// Max is the highest rate tried (default 10,000,000 records/s).
	Max float64
	// Precision ends the search once the highest rate kept up with and
	// the lowest that was not are within this share of each other
	// (default 0.05: 5%).
	Precision float64
	// Tolerance is the lag slope a step may show and still keep up, as a
	// share of its rate (default 0.02).
	Tolerance float64
	// MaxSteps bounds the steps run (default 16).
	MaxSteps int
	// Progress, if set, is called after every step.
	Progress func(StepResult)
}

// StepResult is one step of a capacity search.
type StepResult struct {
	Rate      float64 // records/s asked
	Produced  float64 // records/s written (lower when the write limit is enforced)
	KeepingUp bool
	// LagSlope is the trend of the lag's troughs over the step, records/s
	// (Result.LagSlope): the step keeps up when it is at most Tolerance ×
	// Produced and no record was skipped.
	LagSlope float64
	// Drained is the records/s the function drained: Produced minus
	// LagSlope (or, when the step was too short for the trough trend,
	// Result.DrainRate); when it fell behind, its capacity.
	Drained  float64
	Growth   float64 // records/s the lag grew over the last half (Result.Growth)
	FinalLag int64
	MaxLagMs float64
	Skipped  int64
	// Stalled: the step's slowest call took over stallFactor times its
	// median (and at least stallMin more): a hiccup, not the function's
	// pace. A failing step that stalled is run once more.
	Stalled bool
	Verdict string
}

// What makes a step's slowest call a stall (StepResult.Stalled).
const (
	stallFactor = 4
	stallMin    = 100 * time.Millisecond
)

// Capacity is what FindMax found.
type Capacity struct {
	// MaxSustainable is the highest produced records/s a step kept up
	// with, for this function, batch size and partition count (0: none).
	MaxSustainable float64
	// FirstFailing is the lowest asked rate that fell behind (0: none).
	FirstFailing float64
	// LimitedBy says why the search stopped without a failing step: ""
	// when one failed, else LimitedByWriteLimit or LimitedByMaxRate.
	LimitedBy string
	// StreamLimit is the most records/s the stream's partitions take
	// within their write limit (each partition's share of the rate at
	// most Config.LimitRecords), 0 when no limit is set. OverStreamLimit:
	// MaxSustainable passes it, so the function could take more than the
	// stream itself could (add partitions, or choose advanced ones).
	StreamLimit     float64
	OverStreamLimit bool
	// HotPartition takes HotShare of the records, the most of any
	// partition (the key skew): a serial trigger's capacity is that
	// partition's divided by its share.
	HotPartition int
	HotShare     float64
	Partitions   int // of the stream
	Interrupted  bool
	Steps        []StepResult // in the order run
}

// FindMax searches the highest produced rate the function sustains: it
// multiplies the rate by Factor while the function keeps up, then narrows
// the bracket between the highest rate kept up with and the lowest that
// was not until they are within Precision, each probe led by the last
// failing step's drain rate (a function that falls behind drains at its
// capacity), else bisecting. A failing step that drained less than a rate
// already kept up with is run once more (a hiccup of the machine must not
// decide the answer); both runs are in Steps. Each step is a Run of base with RecordRate
// set, Duration from steps, no Drain, a stream from streams, and is judged
// by its lag slope (StepResult.LagSlope). Its invocations go to a
// collector of their own, not reported. FindMax neither starts nor closes
// tgt: its owner starts it once, before, and may go on with Run. When ctx is canceled the search stops and returns what it
// found so far, Interrupted; a target that gives up ends it with an error.
func FindMax(ctx context.Context, base Config, streams StreamFunc, tgt harness.Target, steps Steps) (*Capacity, error) {
	steps = steps.withDefaults(base)
	base.Drain = 0
	base.Duration = steps.Duration
	base.RecordRate = steps.Start
	base.Interval = stepInterval(base.WithDefaults().Poll)
	if err := errors.Join(base.WithDefaults().Validate(), steps.validate(), nilParts(streams, tgt)); err != nil {
		return nil, err
	}
	f := &finder{ctx: ctx, base: base, streams: streams, tgt: tgt, steps: steps, capa: &Capacity{}}
	err := f.search()
	f.judgeStreamLimit()
	return f.capa, err
}

// stepInterval samples a step's lag often enough for its trough trend:
// a quarter polling interval, between 10 and 100 ms.
func stepInterval(poll time.Duration) time.Duration {
	return min(max(poll/4, 10*time.Millisecond), 100*time.Millisecond)
}

func nilParts(streams StreamFunc, tgt harness.Target) error {
	var errs []error
	if streams == nil {
		errs = append(errs, errors.New("trigger: streams: required"))
	}
	if tgt == nil {
		errs = append(errs, errors.New("trigger: target: required"))
	}
	return errors.Join(errs...)
}

func (s Steps) withDefaults(base Config) Steps {
	if s.Start == 0 {
		s.Start = base.RecordRate
		if s.Start <= 0 || math.IsNaN(s.Start) || math.IsInf(s.Start, 0) {
			s.Start = DefaultStepStart
		}
	}
	if s.Factor == 0 {
		s.Factor = DefaultStepFactor
	}
	if s.Duration == 0 {
		s.Duration = max(DefaultStepDuration, stepPolls*base.WithDefaults().Poll)
	}
	if s.Max == 0 {
		s.Max = max(DefaultStepMax, s.Start)
	}
	if s.Precision == 0 {
		s.Precision = DefaultStepPrecision
	}
	if s.Tolerance == 0 {
		s.Tolerance = DefaultStepTolerance
	}
	if s.MaxSteps == 0 {
		s.MaxSteps = DefaultMaxSteps
	}
	return s
}

func pick[T any](cond bool, a, b T) T {
	if cond {
		return a
	}
	return b
}

func (s Steps) validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("trigger: steps: %s: "+format, append([]any{field}, args...)...))
	}
	if !(s.Start > 0) || math.IsInf(s.Start, 0) {
		bad("Start", "must be a finite rate above 0 records/s, got %v", s.Start)
	}
	if !(s.Factor > 1) || math.IsInf(s.Factor, 0) {
		bad("Factor", "must be a finite number above 1, got %v", s.Factor)
	}
	if s.Duration <= 0 {
		bad("Duration", "must be above 0, got %v", s.Duration)
	}
	if !(s.Max >= s.Start) || math.IsInf(s.Max, 0) {
		bad("Max", "must be finite and at least Start (%v), got %v", s.Start, s.Max)
	}
	if !(s.Precision > 0 && s.Precision < 1) {
		bad("Precision", "must be above 0 and below 1, got %v", s.Precision)
	}
	if !(s.Tolerance > 0 && s.Tolerance < 1) {
		bad("Tolerance", "must be above 0 and below 1, got %v", s.Tolerance)
	}
	if s.MaxSteps < 1 {
		bad("MaxSteps", "must be at least 1, got %d", s.MaxSteps)
	}
	return errors.Join(errs...)
}

// finder is one capacity search.
type finder struct {
	ctx     context.Context
	base    Config
	streams StreamFunc
	tgt     harness.Target
	steps   Steps
	capa    *Capacity
	best    float64 // the highest asked rate that kept up
	weights []float64
}

// search climbs until a step fails, then narrows the bracket.
func (f *finder) search() error {
	var lo, hi, drained float64 // kept up with, failed, the failing step's drain rate
	prev := 0.0                 // produced rate of the previous step kept up with
	rate := f.steps.Start
	repeated := false
	for range f.steps.MaxSteps {
		sr, err := f.step(rate)
		if err != nil || f.capa.Interrupted {
			return err
		}
		// A step that fell behind while draining less than a rate already
		// kept up with, or with a call that stalled, met a hiccup (of the
		// machine, most likely): it runs once more before it counts.
		hiccup := sr.Stalled || lo > 0 && sr.Drained < lo*(1-f.steps.Precision)
		if !sr.KeepingUp && hiccup && !repeated {
			repeated = true
			continue
		}
		repeated = false
		if !sr.KeepingUp {
			if hi == 0 || rate < hi {
				hi, drained = rate, sr.Drained
			}
		} else {
			lo = max(lo, rate)
			if hi == 0 {
				if f.base.EnforceLimit && sr.Produced <= prev*1.01 {
					f.capa.LimitedBy = LimitedByWriteLimit
					return nil
				}
				if rate*f.steps.Factor > f.steps.Max {
					f.capa.LimitedBy = LimitedByMaxRate
					return nil
				}
			}
			prev = sr.Produced
		}
		if hi > 0 && lo > 0 && hi <= lo*(1+f.steps.Precision) {
			break
		}
		rate = f.next(lo, hi, drained)
	}
	f.capa.FirstFailing = hi
	return nil
}

// next is the rate of the next step: the climb while nothing failed; then
// just above the failing step's drain rate (or, from nothing kept up
// with, just below it), bisecting when that falls outside the bracket.
func (f *finder) next(lo, hi, drained float64) float64 {
	p := f.steps.Precision
	switch {
	case hi == 0:
		return lo * f.steps.Factor
	case lo == 0 && drained > 0 && drained*(1-p/2) < hi*(1-p):
		return drained * (1 - p/2)
	case lo == 0:
		return hi / 2
	}
	mid := math.Sqrt(lo * hi)
	if guess := max(drained, lo) * (1 + 0.9*p); guess < mid {
		return guess
	}
	return mid
}

// step runs the base config at rate and notes the result.
func (f *finder) step(rate float64) (StepResult, error) {
	stream, err := f.streams(rate)
	if err != nil {
		return StepResult{}, fmt.Errorf("trigger: stream at %v records/s: %w", rate, err)
	}
	if f.weights == nil {
		for _, p := range stream.Partitions() {
			w := stream.Weight(p)
			f.weights = append(f.weights, w)
			f.capa.Partitions++
			if w > f.capa.HotShare {
				f.capa.HotPartition, f.capa.HotShare = p, w
			}
		}
	}
	cfg := f.base
	cfg.RecordRate = rate
	// The step's invocations are not reported: one interval holds them.
	col := metrics.NewCollector(time.Hour)
	res, err := Run(f.ctx, cfg, stream, f.tgt, col)
	if err != nil {
		return StepResult{}, err
	}
	if res.Interrupted {
		f.capa.Interrupted = true
		return StepResult{}, nil
	}
	sr := f.judgeStep(rate, res)
	if svc := col.Total().Service; svc.TotalCount() > 0 {
		p50, slowest := time.Duration(svc.ValueAtQuantile(50)), time.Duration(svc.Max())
		sr.Stalled = slowest > stallFactor*p50 && slowest-p50 > stallMin
	}
	// Later steps last long enough for the trough trend to see at least
	// troughParts cycles of a call and a poll in their last two thirds.
	// (at most 5 times the asked duration).
	want := 3 * troughParts * (res.MaxCall + f.base.WithDefaults().Poll) / 2
	f.base.Duration = min(max(f.base.Duration, want), 5*f.steps.Duration)
	f.capa.Steps = append(f.capa.Steps, sr)
	if sr.KeepingUp && rate > f.best {
		f.best, f.capa.MaxSustainable = rate, sr.Produced
	}
	if f.steps.Progress != nil {
		f.steps.Progress(sr)
	}
	return sr, nil
}
