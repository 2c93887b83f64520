package reports

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
)

// sampleWidth is how many characters of an error sample the table shows.
const sampleWidth = 60

// DefaultPercentiles are the latency percentiles the table shows.
var DefaultPercentiles = []string{"p50", "p90", "p99", "p99.9"}

// WriteTable writes the summary for a terminal: a heading, the rate and
// interrupt notes, then tables of counts and throughput, latency, error
// classes and thresholds (the last two only when there are any).
func (s *Summary) WriteTable(w io.Writer) error {
	return s.WriteTableWith(w, nil)
}

// WriteTableWith is WriteTable with the latency table's percentiles named
// (as ParsePercentile reads them: p95, p99.99, p(95)); none means
// DefaultPercentiles. A percentile summary.json does not hold is read from
// the run's histograms.
func (s *Summary) WriteTableWith(w io.Writer, percentiles []string) error {
	cols, err := percentileColumns(percentiles)
	if err != nil {
		return err
	}
	s = s.Redacted()
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

func (s *Summary) writeHeading(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "scenario %s · mode %s · target %s · seed %d\n", s.Scenario, s.Mode, s.Target, s.Seed)
	fmt.Fprintf(&b, "started %s · ran %s · interval %s\n", s.Started.Format(time.RFC3339),
		seconds(s.DurationS), seconds(s.IntervalS))
	if s.Interrupted {
		b.WriteString("interrupted: the run stopped before its planned end\n")
	}
	if !s.RateHeld {
		b.WriteString(s.rateLine() + "\n")
	}
	if s.ColdStarts != nil {
		fmt.Fprintf(&b, "cold starts: %d, p50 %sms, max %sms\n", s.ColdStarts.Count,
			num(s.ColdStarts.P50Ms, 1), num(s.ColdStarts.MaxMs, 1))
	}
	if in := s.Instances; in != nil {
		fmt.Fprintf(&b, "instances: peak %d of max %d, %d cold starts, %d calls queued at the max (longest %sms)\n",
			in.Peak, in.Max, in.ColdStarts, in.QueuedAtMax, num(in.LongestQueueMs, 1))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// rateLine explains that the asked rate was not held.
func (s *Summary) rateLine() string {
	line := fmt.Sprintf("rate NOT held: asked %s/s, achieved %s/s, fell %s behind schedule",
		num(s.AskedRate, 1), num(s.AchievedRate, 1), seconds(s.BehindScheduleMs/1e3))
	if s.RateNote != "" {
		line += ": " + s.RateNote
	}
	return line
}

func (s *Summary) writeCounts(w io.Writer) error {
	t := newTable(w, "rrrrrrrrr", "sent", "ok", "failed", "dropped", "retried", "records", "events/s", "records/s", "decoded MB/s")
	e := s.Events
	row := []string{itoa(e.Sent), itoa(e.OK), itoa(e.Failed), itoa(e.Dropped), itoa(e.Retried), itoa(s.Records),
		num(s.Throughput.EventsPerS, 1), num(s.Throughput.RecordsPerS, 1), num(s.Throughput.PayloadBytesPerS/1e6, 3)}
	return render(t, row)
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
		pct, _, err := ParsePercentile(strings.TrimSpace(n))
		if err != nil {
			return nil, err
		}
		cols[i] = percentileColumn{name: "p" + strconv.FormatFloat(pct, 'f', -1, 64), pct: pct}
	}
	return cols, nil
}

func (s *Summary) writeLatency(w io.Writer, cols []percentileColumn) error {
	header := []string{"latency (ms)", "min", "mean"}
	for _, c := range cols {
		header = append(header, c.name)
	}
	header = append(header, "max")
	t := newTable(w, "l"+strings.Repeat("r", len(header)-1), header...)
	return render(t, s.latencyRow(TagResponse, s.Latency.Response, cols), s.latencyRow(TagService, s.Latency.Service, cols))
}

// latencyRow is a row of the latency table; a percentile the run cannot
// give reads "–".
func (s *Summary) latencyRow(kind string, l LatencyStats, cols []percentileColumn) []string {
	row := []string{kind, num(l.Min, 3), num(l.Mean, 3)}
	for _, c := range cols {
		v, ok := s.Percentile(kind, c.pct)
		if !ok {
			row = append(row, "–")
			continue
		}
		row = append(row, num(v, 3))
	}
	return append(row, num(l.Max, 3))
}

func (s *Summary) writeErrors(w io.Writer) error {
	t := newTable(w, "lrl", "error class", "count", "first sample")
	var rows [][]string
	for _, class := range s.errorClasses() {
		sample := ""
		if msgs := s.ErrorSamples[class]; len(msgs) > 0 {
			sample = oneLine(msgs[0], sampleWidth)
		}
		rows = append(rows, []string{class, itoa(s.Errors[class]), sample})
	}
	return render(t, rows...)
}

func (s *Summary) writeThresholds(w io.Writer) error {
	t := newTable(w, "llr", "", "threshold", "value")
	var rows [][]string
	for _, r := range s.Thresholds {
		mark := "✓"
		if !r.OK {
			mark = "✗"
		}
		rows = append(rows, []string{mark, r.Expr, formatValue(r.Expr, r.Value)})
	}
	return render(t, rows...)
}

func (s *Summary) writeTrigger(w io.Writer) error {
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
	tab := newTable(w, "rrrrrrr", "max lag ms", "final lag records", "skipped records", "duplicates", "end-to-end p50 ms", "p99 ms", "max ms")
	row := []string{num(t.MaxLagMs, 1), itoa(t.FinalLagRecords), itoa(t.SkippedRecords), itoa(t.Duplicates), num(e.P50, 3), num(e.P99, 3), num(e.Max, 3)}
	if err := render(tab, row); err != nil {
		return err
	}
	return writePartitions(w, t.Partitions)
}

// maxPartitionRows bounds the per-partition table; the busiest partitions
// (by max lag, then rate) are shown when there are more.
const maxPartitionRows = 16

// writePartitions shows each partition's lag, so hot partitions stand out.
func writePartitions(w io.Writer, parts []PartitionFigures) error {
	if len(parts) == 0 {
		return nil
	}
	rows := slices.Clone(parts)
	slices.SortStableFunc(rows, func(a, b PartitionFigures) int {
		return cmp.Or(cmp.Compare(b.MaxLag, a.MaxLag), cmp.Compare(b.Rate, a.Rate), cmp.Compare(a.Partition, b.Partition))
	})
	if len(rows) > maxPartitionRows {
		if _, err := fmt.Fprintf(w, "the %d partitions with the most lag of %d:\n", maxPartitionRows, len(rows)); err != nil {
			return err
		}
		rows = rows[:maxPartitionRows]
	}
	tab := newTable(w, "rrrrrrrrl", "partition", "produced", "delivered", "skipped", "records/s", "max lag", "final lag", "max iterator age ms", "note")
	out := make([][]string, 0, len(rows))
	for _, p := range rows {
		limit := ""
		if p.LimitHit {
			limit = "write limit"
		}
		out = append(out, []string{strconv.Itoa(p.Partition), itoa(p.Produced), itoa(p.Delivered), itoa(p.Skipped), num(p.Rate, 1),
			itoa(p.MaxLag), itoa(p.FinalLag), num(p.MaxIteratorAgeMs, 1), limit})
	}
	return render(tab, out...)
}

// newTable returns a boxed table with the given header; aligns holds one
// letter per column: 'l' aligns its rows left, anything else right.
func newTable(w io.Writer, aligns string, header ...string) *tablewriter.Table {
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

func render(t *tablewriter.Table, rows ...[]string) error {
	for _, r := range rows {
		if err := t.Append(r); err != nil {
			return err
		}
	}
	return t.Render()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// num formats v with at most prec decimals, dropping trailing zeros.
func num(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// seconds formats a number of seconds as "3.2s" (or "1m30s" from a minute).
func seconds(sec float64) string {
	if sec >= 60 {
		return time.Duration(sec * float64(time.Second)).Round(time.Second).String()
	}
	return num(sec, 1) + "s"
}

// oneLine flattens a message to one line of at most width characters.
func oneLine(msg string, width int) string {
	msg = strings.Join(strings.Fields(msg), " ")
	if r := []rune(msg); len(r) > width {
		return string(r[:width-1]) + "…"
	}
	return msg
}
