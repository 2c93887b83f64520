package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/harness/trigger"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/scenarios"
)

// triggerConfig maps the scenario onto the simulated DIS trigger: its
// settings and its event format.
func triggerConfig(sc *scenarios.Scenario) trigger.Config {
	t := sc.Trigger
	records, bytes := sc.Stream.PartitionType.WriteLimits()
	return trigger.Config{
		RecordRate: sc.Load.Rate.PerSecond, Duration: sc.Load.Duration,
		BatchSize: sc.Batch.Size, Poll: t.Poll, MaxFetchBytes: t.MaxFetchBytes,
		Iterator: string(t.Iterator), Serial: t.Serial, Retries: t.Retries,
		OnFailure: string(t.OnFailure), LimitRecords: records, LimitBytes: bytes,
		LimitName: string(sc.Stream.PartitionType), EnforceLimit: t.WriteLimit == scenarios.WriteLimitEnforce,
		Timeout: sc.Target.Timeout, Grace: sc.Load.Grace,
		Format: disFormat{
			streamName: sc.Stream.Name, tag: sc.Stream.Tag, dialect: sc.GeneratorConfig().Dialect, reportLag: t.ReportLag,
		},
		MaxEventBytes: generator.MaxEventBytes,
	}
}

// runTrigger runs trigger mode: producers write records into the
// partitions at the scenario's records/s and a poller per partition invokes
// the target with batches, as the FunctionGraph DIS trigger does. With
// FindMax it first searches the highest rate the target sustains, then
// confirms it with a full, reported run at that rate on the same target
// (started once, by Run). The engine's counts come back as a RunInfo, as
// the loop engine's do.
func runTrigger(ctx context.Context, o Options, gen *generator.Source, tgt harness.Target, col *metrics.Collector) (*reports.RunFacts, *reports.Trigger, *harness.RunInfo, error) {
	cfg := triggerConfig(o.Scenario)
	cfg.Interval = col.Width()
	cfg.Hurry = o.Hurry
	var capa *trigger.Capacity
	if o.FindMax {
		var err error
		if capa, err = findMax(ctx, o, cfg, tgt); err != nil {
			return nil, nil, nil, err
		}
		if capa.MaxSustainable > 0 && !capa.Interrupted {
			cfg.RecordRate = capa.MaxSustainable
			if gen, err = newGenerator(o, cfg.RecordRate); err != nil {
				return nil, nil, nil, err
			}
		}
	}
	if o.Live != nil {
		cfg.Lag = o.Live // the reported run's lag, not the search's
	}
	started := time.Now()
	res, err := trigger.Run(ctx, cfg, triggerStream(gen), tgt, col)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, w := range res.Warnings {
		if o.Warn != nil {
			fmt.Fprintf(o.Warn, "warning: %s\n", w)
		}
	}
	facts := &reports.RunFacts{
		Started: started, Elapsed: res.Elapsed, Interrupted: res.Interrupted,
		AskedRate: cfg.RecordRate, RateHeld: res.Throttled == 0,
	}
	if secs := res.Elapsed.Seconds(); secs > 0 {
		facts.AchievedRate = float64(res.Produced) / secs
	}
	if res.Throttled > 0 {
		facts.RateNote = fmt.Sprintf("%d records throttled at the %s partitions' write limit", res.Throttled, cfg.LimitName)
	}
	sum := triggerSummary(res)
	if capa != nil {
		sum.MaxSustainableRecordsPerS = capa.MaxSustainable
		sum.FindMax, sum.Steps = findMaxSummary(capa, cfg.LimitName)
		facts.Interrupted = facts.Interrupted || capa.Interrupted
	}
	return facts, sum, triggerInfo(res), nil
}

// triggerInfo is the trigger engine's counts in the loop engine's shape:
// batches pulled are the events scheduled.
func triggerInfo(res *trigger.Result) *harness.RunInfo {
	return &harness.RunInfo{
		Elapsed: res.Elapsed - res.Drain, Drain: res.Drain, Interrupted: res.Interrupted,
		Scheduled: res.Scheduled, Sent: res.Sent, Unsent: res.Unsent, Abandoned: int64(res.Abandoned),
	}
}

