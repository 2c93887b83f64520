package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/disload/disload/internal/render"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/threshold"
)

// reportFormats are the renderings `disload report` offers.
var reportFormats = []string{"table", "json", "html", "csv"}

func newReportCmd(stdout, stderr io.Writer) *cobra.Command {
	var format, out string
	var percentiles []string
	cmd := &cobra.Command{
		Use:   "report DIR|summary.json",
		Short: "Show a saved run again: table, JSON, HTML report or intervals CSV",
		Long: `report renders the run saved in DIR (a directory written by run -o DIR or
by merge) or in a summary.json file:

  table  the terminal summary that run printed (the default)
  json   summary.json as disload writes it
  html   the self-contained report.html (charts of throughput, errors and
         latency over time, the latency distribution by percentile, decode
         throughput, error samples, trigger lag, the scenario); it opens
         without any network
  csv    one row per interval, for spreadsheets and dashboards

The table's latency columns are min, mean, p50, p90, p99, p99.9 and max;
--percentiles names others, any percentile in the spellings thresholds
take (p95, p99.99, k6's p(95)), read from the run's histograms.

The result goes to stdout, or with -o FILE to FILE (written to a temporary
name and renamed).`,
		Example: `  disload report out/
  disload report out/summary.json --format html -o out/report.html
  disload report out/ --format csv > intervals.csv
  disload report out/ --percentiles p75,p95,p99.99`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			return runReport(args[0], format, out, percentiles, stdout, stderr)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", strings.Join(reportFormats, " | ")+" (e.g. --format html)")
	cmd.Flags().StringVarP(&out, "out", "o", "", "write to FILE instead of stdout (e.g. -o out/report.html)")
	cmd.Flags().StringSliceVar(&percentiles, "percentiles", nil,
		"latency percentiles of the table (e.g. --percentiles p75,p95,p99.99)")
	return cmd
}

func runReport(path, format, out string, percentiles []string, stdout, stderr io.Writer) error {
	if !slices.Contains(reportFormats, format) {
		return usageError{fmt.Errorf("--format %q: want one of %s", format, strings.Join(reportFormats, ", "))}
	}
	for _, p := range percentiles {
		if _, _, err := threshold.ParsePercentile(strings.TrimSpace(p)); err != nil {
			return usageError{fmt.Errorf("--percentiles: %w", err)}
		}
	}
	s, err := reports.ReadSummary(path)
	if err != nil {
		return err
	}
	write := map[string]func(io.Writer) error{
		"table": func(w io.Writer) error { return render.WriteTableWith(w, s, percentiles) },
		"json":  s.WriteJSON,
		"html":  func(w io.Writer) error { return render.WriteHTML(w, s) },
		"csv":   func(w io.Writer) error { return render.WriteIntervalsCSV(w, s) },
	}[format]
	if out == "" {
		return write(stdout)
	}
	if err := reports.WriteFileAtomic(out, write); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stderr, "wrote %s\n", out)
	return err
}
