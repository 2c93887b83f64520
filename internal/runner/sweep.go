package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/render"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/scenarios"
)

// SweepParam is what a sweep varies.
type SweepParam string

// The parameters a sweep may vary.
const (
	SweepBatch  SweepParam = "batch"  // batch.size: records per invocation
	SweepMemory SweepParam = "memory" // target.memory in MB
)

// MaxSweepValues bounds a sweep's values: each is a capacity search.
const MaxSweepValues = 20

// Sweep is a --sweep: one capacity search per value of Param.
type Sweep struct {
	Param  SweepParam
	Values []int
}

// ParseSweep reads "batch=10,50,100" or "memory=128,256,512": distinct
// whole values, in the order to run, at most MaxSweepValues.
func ParseSweep(spec string) (Sweep, error) {
	key, list, ok := strings.Cut(strings.TrimSpace(spec), "=")
	p := SweepParam(strings.TrimSpace(key))
	if !ok || (p != SweepBatch && p != SweepMemory) {
		return Sweep{}, fmt.Errorf("want batch=V1,V2,... or memory=MB1,MB2,..., e.g. batch=10,50,100")
	}
	sw := Sweep{Param: p}
	for item := range strings.SplitSeq(list, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(item))
		if err != nil || v < 1 {
			return Sweep{}, fmt.Errorf("%s: %q is not a whole number above 0", p, strings.TrimSpace(item))
		}
		if p == SweepBatch && v > generator.MaxBatchSize {
			return Sweep{}, fmt.Errorf("batch: %d is above the maximum batch of %d", v, generator.MaxBatchSize)
		}
		if slices.Contains(sw.Values, v) {
			return Sweep{}, fmt.Errorf("%s: %d is given twice", p, v)
		}
		sw.Values = append(sw.Values, v)
	}
	if len(sw.Values) > MaxSweepValues {
		return Sweep{}, fmt.Errorf("%d values: at most %d (each is a capacity search)", len(sw.Values), MaxSweepValues)
	}
	return sw, nil
}

// Check reports what keeps the sweep from running on sc: it needs trigger
// mode, and a memory sweep a function-like target.
func (sw Sweep) Check(sc *scenarios.Scenario) error {
	if sc.Load.Mode != scenarios.ModeTrigger {
		return fmt.Errorf("needs trigger mode (--mode trigger), the scenario's is %s", sc.Load.Mode)
	}
	if sw.Param == SweepMemory && !sc.Target.FunctionLike() {
		return fmt.Errorf("memory needs a function, inproc or rpc target; this one is %s", sc.Target.Type)
	}
	return nil
}

// apply sets the swept value on a copy of sc.
func (sw Sweep) apply(sc *scenarios.Scenario, v int) *scenarios.Scenario {
	c := *sc
	switch sw.Param {
	case SweepBatch:
		c.Batch.Size = v
	case SweepMemory:
		c.Target.Memory = v
	}
	return &c
}

// runSweep runs a capacity search (--find-max, then a run at the rate
// found) for each value, each written to OutDir/sweep-PARAM-V when there
// is an OutDir. The result is the run of the row recommended as balanced,
// its summary holding every row; OutDir gets its summary.json, report.html
// and latency.hlog. Thresholds are judged on every value's run.
func runSweep(ctx context.Context, o Options) (*Result, error) {
	sw := *o.Sweep
	if err := sw.Check(o.Scenario); err != nil {
		return nil, fmt.Errorf("--sweep: %w", err)
	}
	if o.OutDir != "" {
		if err := PrepareOutDir(o.OutDir); err != nil {
			return nil, err
		}
	}
	var rows []reports.SweepRow
	var results []*Result
	var dirs []string
	allOK := true
	for _, v := range sw.Values {
		one := o
		one.Scenario, one.Sweep, one.FindMax, one.Stdout, one.Intervals = sw.apply(o.Scenario, v), nil, true, nil, nil
		one.OutDir = ""
		if o.OutDir != "" {
			one.OutDir = filepath.Join(o.OutDir, fmt.Sprintf("sweep-%s-%d", sw.Param, v))
		}
		if w := cmpWriter(o.Warn, o.Progress); w != nil {
			fmt.Fprintf(w, "sweep: %s=%d\n", sw.Param, v)
		}
		res, err := Run(ctx, one)
		if err != nil {
			return nil, fmt.Errorf("sweep %s=%d: %w", sw.Param, v, err)
		}
		allOK = allOK && res.ThresholdsOK
		rows = append(rows, sweepRow(res.Summary, one.Scenario))
		results, dirs = append(results, res), append(dirs, one.OutDir)
		if ctx.Err() != nil {
			break
		}
	}
	reports.Recommend(rows)
	pick := len(rows) - 1
	for i, r := range rows {
		if slices.Contains(r.Recommended, "balanced") {
			pick = i
		}
	}
	sum := results[pick].Summary
	sum.Sweep = rows
	return &Result{Summary: sum, ThresholdsOK: allOK}, writeSweep(o, sum, dirs[pick])
}

// sweepRow is a value's row: the capacity found, the end-to-end p99 and
// the cost per million records of the run at that rate.
func sweepRow(s *reports.Summary, sc *scenarios.Scenario) reports.SweepRow {
	r := reports.SweepRow{Batch: sc.Batch.Size, Memory: sc.Target.BilledMemory(), Currency: sc.Cost.Currency}
	if t := s.Trigger; t != nil {
		r.MaxSustainableRecordsPerS, r.E2EP99Ms = t.MaxSustainableRecordsPerS, t.EndToEndMs.P99
	}
	if s.Cost != nil {
		r.CostPerMillionRecords = s.Cost.PerMillionRecords
	}
	return r
}

// writeSweep writes the sweep's summary (the picked run's, with every
// row) to OutDir, its latency log copied from the picked run's folder,
// and prints the table.
func writeSweep(o Options, sum *reports.Summary, pickedDir string) error {
	var errs []error
	if o.OutDir != "" {
		copyLog := func(w io.Writer) error {
			f, err := os.Open(filepath.Join(pickedDir, hlog.File))
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = io.Copy(w, f)
			return err
		}
		if err := render.WriteResults(o.OutDir, sum, copyLog); err != nil {
			errs = append(errs, fmt.Errorf("output: %w", err))
		}
	}
	if o.Stdout != nil {
		if err := render.WriteTable(o.Stdout, sum); err != nil {
			errs = append(errs, fmt.Errorf("table: %w", err))
		}
	}
	return errors.Join(errs...)
}

// cmpWriter is the first writer that is not nil.
func cmpWriter(ws ...io.Writer) io.Writer {
	for _, w := range ws {
		if w != nil {
			return w
		}
	}
	return nil
}
