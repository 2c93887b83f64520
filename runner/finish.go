package runner

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/disload/disload/harness"
	"github.com/disload/disload/metrics"
	"github.com/disload/disload/reports"
)

// coldStarter is implemented by targets that start instances (function).
type coldStarter interface{ ColdStarts() []time.Duration }

// finish builds the summary, judges the thresholds, writes the files and
// prints the table.
func finish(o Options, facts *reports.RunFacts, trig *reports.Trigger, tgt harness.Target, col *metrics.Collector, ts []reports.Threshold) (*Result, error) {
	sc := o.Scenario
	facts.Scenario, facts.Target, facts.Mode, facts.Seed = sc.Name, sc.Target.Spec(), string(sc.Load.Mode), sc.Seed
	facts.Interval = col.Width()
	if cs, ok := tgt.(coldStarter); ok {
		facts.ColdStarts = cs.ColdStarts()
	}
	sum := reports.NewSummary(*facts, col.Total())
	sum.Trigger = trig
	res := &Result{Summary: sum, ThresholdsOK: reports.EvalAll(sum, ts)}
	if o.OutDir != "" {
		if err := writeOut(o.OutDir, sum, facts.Started, col); err != nil {
			return res, err
		}
	}
	if o.Stdout != nil {
		if err := sum.WriteTable(o.Stdout); err != nil {
			return res, err
		}
	}
	return res, nil
}

// writeOut writes the run's files into dir, each via a temp file and rename.
func writeOut(dir string, sum *reports.Summary, started time.Time, col *metrics.Collector) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{reports.SummaryFile, sum.WriteJSON},
		{reports.HistogramLogFile, func(w io.Writer) error { return reports.WriteHistogramLog(w, started, col) }},
	}
	for _, f := range files {
		if err := reports.WriteFileAtomic(filepath.Join(dir, f.name), f.write); err != nil {
			return fmt.Errorf("output: %w", err)
		}
	}
	return nil
}
