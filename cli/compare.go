package cli

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/disload/disload/internal/compare"
	"github.com/spf13/cobra"
)

type compareFlags struct {
	format string
	failOn string
}

// exitRegression is compare's exit code when --fail-on-regression finds
// NEW worse than OLD: apart from bad input (1), usage (2) and thresholds
// (99), so that CI tells a slower build from a broken job.
const exitRegression = 3

func newCompareCmd(stdout, stderr io.Writer) *cobra.Command {
	var f compareFlags
	cmd := &cobra.Command{
		Use:   "compare OLD NEW | compare OLD... -- NEW...",
		Short: "Set two runs side by side: the change of every figure and whether it is beyond noise",
		Long: `compare reads saved runs (each a result directory or a summary.json) and
shows every figure of both sides: counts, throughput, error rate, latency
mean, percentiles and maximum, and trigger lag, with the relative change,
its 99% confidence interval and whether it is significant. The first line
is the verdict: the figures significantly worse, those better, or "no
significant change".

Each side is one run, or several runs of one configuration: list them
with -- between the sides (OLD1 OLD2 OLD3 -- NEW1 NEW2 NEW3), or give a
directory whose subdirectories are result directories. With several runs
a side's figures are the mean over its runs (latency: of all their events
together), and run-to-run variation enters the test.

` + compare.Method + `

With --fail-on-regression PCT the exit code is 3 when NEW is worse than OLD
by more than PCT percent with 99% confidence (the change's whole confidence
interval beyond PCT) on a latency figure (higher) or a throughput figure
(lower); each such figure is listed on stderr. Exit codes: 0 no regression,
1 bad input (a run that cannot be read), 2 usage, 3 a regression. A CI job
can so guard a handler's speed:

  disload run bench.yaml -o new/ && disload compare baseline/ new/ --fail-on-regression 10`,
		Example: `  disload compare baseline/ out/
  disload compare baseline/summary.json out/summary.json --format json
  disload compare baseline/ out/ --fail-on-regression 10%
  disload compare base1/ base2/ base3/ -- new1/ new2/ new3/ --fail-on-regression 10%
  disload compare baselines/ candidates/`,
		Args: usageArgs(cobra.MinimumNArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			old, new, err := compareSides(args, cmd.ArgsLenAtDash())
			if err != nil {
				return err
			}
			return runCompare(old, new, &f, stdout, stderr)
		},
	}
	cmd.Flags().StringVarP(&f.format, "format", "f", "table", "table | json (e.g. --format json)")
	cmd.Flags().StringVar(&f.failOn, "fail-on-regression", "",
		"PCT: exit 3 when NEW is worse by more than PCT% with 99% confidence (e.g. --fail-on-regression 10%)")
	return cmd
}

// compareSides splits the arguments into the two sides: OLD NEW, or the
// runs before and after "--" (dash, -1 without one).
func compareSides(args []string, dash int) (old, new []string, err error) {
	switch {
	case dash < 0 && len(args) == 2:
		return args[:1], args[1:], nil
	case dash < 0:
		return nil, nil, usageError{fmt.Errorf("%d runs given: want OLD NEW, or OLD... -- NEW...", len(args))}
	case dash == 0 || dash == len(args):
		return nil, nil, usageError{errors.New("each side of -- needs at least one run: OLD... -- NEW...")}
	}
	return args[:dash], args[dash:], nil
}

func runCompare(oldPaths, newPaths []string, f *compareFlags, stdout, stderr io.Writer) error {
	if f.format != "table" && f.format != "json" {
		return usageError{fmt.Errorf("--format %q: want table or json", f.format)}
	}
	pct, guard, err := parsePercent(f.failOn)
	if err != nil {
		return err
	}
	before, err := readSide(oldPaths)
	if err != nil {
		return err
	}
	after, err := readSide(newPaths)
	if err != nil {
		return err
	}
	c := compare.Runs(before, after)
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

// readSide reads the runs of one side.
func readSide(paths []string) ([]*compare.Run, error) {
	var runs []*compare.Run
	for _, p := range paths {
		rs, err := compare.ReadRuns(p)
		if err != nil {
			return nil, err
		}
		runs = append(runs, rs...)
	}
	return runs, nil
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

// regressionError lists the regressions on stderr and fails (exit 3) when
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
	return exitCodeError{code: exitRegression,
		msg: fmt.Sprintf("%d figures worse by more than %s with 99%% confidence", len(regs), strings.TrimSuffix(strings.TrimSpace(pct), "%")+"%")}
}
