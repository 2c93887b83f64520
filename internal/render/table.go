package render

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/threshold"
)

// sampleWidth is how many characters of an error sample the table shows.
const sampleWidth = 60

// DefaultPercentiles are the latency percentiles the table shows.
var DefaultPercentiles = []string{"p50", "p90", "p99", "p99.9"}

// WriteTable writes the summary for a terminal: a heading, the rate and
// interrupt notes, then tables of counts and throughput, latency, error
// classes and thresholds (the last two only when there are any).
func WriteTable(w io.Writer, s *reports.Summary) error {
	return WriteTableWith(w, s, nil)
}

// WriteTableWith is WriteTable with the latency table's percentiles named
// (as ParsePercentile reads them: p95, p99.99, p(95)); none means
// DefaultPercentiles. A percentile summary.json does not hold is read from
// the run's histograms.
func WriteTableWith(w io.Writer, sum *reports.Summary, percentiles []string) error {
	cols, err := percentileColumns(percentiles)
	if err != nil {
		return err
	}
	s := view{sum.Redacted()}
	latency := func(w io.Writer) error { return s.writeLatency(w, cols) }
	steps := []func(io.Writer) error{s.writeHeading, s.writeCounts, latency}
	if len(s.Errors) > 0 {
		steps = append(steps, s.writeErrors)
	}
	if len(s.Thresholds) > 0 {
		steps = append(steps, s.writeThresholds)
	}
	if s.Trigger != nil {
		steps = append(steps, s.writeTrigger)
	}
	if s.Cost != nil {
		steps = append(steps, s.writeCost)
	}
	if len(s.Sweep) > 0 {
		steps = append(steps, s.writeSweep)
	}
	for _, step := range steps {
		if err := step(w); err != nil {
			return err
		}
	}
	return nil
}

