package render

import (
	_ "embed" // the report's assets
	"fmt"
	"html/template"
	"io"
	"time"

	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/threshold"
)

// The report embeds uPlot 1.6.32 (MIT licence, assets/uPlot.LICENSE; from
// the npm package "uplot"), so the file opens with no network at all.
var (
	//go:embed assets/uPlot.iife.min.js
	uplotJS string
	//go:embed assets/uPlot.min.css
	uplotCSS string
	//go:embed assets/uPlot.LICENSE
	uplotLicence string
	//go:embed assets/report.js
	reportJS string
	//go:embed assets/report.css
	reportCSS string
	//go:embed assets/report.html.tmpl
	reportTemplate string
)

// uplotVersion is the version of the embedded uPlot.
const uplotVersion = "1.6.32"

var htmlTemplate = template.Must(template.New("report").Parse(reportTemplate))

// htmlView is what the report template renders.
type htmlView struct {
	Title, Heading string
	Meta, Notes    []string
	Tables         []htmlTable
	Charts         []chart
	Errors         []htmlError
	Trigger        []htmlTable
	Verdict        string
	TriggerNotes   []string // under the verdict: the capacity search's answer
	Scenario       string
	Data           chartJSON // written as JSON into a script element by html/template
	UPlotJS        template.JS
	JS             template.JS
	UPlotCSS, CSS  template.CSS
	Licence        string
	UPlotVersion   string
}

// htmlTable is a table of the report; columns from Left on are numbers.
type htmlTable struct {
	Caption string
	Header  []string
	Rows    [][]cell
	Left    int
}

type cell struct{ Text, Class string }

type htmlError struct {
	Class   string
	Count   int64
	Samples []string
}

// WriteHTML writes the report as one self-contained HTML file: the
// figures, charts of throughput, errors and latency percentiles over time,
// the latency distribution by percentile, decode throughput, error classes
// with sample messages, trigger lag per partition, and the scenario. The
// charts are drawn in the browser by the embedded uPlot from data held in
// the page; nothing is fetched from the network (the page's
// Content-Security-Policy forbids it).
func WriteHTML(w io.Writer, sum *reports.Summary) error {
	if err := htmlTemplate.Execute(w, view{sum.Redacted()}.htmlView()); err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	return nil
}

func (s view) htmlView() *htmlView {
	charts := s.charts()
	v := &htmlView{
		Title:        fmt.Sprintf("disload · %s · %s", s.Scenario, s.Started.Format(time.RFC3339)),
		Heading:      "disload report: " + s.Scenario,
		Meta:         s.htmlMeta(),
		Notes:        s.htmlNotes(),
		Tables:       s.figureTables(),
		Charts:       charts,
		Errors:       s.htmlErrors(),
		Scenario:     s.ScenarioYAML,
		Data:         chartJSON{Charts: charts},
		UPlotJS:      template.JS(uplotJS),
		JS:           template.JS(reportJS),
		UPlotCSS:     template.CSS(uplotCSS),
		CSS:          template.CSS(reportCSS),
		Licence:      uplotLicence,
		UPlotVersion: uplotVersion,
	}
	if s.Trigger != nil {
		v.Verdict = s.Trigger.Verdict
		v.Trigger = s.triggerTables()
		if note := s.Trigger.TriggerNote(); note != "" {
			v.TriggerNotes = append(v.TriggerNotes, note)
		}
	}
	return v
}

func (s view) htmlMeta() []string {
	return []string{
		"mode " + s.Mode, "target " + s.Target, fmt.Sprintf("seed %d", s.Seed),
		"started " + s.Started.Format(time.RFC3339), "ran " + reports.Seconds(s.DurationS),
		"interval " + reports.Seconds(s.IntervalS),
	}
}

func (s view) htmlNotes() []string {
	var notes []string
	if s.Interrupted {
		notes = append(notes, "Interrupted: the run stopped before its planned end.")
	}
	if !s.RateHeld {
		notes = append(notes, s.rateLine())
	}
	return notes
}

