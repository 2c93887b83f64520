package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/disload/disload/reports"
)

// reportFormats are the renderings `disload report` offers.
var reportFormats = []string{"table", "json", "html", "csv"}

func newReportCmd(stdout, stderr io.Writer) *cobra.Command {
	var format, out string
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

The result goes to stdout, or with -o FILE to FILE (written to a temporary
name and renamed).`,
		Example: `  disload report out/
  disload report out/summary.json --format html -o out/report.html
  disload report out/ --format csv > intervals.csv`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			return runReport(args[0], format, out, stdout, stderr)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", strings.Join(reportFormats, " | "))
	cmd.Flags().StringVarP(&out, "out", "o", "", "write to FILE instead of stdout")
	return cmd
}

func runReport(path, format, out string, stdout, stderr io.Writer) error {
	if !slices.Contains(reportFormats, format) {
		return usageError{fmt.Errorf("--format %q: want one of %s", format, strings.Join(reportFormats, ", "))}
	}
	s, err := reports.ReadSummary(path)
	if err != nil {
		return err
	}
	write := map[string]func(io.Writer) error{
		"table": s.WriteTable,
		"json":  s.WriteJSON,
		"html":  s.WriteHTML,
		"csv":   func(w io.Writer) error { return reports.WriteIntervalsCSV(w, s) },
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