func (s view) writeHeading(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "scenario %s · mode %s · target %s · seed %d\n", s.Scenario, s.Mode, s.Target, s.Seed)
	fmt.Fprintf(&b, "started %s · ran %s · interval %s\n", s.Started.Format(time.RFC3339),
		reports.Seconds(s.DurationS), reports.Seconds(s.IntervalS))
	if s.Interrupted {
		b.WriteString("interrupted: the run stopped before its planned end\n")
	}
	if !s.RateHeld {
		b.WriteString(s.rateLine() + "\n")
	}
	if line := s.engineLine(); line != "" {
		b.WriteString(line + "\n")
	}
	if s.ColdStarts != nil {
		fmt.Fprintf(&b, "cold starts: %d, p50 %sms, max %sms\n", s.ColdStarts.Count,
			reports.Num(s.ColdStarts.P50Ms, 1), reports.Num(s.ColdStarts.MaxMs, 1))
	}
	if in := s.Instances; in != nil {
		fmt.Fprintf(&b, "instances: peak %d of max %d, %d cold starts, %d calls queued at the max (longest %sms)\n",
			in.Peak, in.Max, in.ColdStarts, in.QueuedAtMax, reports.Num(in.LongestQueueMs, 1))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// engineLine shows the engine's own counts when one of them tells
// something: events due but never sent (unsent), deliveries given up after
// the grace period (abandoned) and requests resent on a fresh connection
// (stale resends), beside the events the schedule asked for. A quiet run
// shows nothing.
func (s view) engineLine() string {
	if s.Unsent == 0 && s.Abandoned == 0 && s.Connections.StaleRetries == 0 {
		return ""
	}
	var parts []string
	for _, c := range []struct {
		name string
		n    int64
	}{{"scheduled", s.Scheduled}, {"unsent", s.Unsent}, {"abandoned", s.Abandoned},
		{"stale resends", s.Connections.StaleRetries}} {
		if c.n != 0 {
			parts = append(parts, fmt.Sprintf("%s %d", c.name, c.n))
		}
	}
	return "engine: " + strings.Join(parts, " · ")
}

// rateLine explains that the asked rate was not held.
func (s view) rateLine() string {
	line := fmt.Sprintf("rate NOT held: asked %s/s, achieved %s/s, fell %s behind schedule",
		reports.Num(s.AskedRate, 1), reports.Num(s.AchievedRate, 1), reports.Seconds(s.BehindScheduleMs/1e3))
	if s.RateNote != "" {
		line += ": " + s.RateNote
	}
	return line
}

func (s view) writeCounts(w io.Writer) error {
	t := NewTable(w, "rrrrrrrrr", "sent", "ok", "failed", "dropped", "retried", "records", "events/s", "records/s", "decoded MB/s")
	e := s.Events
	row := []string{Itoa(e.Sent), Itoa(e.OK), Itoa(e.Failed), Itoa(e.Dropped), Itoa(e.Retried), Itoa(s.Records),
		reports.Num(s.Throughput.EventsPerS, 1), reports.Num(s.Throughput.RecordsPerS, 1), reports.Num(s.Throughput.PayloadBytesPerS/1e6, 3)}
	return RenderTable(t, row)
}

// percentileColumn is a percentile of the latency table.
type percentileColumn struct {
	name string // as the header shows it
	pct  float64
}

// defaultColumns are DefaultPercentiles as columns.
var defaultColumns, _ = percentileColumns(DefaultPercentiles)

// percentileColumns parses the percentiles the latency table shows.
func percentileColumns(names []string) ([]percentileColumn, error) {
	if len(names) == 0 {
		names = DefaultPercentiles
	}
	cols := make([]percentileColumn, len(names))
	for i, n := range names {
		pct, _, err := threshold.ParsePercentile(strings.TrimSpace(n))
		if err != nil {
			return nil, err
		}
		cols[i] = percentileColumn{name: "p" + strconv.FormatFloat(pct, 'f', -1, 64), pct: pct}
	}
	return cols, nil
}

func (s view) writeLatency(w io.Writer, cols []percentileColumn) error {
	header := []string{"latency (ms)", "min", "mean"}
	for _, c := range cols {
		header = append(header, c.name)
	}
	header = append(header, "max")
	t := NewTable(w, "l"+strings.Repeat("r", len(header)-1), header...)
	return RenderTable(t, s.latencyRow(hlog.TagResponse, s.Latency.Response, cols), s.latencyRow(hlog.TagService, s.Latency.Service, cols))
}

// latencyRow is a row of the latency table; a percentile the run cannot
// give reads "–".
func (s view) latencyRow(kind string, l reports.LatencyStats, cols []percentileColumn) []string {
	row := []string{kind, reports.Num(l.Min, 3), reports.Num(l.Mean, 3)}
	for _, c := range cols {
		v, ok := s.Percentile(kind, c.pct)
		if !ok {
			row = append(row, "–")
			continue
		}
		row = append(row, reports.Num(v, 3))
	}
	return append(row, reports.Num(l.Max, 3))
}

func (s view) writeErrors(w io.Writer) error {
	t := NewTable(w, "lrl", "error class", "count", "first sample")
	var rows [][]string
	for _, class := range s.ErrorClasses() {
		sample := ""
		if msgs := s.ErrorSamples[class]; len(msgs) > 0 {
			sample = oneLine(msgs[0], sampleWidth)
		}
		rows = append(rows, []string{class, Itoa(s.Errors[class]), sample})
	}
	return RenderTable(t, rows...)
}

func (s view) writeThresholds(w io.Writer) error {
	t := NewTable(w, "llr", "", "threshold", "value")
	var rows [][]string
	for _, r := range s.Thresholds {
		mark := "✓"
		if !r.OK {
			mark = "✗"
		}
		rows = append(rows, []string{mark, r.Expr, threshold.FormatValue(r.Expr, r.Value)})
	}
	return RenderTable(t, rows...)
}

func (s view) writeTrigger(w io.Writer) error {
	t := s.Trigger
	if t.Verdict != "" {
		if _, err := fmt.Fprintf(w, "trigger: %s\n", t.Verdict); err != nil {
			return err
		}
	}
	if note := t.TriggerNote(); note != "" {
		if _, err := fmt.Fprintln(w, note); err != nil {
			return err
		}
	}
	e := t.EndToEndMs
	tab := NewTable(w, "rrrrrrr", "max lag ms", "final lag records", "skipped records", "duplicates", "end-to-end p50 ms", "p99 ms", "max ms")
	row := []string{reports.Num(t.MaxLagMs, 1), Itoa(t.FinalLagRecords), Itoa(t.SkippedRecords), Itoa(t.Duplicates), reports.Num(e.P50, 3), reports.Num(e.P99, 3), reports.Num(e.Max, 3)}
	if err := RenderTable(tab, row); err != nil {
		return err
	}
	return writePartitions(w, t.Partitions)
}

// maxPartitionRows bounds the per-partition table; the busiest partitions
// (by max lag, then rate) are shown when there are more.
const maxPartitionRows = 16

// writePartitions shows each partition's lag, so hot partitions stand out.
func writePartitions(w io.Writer, parts []reports.PartitionFigures) error {
	if len(parts) == 0 {
		return nil
	}
	rows := slices.Clone(parts)
	slices.SortStableFunc(rows, func(a, b reports.PartitionFigures) int {
		return cmp.Or(cmp.Compare(b.MaxLag, a.MaxLag), cmp.Compare(b.Rate, a.Rate), cmp.Compare(a.Partition, b.Partition))
	})
	if len(rows) > maxPartitionRows {
		if _, err := fmt.Fprintf(w, "the %d partitions with the most lag of %d:\n", maxPartitionRows, len(rows)); err != nil {
			return err
		}
		rows = rows[:maxPartitionRows]
	}
	tab := NewTable(w, "rrrrrrrrl", "partition", "produced", "delivered", "skipped", "records/s", "max lag", "final lag", "max iterator age ms", "note")
	out := make([][]string, 0, len(rows))
	for _, p := range rows {
		limit := ""
		if p.LimitHit {
			limit = "write limit"
		}
		out = append(out, []string{strconv.Itoa(p.Partition), Itoa(p.Produced), Itoa(p.Delivered), Itoa(p.Skipped), reports.Num(p.Rate, 1),
			Itoa(p.MaxLag), Itoa(p.FinalLag), reports.Num(p.MaxIteratorAgeMs, 1), limit})
	}
	return RenderTable(tab, out...)
}

// NewTable returns a boxed table with the given header; aligns holds one
// letter per column: 'l' aligns its rows left, anything else right.
func NewTable(w io.Writer, aligns string, header ...string) *tablewriter.Table {
	align := make([]tw.Align, len(header))
	for i := range align {
		align[i] = tw.AlignRight
		if i < len(aligns) && aligns[i] == 'l' {
			align[i] = tw.AlignLeft
		}
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignCenter),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
	)
	t.Header(header)
	return t
}

// RenderTable appends rows to t and renders it.
func RenderTable(t *tablewriter.Table, rows ...[]string) error {
	for _, r := range rows {
		if err := t.Append(r); err != nil {
			return err
		}
	}
	return t.Render()
}

// Itoa formats a count.
func Itoa(n int64) string { return strconv.FormatInt(n, 10) }

// oneLine flattens a message to one line of at most width characters.
func oneLine(msg string, width int) string {
	msg = strings.Join(strings.Fields(msg), " ")
	if r := []rune(msg); len(r) > width {
		return string(r[:width-1]) + "…"
	}
	return msg
}
