package runner

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/render"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/threshold"
)

// coldStarter is implemented by targets that start instances (function).
type coldStarter interface{ ColdStarts() []time.Duration }

// finish builds the summary, judges the thresholds, writes the files and
// prints the table.
func finish(o Options, facts *reports.RunFacts, trig *reports.Trigger, eng engineOut, tgt harness.Target, col *metrics.Collector, ts []threshold.Threshold) (*Result, error) {
	sc := o.Scenario
	facts.Scenario, facts.Target, facts.Mode, facts.Seed = sc.Name, o.targetSpec(), string(sc.Load.Mode), sc.Seed
	facts.Interval = col.Width()
	facts.Shard = shardName(o.Shard, o.Shards)
	if cs, ok := tgt.(coldStarter); ok {
		facts.ColdStarts = cs.ColdStarts()
	}
	total := col.Total()
	sum := reports.NewSummary(*facts, total)
	if total != nil {
		sum.Connections.StaleRetries = total.StaleRetries
	}
	engineFigures(sum, eng.info)
	sum.AbortedBy = eng.abortedBy
	sum.Trigger = trig
	sum.Cost = runCost(sc, total, facts.Elapsed, trig)
	if err := sum.AddIntervals(col); err != nil {
		return nil, err
	}
	if y, err := sc.YAML(); err == nil {
		sum.ScenarioYAML = string(y)
	}
	sum.LiveMetrics = o.Live.Finish(sum)
	res := &Result{Summary: sum, ThresholdsOK: reports.EvalAll(sum, ts)}
	var errs []error
	if o.OutDir != "" {
		err := render.WriteResults(o.OutDir, sum, func(w io.Writer) error {
			return hlog.Write(w, facts.Started, col)
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("output: %w", err))
		}
	}
	// The table is printed even when the files could not be written: the
	// results are never lost without a word.
	if o.Stdout != nil {
		if err := render.WriteTable(o.Stdout, sum); err != nil {
			errs = append(errs, fmt.Errorf("table: %w", err))
		}
	}
	return res, errors.Join(errs...)
}

// engineOut is what the engine tells the summary besides the facts.
type engineOut struct {
	info      *harness.RunInfo // nil: a mode without the loop engine (trigger)
	abortedBy string           // the threshold that aborted the run
}

// loadFacts are the facts of an open- or closed-loop run, from the
// engine's account of it. With engineFigures, every field of
// harness.RunInfo reaches summary.json but Sent and Dropped: summary.json's
// events.sent and events.dropped are the collector's counts of the same
// deliveries, counted where they were recorded (TestRunInfoReachesSummary
// fails when a new field is dropped).
func loadFacts(info *harness.RunInfo) *reports.RunFacts {
	return &reports.RunFacts{
		Started: info.Started, Elapsed: info.Elapsed, Interrupted: info.Interrupted,
		AskedRate: info.AskedRate, AchievedRate: info.AchievedRate, RateHeld: info.RateHeld,
		Behind: info.MaxBehind, RateNote: info.BehindReason,
	}
}

// engineFigures copies the engine's own counts and account into the
// summary (nil: a mode without the loop engine, such as trigger).
func engineFigures(sum *reports.Summary, info *harness.RunInfo) {
	if info == nil {
		return
	}
	sum.Scheduled, sum.Unsent, sum.Abandoned = info.Scheduled, info.Unsent, info.Abandoned
	sum.Engine = &reports.EngineFigures{
		Ended: info.Ended, DrainS: info.Drain.Seconds(), BehindLimitMs: float64(info.BehindLimit) / 1e6,
		Workers: info.Workers, WorkersStarted: info.WorkersStarted,
	}
}

// shardName is summary.json's shard: "I/N" under --shard I/N, else "".
func shardName(shard, shards int) string {
	if shards <= 1 {
		return ""
	}
	return fmt.Sprintf("%d/%d", shard, shards)
}
