// Package runner runs a scenario end to end: it builds the event source and
// the target from a scenarios.Scenario, drives the harness, and turns the
// recorded results into a reports.Summary, printed and saved. It is what
// `disload run` does, usable from Go.
package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/live"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/scenarios"
	"github.com/disload/disload/internal/threshold"
)

// Options configure one run of a scenario.
type Options struct {
	Scenario *scenarios.Scenario
	// Shard and Shards: drive only the partitions p with p mod Shards == Shard.
	Shard, Shards int
	// OutDir, when set, receives summary.json, latency.hlog and the
	// function's instance logs.
	OutDir string
	// Thresholds are extra threshold expressions (the CLI's --threshold),
	// checked with the scenario's own.
	Thresholds []string
	// AbortThresholds are extra thresholds that stop the run when crossed
	// (the CLI's --threshold-abort), checked once per interval during the
	// run with the scenario's aborting ones, and judged at the end too.
	AbortThresholds []string
	// Progress, when non-nil, receives a live progress line about once a
	// second (a terminal: lines end in \r) and warnings when the rate is
	// not held.
	Progress io.Writer
	// FindMax, in trigger mode, first searches for the highest records/s
	// the target keeps up with, then runs at that rate.
	FindMax bool
	// Sweep, in trigger mode, runs a capacity search per value of a batch
	// size or memory and reports each value's capacity, end-to-end p99 and
	// cost per million records, with recommendations (nil: no sweep).
	Sweep *Sweep
	// Interval is the width of the per-interval figures, default 1s.
	Interval time.Duration
	// Warn receives warnings during the run, such as the rate not being
	// held, when Progress is nil (nil: not printed).
	Warn io.Writer
	// Stdout receives the final table (nil: not printed).
	Stdout io.Writer
	// Intervals, when set, receives each interval's figures as the run
	// goes on (CSVSink, JSONLinesSink).
	Intervals IntervalSink
	// HandlerLog receives in-process handlers' log lines (nil: discarded).
	HandlerLog io.Writer
	// Live, when set, exposes the run's figures as it goes (a Prometheus
	// endpoint, remote write, OTLP); its sinks' figures go into the summary.
	Live *live.Exporter
	// Hurry, when closed after the run was interrupted, cuts the grace
	// period short: deliveries in flight are abandoned at once and the
	// report is written (the CLI's second Ctrl-C).
	Hurry <-chan struct{}
	// Producer, when set, replaces the scenario's target: every record is
	// sent on its own to Producer (Event.Key and Event.Payload hold the
	// record's key and value), and ProducerSpec names it in the report.
	// This is `disload produce`; trigger mode does not apply.
	Producer     harness.Target
	ProducerSpec string
}

// Result is a finished run.
type Result struct {
	Summary *reports.Summary
	// ThresholdsOK is false when a threshold was crossed (exit code 99).
	ThresholdsOK bool
}

// Run runs the scenario. An interrupted run (ctx canceled) still returns a
// complete Result marked interrupted; an error means no valid result (bad
// scenario, a target that failed to start, a function that kept crashing).
func Run(ctx context.Context, o Options) (*Result, error) {
	sc := o.Scenario
	if sc == nil {
		return nil, errors.New("runner: no scenario")
	}
	if o.Sweep != nil {
		return runSweep(ctx, o)
	}
	thresholds, err := parseThresholds(sc.Thresholds, o.Thresholds, o.AbortThresholds)
	if err != nil {
		return nil, err
	}
	aborts, err := parseAbortRules(sc.AbortThresholds, o.AbortThresholds)
	if err != nil {
		return nil, err
	}
	if o.OutDir != "" {
		if err := PrepareOutDir(o.OutDir); err != nil {
			return nil, err
		}
	}
	gen, err := newGenerator(o, sc.Load.Rate.PerSecond)
	if err != nil {
		return nil, err
	}
	tgt, err := o.target()
	if err != nil {
		return nil, fmt.Errorf("target %s: %w", o.targetSpec(), err)
	}
	defer tgt.Close()
	if o.Interval <= 0 {
		o.Interval = time.Second
	}
	col := metrics.NewCollector(o.Interval)
	runID := reports.NewRunID()
	attachLive(o, col, tgt, runID)
	var facts *reports.RunFacts
	var trig *reports.Trigger
	var info *harness.RunInfo
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%w before the load started", ErrInterrupted)
	}
	// The target's lifecycle is the runner's: started once here, reused by
	// every run on it (find-max steps and the confirmation run), closed
	// once above.
	if err := harness.Start(ctx, tgt); err != nil {
		return nil, err
	}
	// A stream whose reader went away (a closed pipe) stops the run as an
	// interrupt would: the report is still written.
	runCtx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	var loadEnded, cutAfterEnd atomic.Bool
	stopStream := streamIntervals(col, o.Intervals, func(err error) {
		cutAfterEnd.Store(loadEnded.Load())
		stop(fmt.Errorf("intervals: %w", err))
	})
	stopAborts := watchAborts(col, aborts, o.Interval, stop)
	if sc.Load.Mode == scenarios.ModeTrigger {
		facts, trig, info, err = runTrigger(runCtx, o, gen, tgt, col)
	} else {
		facts, info, err = runLoad(runCtx, o, gen, tgt, col)
	}
	loadEnded.Store(true)
	abortedBy := stopAborts()
	serr := stopStream(runLength(facts))
	if err != nil {
		return nil, err
	}
	facts.Instances = instanceFigures(tgt, o.Warn)
	facts.RunID = runID
	res, err := finish(o, facts, trig, engineOut{info, abortedBy}, tgt, col, thresholds)
	// A reader that went away after the run's end (| head) took what it
	// wanted and cut nothing: the run is complete, its report written.
	if serr != nil && !(cutAfterEnd.Load() && errors.Is(serr, syscall.EPIPE)) {
		err = errors.Join(fmt.Errorf("intervals: %w", serr), err)
	}
	return res, err
}

