package runner

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/reports"
)

// coldStarter is implemented by targets that start instances (function).
type coldStarter interface{ ColdStarts() []time.Duration }

// finish builds the summary, judges the thresholds, writes the files and
// prints the table.
func finish(o Options, facts *reports.RunFacts, trig *reports.Trigger, eng engineOut, tgt harness.Target, col *metrics.Collector, ts []reports.Threshold) (*Result, error) {
	sc := o.Scenario
	facts.Scenario, facts.Target, facts.Mode, facts.Seed = sc.Name, sc.Target.Spec(), string(sc.Load.Mode), sc.Seed
	facts.Interval = col.Width()
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
	res := &Result{Summary: sum, ThresholdsOK: reports.EvalAll(sum, ts)}
	var errs []error
	if o.OutDir != "" {
		err := reports.WriteResults(o.OutDir, sum, func(w io.Writer) error {
			return reports.WriteHistogramLog(w, facts.Started, col)
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("output: %w", err))
		}
	}
	// The table is printed even when the files could not be written: the
	// results are never lost without a word.
	if o.Stdout != nil {
		if err := sum.WriteTable(o.Stdout); err != nil {
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

// engineFigures copies the engine's own counts into the summary (nil: a
// mode without the loop engine, such as trigger).
func engineFigures(sum *reports.Summary, info *harness.RunInfo) {
	if info == nil {
		return
	}
	sum.Scheduled, sum.Unsent, sum.Abandoned = info.Scheduled, info.Unsent, info.Abandoned
}
