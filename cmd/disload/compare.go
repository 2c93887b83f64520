package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/disload/disload/reports"
)

type compareFlags struct {
	format string
	failOn string
}

func newCompareCmd(stdout, stderr io.Writer) *cobra.Command {
	var f compareFlags
	cmd := &cobra.Command{
		Use:   "compare OLD NEW",
		Short: "Set two runs side by side: the change of every figure and whether it is beyond noise",
		Long: `compare reads two saved runs (each a result directory or a summary.json) and
shows every figure of both: counts, throughput, error rate, latency mean,
percentiles and maximum, and trigger lag, with the relative change and
whether it is significant.

` + reports.CompareMethod + `

With --fail-on-regression PCT the exit code is 1 when NEW is worse than OLD
by more than PCT percent on a significant latency figure (higher) or
throughput figure (lower); each such figure is listed on stderr. A CI job can
so guard a handler's speed:

  disload run bench.yaml -o new/ && disload compare baseline/ new/ --fail-on-regression 10`,
		Example: `  disload compare baseline/ out/
  disload compare baseline/summary.json out/summary.json --format json
  disload compare baseline/ out/ --fail-on-regression 10%`,
		Args: usageArgs(cobra.ExactArgs(2)),
		RunE: func(_ *cobra.Command, args []string) error {
			return runCompare(args[0], args[1], &f, stdout, stderr)
		},
	}
	cmd.Flags().StringVarP(&f.format, "format", "f", "table", "table | json")
	cmd.Flags().StringVar(&f.failOn, "fail-on-regression", "", "PCT: exit 1 when NEW is significantly worse by more than PCT% (e.g. 10 or 10%)")
	return cmd
}

func runCompare(oldPath, newPath string, f *compareFlags, stdout, stderr io.Writer) error {
	if f.format != "table" && f.format != "json" {
		return usageError{fmt.Errorf("--format %q: want table or json", f.format)}
	}
	pct, guard, err := parsePercent(f.failOn)
	if err != nil {
		return err
	}
	before, err := reports.ReadSummary(oldPath)
	if err != nil {
		return err
	}
	after, err := reports.ReadSummary(newPath)
	if err != nil {
		return err
	}
	c := reports.Compare(before, after)
	write := c.WriteTable
	if f.format == "json" {
		write = c.WriteJSON
	}
	if err := write(stdout); err != nil {
		return err
	}
	if !guard {
		return nil
	}
	return regressionError(c.Regressions(pct), f.failOn, stderr)
}

// parsePercent reads --fail-on-regression: "" (off), "10" or "10%".
func parsePercent(s string) (pct float64, set bool, err error) {
	if s == "" {
		return 0, false, nil
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%")), 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false, usageError{fmt.Errorf("--fail-on-regression %q: want a percentage such as 10 or 10%%", s)}
	}
	return v, true, nil
}

// regressionError lists the regressions on stderr and fails (exit 1) when
// there are any.
func regressionError(regs []string, pct string, stderr io.Writer) error {
	if len(regs) == 0 {
		return nil
	}
	for _, r := range regs {
		if _, err := fmt.Fprintf(stderr, "regression: %s\n", r); err != nil {
			return err
		}
	}
	return exitCodeError{code: exitError,
		msg: fmt.Sprintf("%d figures significantly worse by more than %s", len(regs), strings.TrimSuffix(pct, "%")+"%")}
}
