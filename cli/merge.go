package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/disload/disload/internal/render"
	"github.com/spf13/cobra"
)

func newMergeCmd(stdout, stderr io.Writer) *cobra.Command {
	var out string
	var mixed bool
	cmd := &cobra.Command{
		Use:   "merge DIR... -o DIR",
		Short: "Add up the results of several shards or machines into one run, exactly",
		Long: `merge adds up result directories (as written by run -o DIR, each holding
summary.json and latency.hlog) of runs that went on side by side: the N
shards of one run (run --shard I/N), or copies on several machines.

Counts, records, bytes and errors add; latency comes from the merged HDR
histograms, never from averaged percentiles, so the merged p99 and max are
exact; error samples are all kept. Intervals are aligned by wall-clock time
(each run's start + t_s, to the nearest interval of the earliest run) and
the interval logs are merged the same way. The merged run spans the union
of the runs' times. Thresholds are evaluated again on the merged figures.

merge refuses what cannot be parts of one run: the same run given twice
(the same directory, also through a symbolic link, or a copy of it: runs
are told apart by summary.json's run_id; a merged run beside one of its
parts counts as twice), runs of different scenarios or modes (unless
--mixed), an output directory that is one of the inputs, and damaged
summaries (a negative count, an interval outside its run, a count sum that
overflows), naming the file and field.

The merged directory gets summary.json, latency.hlog and report.html, each
written to a temporary name and renamed; the merged table goes to stdout.
A DIR holding * ? or [ that names no directory is expanded as a glob, so
merge works without a shell (in a container). The exit code is 99 when a
threshold is crossed on the merged figures.`,
		Example: `  disload merge out/shard-0 out/shard-1 out/shard-2 -o out/merged
  disload merge '/results/shard-*' -o /results/merged
  disload merge clicks-run/ logs-run/ --mixed -o out/both`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			return runMerge(args, out, mixed, stdout, stderr)
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "", "directory for the merged results (required; e.g. -o out/merged)")
	cmd.Flags().BoolVar(&mixed, "mixed", false, "merge runs of different scenarios or modes too (e.g. --mixed)")
	return cmd
}

func runMerge(args []string, out string, mixed bool, stdout, stderr io.Writer) error {
	if out == "" {
		return usageError{errors.New("merge needs -o DIR for the merged results")}
	}
	dirs, err := expandDirs(args)
	if err != nil {
		return err
	}
	merged, err := render.MergeDirs(out, dirs, mixed)
	if err != nil {
		return err
	}
	if err := render.WriteTable(stdout, merged); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(stderr, "merged %d runs into %s\n", len(dirs), out); err != nil {
		return err
	}
	for _, t := range merged.Thresholds {
		if !t.OK {
			return exitCodeError{code: exitThreshold, msg: "a threshold was crossed"}
		}
	}
	return nil
}

// expandDirs expands arguments that hold glob patterns and name no existing
// path; a pattern that matches nothing is an error.
func expandDirs(args []string) ([]string, error) {
	var dirs []string
	for _, a := range args {
		if _, err := os.Stat(a); err == nil || !strings.ContainsAny(a, "*?[") {
			dirs = append(dirs, a)
			continue
		}
		matches, err := filepath.Glob(a)
		if err != nil {
			return nil, usageError{fmt.Errorf("%q: %w", a, err)}
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("merge: no result directory matches %q", a)
		}
		dirs = append(dirs, matches...)
	}
	return dirs, nil
}
