package render

import (
	"encoding/csv"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/disload/disload/internal/reports"
)

// IntervalCSVHeader names the columns of the intervals CSV. The columns are
// fixed, so rows can be streamed while a run goes on; "errors" holds the
// interval's failures by class as "class=n;class=n", classes in name order
// (empty when none failed), and "length_s" how much of the interval the
// run covered (less than the others for the one the run ended in: divide
// its counts by it for a rate).
var IntervalCSVHeader = []string{
	"t_s", "sent", "ok", "failed", "dropped", "retried", "records", "payload_bytes",
	"response_p50_ms", "response_p90_ms", "response_p99_ms", "response_max_ms",
	"service_p50_ms", "service_p99_ms", "errors", "length_s",
}

// IntervalCSVWriter writes intervals as CSV rows, the header before the
// first, flushing after each row so that a reader sees every interval as it
// is written.
type IntervalCSVWriter struct {
	w      *csv.Writer
	headed bool
}

// NewIntervalCSVWriter returns a writer of interval rows to w.
func NewIntervalCSVWriter(w io.Writer) *IntervalCSVWriter {
	return &IntervalCSVWriter{w: csv.NewWriter(w)}
}

// Write writes one interval (after the header, the first time).
func (c *IntervalCSVWriter) Write(iv reports.IntervalFigures) error {
	if !c.headed {
		if err := c.w.Write(IntervalCSVHeader); err != nil {
			return err
		}
		c.headed = true
	}
	if err := c.w.Write(intervalRow(iv)); err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}

// WriteHeader writes the header if no row was written yet, so that a run
// without intervals still yields a well-formed CSV.
func (c *IntervalCSVWriter) WriteHeader() error {
	if c.headed {
		return nil
	}
	c.headed = true
	if err := c.w.Write(IntervalCSVHeader); err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}

// WriteIntervalsCSV writes the summary's intervals as CSV: the header, then
// one row per interval.
func WriteIntervalsCSV(w io.Writer, s *reports.Summary) error {
	c := NewIntervalCSVWriter(w)
	if err := c.WriteHeader(); err != nil {
		return err
	}
	for _, iv := range s.Intervals {
		if err := c.Write(iv); err != nil {
			return err
		}
	}
	return nil
}

func intervalRow(iv reports.IntervalFigures) []string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	return []string{
		f(iv.TS), Itoa(iv.Sent), Itoa(iv.OK), Itoa(iv.Failed), Itoa(iv.Dropped), Itoa(iv.Retried),
		Itoa(iv.Records), Itoa(iv.PayloadBytes),
		f(iv.ResponseMs.P50), f(iv.ResponseMs.P90), f(iv.ResponseMs.P99), f(iv.ResponseMs.Max),
		f(iv.ServiceMs.P50), f(iv.ServiceMs.P99), errorCell(iv.Errors), f(iv.LengthS),
	}
}

// errorCell renders failures by class as "a=1;b=2", classes in name order.
func errorCell(errs map[string]int64) string {
	parts := make([]string, 0, len(errs))
	for _, class := range slices.Sorted(maps.Keys(errs)) {
		parts = append(parts, class+"="+Itoa(errs[class]))
	}
	return strings.Join(parts, ";")
}