// ErrInterrupted is the error of a run stopped from outside before it had
// anything to report.
var ErrInterrupted = errors.New("interrupted")

// runLoad runs open or closed loop.
func runLoad(ctx context.Context, o Options, gen *generator.Source, tgt harness.Target, col *metrics.Collector) (*reports.RunFacts, *harness.RunInfo, error) {
	hcfg, err := harnessConfig(o.Scenario)
	if err != nil {
		return nil, nil, fmt.Errorf("scenario %s: %w", o.Scenario.Source, err)
	}
	if o.Shards > 1 {
		shardLoad(&hcfg, o.Scenario.Load, gen)
		if o.Scenario.Load.MaxEvents > 0 && hcfg.MaxEvents == 0 {
			// None of the stream's first max_events is this shard's.
			return &reports.RunFacts{Started: time.Now(), RateHeld: true}, nil, nil
		}
	}
	info, err := drive(ctx, o, hcfg, o.source(gen), tgt, col)
	if err != nil {
		return nil, nil, err
	}
	return loadFacts(info), info, nil
}

// newGenerator builds the scenario's event source for this shard; rate is
// the records/s its virtual clock assumes in trigger mode.
func newGenerator(o Options, rate float64) (*generator.Source, error) {
	gcfg := o.Scenario.GeneratorConfig()
	gcfg.Shard, gcfg.Shards = o.Shard, o.Shards
	if o.Scenario.Load.Mode == scenarios.ModeTrigger && rate > 0 {
		gcfg.RecordRate = rate
	}
	gen, err := generator.New(gcfg)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", o.Scenario.Source, err)
	}
	return gen, nil
}

// source adapts the generator to the harness.
func source(gen *generator.Source) harness.Source {
	return harness.SourceFunc(func(ev *harness.Event) {
		var m generator.EventMeta
		ev.Payload, m = gen.Next(ev.Payload[:0])
		ev.Index, ev.Partition, ev.Records, ev.PayloadBytes = m.Index, m.Partition, m.Records, m.PayloadBytes
	})
}

// harnessConfig maps the scenario's load section onto the engine's config.
func harnessConfig(sc *scenarios.Scenario) (harness.Config, error) {
	l := sc.Load
	cfg := harness.Config{
		Duration: l.Duration, MaxEvents: l.MaxEvents, Concurrency: l.Concurrency,
		Timeout: sc.Target.Timeout, Grace: l.Grace,
		// Sends up to 2,500/s wake on the kernel's high-resolution timer,
		// not ~1 ms late on Go's, so response times do not carry it.
		PreciseTimer: true,
	}
	switch l.Mode {
	case scenarios.ModeOpen:
		cfg.Mode = harness.Open
	case scenarios.ModeClosed:
		cfg.Mode = harness.Closed
	default:
		return cfg, fmt.Errorf("load.mode: %q is not a harness mode", l.Mode)
	}
	if l.OnFull == scenarios.OnFullDrop {
		cfg.OnFull = harness.Drop
	}
	cfg.Pacer = pacer(l)
	return cfg, cfg.Validate()
}

// pacer is the load's schedule: constant, ramping stages, or none (closed
// loop without a rate cap).
func pacer(l scenarios.LoadConfig) harness.Pacer {
	if len(l.Stages) > 0 {
		p := harness.StagesPacer{Start: l.Rate.PerSecond}
		for _, st := range l.Stages {
			p.Stages = append(p.Stages, harness.Stage{Duration: st.Duration, Target: st.Target.PerSecond})
		}
		return p
	}
	if l.Rate.PerSecond > 0 {
		return harness.ConstantPacer{PerSecond: l.Rate.PerSecond}
	}
	return nil
}

// shardLoad turns the whole stream's load into this shard's part: its
// share of the rate, and its events among the stream's first max_events, so
// that the shards together send exactly what one run would.
func shardLoad(cfg *harness.Config, l scenarios.LoadConfig, gen *generator.Source) {
	share := gen.ShardShare()
	l.Rate.PerSecond *= share
	l.Stages = slices.Clone(l.Stages)
	for i := range l.Stages {
		l.Stages[i].Target.PerSecond *= share
	}
	cfg.Pacer = pacer(l)
	if cfg.MaxEvents > 0 {
		cfg.MaxEvents = gen.ShardEvents(cfg.MaxEvents)
	}
}

func parseThresholds(lists ...[]string) ([]threshold.Threshold, error) {
	var out []threshold.Threshold
	var errs []error
	for _, list := range lists {
		for _, expr := range list {
			t, err := threshold.Parse(expr)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			out = append(out, t)
		}
	}
	return out, errors.Join(errs...)
}
