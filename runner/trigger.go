package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/disload/disload/generator"
	"github.com/disload/disload/harness"
	"github.com/disload/disload/harness/trigger"
	"github.com/disload/disload/metrics"
	"github.com/disload/disload/reports"
	"github.com/disload/disload/scenarios"
)

// triggerConfig maps the scenario onto the simulated DIS trigger.
func triggerConfig(sc *scenarios.Scenario) trigger.Config {
	t := sc.Trigger
	records, bytes := sc.Stream.PartitionType.WriteLimits()
	return trigger.Config{
		RecordRate: sc.Load.Rate.PerSecond, Duration: sc.Load.Duration,
		BatchSize: sc.Batch.Size, Poll: t.Poll, MaxFetchBytes: t.MaxFetchBytes,
		Iterator: string(t.Iterator), Serial: t.Serial, Retries: t.Retries,
		OnFailure: string(t.OnFailure), LimitRecords: records, LimitBytes: bytes,
		LimitName: string(sc.Stream.PartitionType), EnforceLimit: t.WriteLimit == scenarios.WriteLimitEnforce,
		ReportLag: t.ReportLag, Timeout: sc.Target.Timeout, Grace: sc.Load.Grace,
		StreamName: sc.Stream.Name, Tag: sc.Stream.Tag, Dialect: sc.GeneratorConfig().Dialect,
	}
}

// runTrigger runs trigger mode: producers write records into the
// partitions at the scenario's records/s and a poller per partition invokes
// the target with batches, as the FunctionGraph DIS trigger does.
func runTrigger(ctx context.Context, o Options, gen *generator.Source, tgt harness.Target, col *metrics.Collector) (*reports.RunFacts, *reports.Trigger, error) {
	cfg := triggerConfig(o.Scenario)
	cfg.Interval = col.Width()
	var capa *trigger.Capacity
	if o.FindMax {
		var err error
		if capa, err = findMax(ctx, o, cfg, tgt); err != nil {
			return nil, nil, err
		}
		if capa.MaxSustainable > 0 && !capa.Interrupted {
			// Confirm the figure with a full, reported run at that rate.
			cfg.RecordRate = capa.MaxSustainable
			if gen, err = newGenerator(o, cfg.RecordRate); err != nil {
				return nil, nil, err
			}
		}
	}
	started := time.Now()
	res, err := trigger.Run(ctx, cfg, trigger.FromGenerator(gen), tgt, col)
	if err != nil {
		return nil, nil, err
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
		facts.Interrupted = facts.Interrupted || capa.Interrupted
	}
	return facts, sum, nil
}

// findMax raises the produced rate in steps until the target falls behind
// and returns the highest rate it kept up with.
func findMax(ctx context.Context, o Options, cfg trigger.Config, tgt harness.Target) (*trigger.Capacity, error) {
	streams := func(rate float64) (trigger.Stream, error) {
		gen, err := newGenerator(o, rate)
		if err != nil {
			return nil, err
		}
		return trigger.FromGenerator(gen), nil
	}
	steps := trigger.Steps{Duration: o.Scenario.Load.Duration, Progress: func(sr trigger.StepResult) {
		if o.Warn != nil {
			fmt.Fprintf(o.Warn, "find-max: %.0f records/s: %s (max lag %.0f ms)\n", sr.Rate, sr.Verdict, sr.MaxLagMs)
		}
	}}
	capa, err := trigger.FindMax(ctx, cfg, streams, tgt, steps)
	if err != nil {
		return nil, err
	}
	if o.Warn != nil {
		fmt.Fprintf(o.Warn, "find-max: highest sustainable rate %.0f records/s\n", capa.MaxSustainable)
	}
	return capa, nil
}

// triggerSummary is the summary's trigger block.
func triggerSummary(res *trigger.Result) *reports.Trigger {
	t := &reports.Trigger{
		Verdict: res.Verdict, MaxLagMs: res.MaxLagMs, FinalLagRecords: res.FinalLagRecords,
		Duplicates: res.Duplicates,
	}
	if res.EndToEnd != nil {
		t.SetEndToEnd(res.EndToEnd)
	}
	secs := res.Elapsed.Seconds()
	for _, p := range res.Partitions {
		f := reports.PartitionFigures{
			Partition: p.Partition, Produced: p.Produced, Delivered: p.Delivered, FinalLag: p.FinalLag,
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
