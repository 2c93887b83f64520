package trigger

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/disload/disload/harness"
	"github.com/disload/disload/metrics"
)

// Defaults of Steps.
const (
	DefaultStepStart    = 1000.0 // records/s, when the base config has no rate
	DefaultStepFactor   = 2.0
	DefaultStepDuration = 10 * time.Second
	DefaultStepMax      = 10_000_000.0 // records/s
	DefaultStepRefine   = 4
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
	// Factor multiplies the rate after each step that keeps up (> 1,
	// default 2).
	Factor float64
	// Duration is each step's producing time (default: the base config's
	// Duration, else 10s).
	Duration time.Duration
	// Max is the highest rate tried (default 10,000,000 records/s).
	Max float64
	// Refine is the number of bisection steps between the last rate that
	// kept up and the first that did not (default 4; after a factor of 2
	// that is within about 4.5%). Negative: none.
	Refine int
	// Progress, if set, is called after every step.
	Progress func(StepResult)
}

// StepResult is one step of a capacity search.
type StepResult struct {
	Rate      float64 // records/s asked
	Produced  float64 // records/s written (lower when the write limit is enforced)
	KeepingUp bool
	Growth    float64 // records/s the lag grew
	FinalLag  int64
	MaxLagMs  float64
	Verdict   string
}

// Capacity is what FindMax found.
type Capacity struct {
	// MaxSustainable is the highest produced records/s a step kept up
	// with, for this function, batch size and partition count (0: none).
	MaxSustainable float64
	// FirstFailing is the lowest asked rate that fell behind (0: none).
	FirstFailing float64
	// LimitedBy says why the search stopped without a failing step: ""
	// when one failed, else LimitedByWriteLimit or LimitedByMaxRate.
	LimitedBy   string
	Interrupted bool
	Steps       []StepResult // in the order run
}

// FindMax raises the produced rate in steps, multiplying it by Factor while
// the function keeps up, then bisects (geometrically) between the last rate
// that kept up and the first that did not, and reports the highest
// sustainable rate. Each step is a Run of base with RecordRate set, Duration
// from steps, no Drain, and a stream from streams; its invocations go to a
// collector of their own, not reported. A target that implements harness.Starter is
// started once, first. When ctx is canceled the search stops and returns
// what it found so far, Interrupted.
func FindMax(ctx context.Context, base Config, streams StreamFunc, tgt harness.Target, steps Steps) (*Capacity, error) {
	steps = steps.withDefaults(base)
	base.Drain = 0
	base.Duration = steps.Duration
	base.RecordRate = steps.Start
	if err := errors.Join(base.WithDefaults().Validate(), steps.validate(), nilParts(streams, tgt)); err != nil {
		return nil, err
	}
	if s, ok := tgt.(harness.Starter); ok {
		if err := s.Start(ctx); err != nil {
			return nil, fmt.Errorf("trigger: target: start: %w", err)
		}
	}
	f := &finder{ctx: ctx, base: base, streams: streams, tgt: tgt, steps: steps, capa: &Capacity{}}
	return f.capa, f.search()
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
		s.Duration = pick(base.Duration > 0, base.Duration, DefaultStepDuration)
	}
	if s.Max == 0 {
		s.Max = max(DefaultStepMax, s.Start)
	}
	if s.Refine == 0 {
		s.Refine = DefaultStepRefine
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
}

// search climbs, then refines.
func (f *finder) search() error {
	lo, hi, err := f.climb()
	if err != nil || hi == 0 || f.capa.Interrupted {
		return err
	}
	for range max(f.steps.Refine, 0) {
		mid := hi / 2
		if lo > 0 {
			mid = math.Sqrt(lo * hi)
		}
		sr, err := f.step(mid)
		if err != nil || f.capa.Interrupted {
			return err
		}
		if sr.KeepingUp {
			lo = mid
		} else {
			hi = mid
		}
	}
	f.capa.FirstFailing = hi
	return nil
}

// climb multiplies the rate until a step falls behind; it returns the last
// rate that kept up (0: none) and the first that did not (0: none).
func (f *finder) climb() (lo, hi float64, err error) {
	prev := 0.0
	for rate := f.steps.Start; ; rate *= f.steps.Factor {
		sr, err := f.step(rate)
		if err != nil || f.capa.Interrupted {
			return lo, 0, err
		}
		if !sr.KeepingUp {
			f.capa.FirstFailing = rate
			return lo, rate, nil
		}
		lo = rate
		if f.base.EnforceLimit && sr.Produced <= prev*1.01 {
			f.capa.LimitedBy = LimitedByWriteLimit
			return lo, 0, nil
		}
		if rate*f.steps.Factor > f.steps.Max {
			f.capa.LimitedBy = LimitedByMaxRate
			return lo, 0, nil
		}
		prev = sr.Produced
	}
}

// step runs the base config at rate and notes the result.
func (f *finder) step(rate float64) (StepResult, error) {
	stream, err := f.streams(rate)
	if err != nil {
		return StepResult{}, fmt.Errorf("trigger: stream at %v records/s: %w", rate, err)
	}
	cfg := f.base
	cfg.RecordRate = rate
	// The step's invocations are not reported: one interval holds them.
	res, err := run(f.ctx, cfg, stream, f.tgt, metrics.NewCollector(time.Hour), false)
	if err != nil {
		return StepResult{}, err
	}
	if res.Interrupted {
		f.capa.Interrupted = true
		return StepResult{}, nil
	}
	sr := StepResult{Rate: rate, KeepingUp: res.KeepingUp, Growth: res.Growth,
		FinalLag: res.FinalLagRecords, MaxLagMs: res.MaxLagMs, Verdict: res.Verdict}
	for _, p := range res.Partitions {
		sr.Produced += p.Rate
	}
	f.capa.Steps = append(f.capa.Steps, sr)
	if sr.KeepingUp && rate > f.best {
		f.best, f.capa.MaxSustainable = rate, sr.Produced
	}
	if f.steps.Progress != nil {
		f.steps.Progress(sr)
	}
	return sr, nil
}