// findMax searches the highest records/s the target keeps up with, each
// step shown on Warn as it ends.
func findMax(ctx context.Context, o Options, cfg trigger.Config, tgt harness.Target) (*trigger.Capacity, error) {
	streams := func(rate float64) (trigger.Stream, error) {
		gen, err := newGenerator(o, rate)
		if err != nil {
			return nil, err
		}
		return triggerStream(gen), nil
	}
	// Steps of 3 s, or the run's duration when shorter, and at least 8
	// polling intervals.
	poll := cfg.WithDefaults().Poll
	steps := trigger.Steps{Duration: max(min(o.Scenario.Load.Duration, trigger.DefaultStepDuration), 8*poll), Progress: func(sr trigger.StepResult) {
		if o.Warn != nil {
			fmt.Fprintf(o.Warn, "find-max: %.0f records/s: %s (max lag %.0f ms)\n", sr.Rate, sr.Verdict, sr.MaxLagMs)
		}
	}}
	capa, err := trigger.FindMax(ctx, cfg, streams, tgt, steps)
	if err != nil {
		return nil, err
	}
	if o.Warn != nil {
		fmt.Fprintf(o.Warn, "find-max: %s\n", findMaxNote(capa, cfg.LimitName))
	}
	return capa, nil
}

// findMaxSummary is the summary's account of a capacity search.
func findMaxSummary(c *trigger.Capacity, limitName string) (*reports.FindMax, []reports.FindMaxStep) {
	fm := &reports.FindMax{
		MaxSustainableRecordsPerS: c.MaxSustainable, FirstFailingRecordsPerS: c.FirstFailing, LimitedBy: c.LimitedBy,
		StreamLimitRecordsPerS: c.StreamLimit, OverStreamLimit: c.OverStreamLimit, Interrupted: c.Interrupted,
		Note: findMaxNote(c, limitName),
	}
	steps := make([]reports.FindMaxStep, 0, len(c.Steps))
	for _, s := range c.Steps {
		steps = append(steps, reports.FindMaxStep{
			RateRecordsPerS: s.Rate, ProducedRecordsPerS: s.Produced, KeepingUp: s.KeepingUp, LagSlope: s.LagSlope,
			DrainedRecordsPerS: s.Drained, MaxLagMs: s.MaxLagMs, Skipped: s.Skipped, Verdict: s.Verdict,
		})
	}
	return fm, steps
}

// findMaxNote says in one line what the capacity search found.
func findMaxNote(c *trigger.Capacity, limitName string) string {
	var note string
	switch {
	case c.MaxSustainable == 0:
		note = fmt.Sprintf("no rate kept up (the lowest tried, %.0f records/s, fell behind)", c.FirstFailing)
	default:
		note = fmt.Sprintf("highest sustainable rate %.0f records/s", c.MaxSustainable)
		if c.FirstFailing > 0 {
			note += fmt.Sprintf(" (%.0f fell behind)", c.FirstFailing)
		}
	}
	if c.Partitions > 1 && c.HotShare*float64(c.Partitions) > 1.1 {
		note += fmt.Sprintf("; partition %d takes %.0f%% of the records (key skew) and sets the limit", c.HotPartition, 100*c.HotShare)
	}
	switch c.LimitedBy {
	case trigger.LimitedByWriteLimit:
		note += "; limited by the enforced write limit, not the function"
	case trigger.LimitedByMaxRate:
		note += "; every rate tried kept up, up to the search's maximum"
	}
	if c.OverStreamLimit {
		note += fmt.Sprintf("; more than the stream takes: its %s partitions' write limit allows %.0f records/s (add partitions or use advanced ones)",
			limitName, c.StreamLimit)
	}
	if c.Interrupted {
		note += "; interrupted"
	}
	return note
}

// triggerSummary is the summary's trigger block.
func triggerSummary(res *trigger.Result) *reports.Trigger {
	t := &reports.Trigger{
		Verdict: res.Verdict, MaxLagMs: res.MaxLagMs, FinalLagRecords: res.FinalLagRecords,
		Duplicates: res.Duplicates, SkippedRecords: res.Skipped, LagSlope: res.LagSlope,
		UndeliveredRecords: res.Undelivered, Abandoned: res.Abandoned,
	}
	if res.EndToEnd != nil {
		t.SetEndToEnd(res.EndToEnd)
	}
	secs := res.Elapsed.Seconds()
	for _, p := range res.Partitions {
		f := reports.PartitionFigures{
			Partition: p.Partition, Produced: p.Produced, Delivered: p.Delivered, Attempted: p.Attempted,
			Skipped: p.Skipped, FinalLag: p.FinalLag,
			MaxLag: p.MaxLag, MaxIteratorAgeMs: p.MaxIteratorAgeMs, LimitHit: p.LimitHit,
		}
		if secs > 0 {
			f.Rate = float64(p.Delivered) / secs
		}
		t.Partitions = append(t.Partitions, f)
	}
	for _, s := range res.Timeline {
		if s.Partition == trigger.TotalPartition {
			continue
		}
		t.Lag = append(t.Lag, reports.LagPoint{
			TS: s.At.Seconds(), Partition: s.Partition, LagRecords: s.LagRecords, IteratorAgeMs: s.IteratorAgeMs,
		})
	}
	return t
}