func (s view) figureTables() []htmlTable {
	e := s.Events
	counts := htmlTable{Caption: "Deliveries and throughput",
		Header: []string{"sent", "ok", "failed", "dropped", "retried", "records", "events/s", "records/s", "decoded MB/s"},
		Rows: [][]cell{cells(Itoa(e.Sent), Itoa(e.OK), Itoa(e.Failed), Itoa(e.Dropped), Itoa(e.Retried), Itoa(s.Records),
			reports.Num(s.Throughput.EventsPerS, 1), reports.Num(s.Throughput.RecordsPerS, 1), reports.Num(s.Throughput.PayloadBytesPerS/1e6, 3))}}
	lat := htmlTable{Caption: "Latency (ms)", Left: 1,
		Header: []string{"", "min", "mean", "p50", "p90", "p99", "p99.9", "max"},
		Rows: [][]cell{cells(s.latencyRow(hlog.TagResponse, s.Latency.Response, defaultColumns)...),
			cells(s.latencyRow(hlog.TagService, s.Latency.Service, defaultColumns)...)}}
	tables := []htmlTable{counts, lat}
	if len(s.Thresholds) > 0 {
		th := htmlTable{Caption: "Thresholds", Header: []string{"", "threshold", "value"}, Left: 2}
		for _, r := range s.Thresholds {
			mark := cell{"✓ pass", "ok"}
			if !r.OK {
				mark = cell{"✗ fail", "bad"}
			}
			th.Rows = append(th.Rows, []cell{mark, {Text: r.Expr}, {Text: threshold.FormatValue(r.Expr, r.Value)}})
		}
		tables = append(tables, th)
	}
	if c := s.ColdStarts; c != nil {
		tables = append(tables, htmlTable{Caption: "Cold starts", Header: []string{"count", "p50 ms", "max ms"},
			Rows: [][]cell{cells(fmt.Sprint(c.Count), reports.Num(c.P50Ms, 1), reports.Num(c.MaxMs, 1))}})
	}
	if s.Cost != nil {
		tables = append(tables, s.costTable())
	}
	if len(s.Sweep) > 0 {
		tables = append(tables, s.sweepTable())
	}
	if in := s.Instances; in != nil {
		tables = append(tables, htmlTable{Caption: "Function instances",
			Header: []string{"peak", "max", "cold starts", "calls queued at max", "longest queue ms"},
			Rows:   [][]cell{cells(fmt.Sprint(in.Peak), fmt.Sprint(in.Max), fmt.Sprint(in.ColdStarts), Itoa(in.QueuedAtMax), reports.Num(in.LongestQueueMs, 1))}})
	}
	return tables
}

func cells(texts ...string) []cell {
	out := make([]cell, len(texts))
	for i, t := range texts {
		out[i] = cell{Text: t}
	}
	return out
}

func (s view) htmlErrors() []htmlError {
	var out []htmlError
	for _, class := range s.ErrorClasses() {
		out = append(out, htmlError{Class: class, Count: s.Errors[class], Samples: s.ErrorSamples[class]})
	}
	return out
}

// triggerTables are the trigger's tables, at the top of the report: lag
// and skips, the partitions, the capacity search's steps.
func (s view) triggerTables() []htmlTable {
	t := s.Trigger
	e := t.EndToEndMs
	sustainable := "–"
	if t.MaxSustainableRecordsPerS > 0 {
		sustainable = reports.Num(t.MaxSustainableRecordsPerS, 1)
	}
	skipped := cell{Text: Itoa(t.SkippedRecords)}
	if t.SkippedRecords > 0 {
		skipped.Class = "bad"
	}
	sum := htmlTable{Caption: "Lag, skips and end-to-end latency",
		Header: []string{"max lag ms", "final lag records", "lag slope records/s", "skipped records", "duplicates",
			"max sustainable records/s", "end-to-end p50 ms", "p99 ms", "max ms"},
		Rows: [][]cell{append(append(cells(reports.Num(t.MaxLagMs, 1), Itoa(t.FinalLagRecords), reports.Num(t.LagSlope, 1)), skipped),
			cells(Itoa(t.Duplicates), sustainable, reports.Num(e.P50, 3), reports.Num(e.P99, 3), reports.Num(e.Max, 3))...)}}
	tables := []htmlTable{sum}
	if len(t.Partitions) > 0 {
		tables = append(tables, partitionTable(t.Partitions))
	}
	if len(t.Steps) > 0 {
		tables = append(tables, stepTable(t.Steps))
	}
	return tables
}

// partitionTable shows each partition's deliveries and lag.
func partitionTable(ps []reports.PartitionFigures) htmlTable {
	parts := htmlTable{Caption: "Partitions",
		Header: []string{"partition", "produced", "delivered", "skipped", "final lag", "max lag", "max iterator age ms",
			"records/s", "write limit hit"}}
	for _, p := range ps {
		hit := cell{Text: "no"}
		if p.LimitHit {
			hit = cell{"yes", "bad"}
		}
		skipped := cell{Text: Itoa(p.Skipped)}
		if p.Skipped > 0 {
			skipped.Class = "bad"
		}
		row := append(cells(fmt.Sprint(p.Partition), Itoa(p.Produced), Itoa(p.Delivered)), skipped)
		row = append(row, cells(Itoa(p.FinalLag), Itoa(p.MaxLag), reports.Num(p.MaxIteratorAgeMs, 1), reports.Num(p.Rate, 1))...)
		parts.Rows = append(parts.Rows, append(row, hit))
	}
	return parts
}

// stepTable lists the capacity search's steps in the order run.
func stepTable(steps []reports.FindMaxStep) htmlTable {
	tab := htmlTable{Caption: "Capacity search (--find-max), in the order run",
		Header: []string{"step", "rate records/s", "produced", "drained", "lag slope records/s", "max lag ms", "verdict"}}
	for i, st := range steps {
		verdict := cell{Text: st.Verdict, Class: "ok"}
		if !st.KeepingUp {
			verdict.Class = "bad"
		}
		row := cells(fmt.Sprint(i+1), reports.Num(st.RateRecordsPerS, 1), reports.Num(st.ProducedRecordsPerS, 1),
			reports.Num(st.DrainedRecordsPerS, 1), reports.Num(st.LagSlope, 1), reports.Num(st.MaxLagMs, 1))
		tab.Rows = append(tab.Rows, append(row, verdict))
	}
	return tab
}
