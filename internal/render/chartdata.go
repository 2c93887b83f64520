package render

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/HdrHistogram/hdrhistogram-go"
	"github.com/disload/disload/internal/reports"
)

// palette colours the series of a chart, in order.
var palette = []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
	"#e377c2", "#7f7f7f", "#bcbd22", "#17becf"}

// point is a chart value; NaN stands for "no data" and is written as null.
type point float64

// MarshalJSON writes NaN as null and numbers in their shortest form.
func (p point) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(p)) || math.IsInf(float64(p), 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, float64(p), 'g', 7, 64), nil
}

// chart is one chart of the HTML report: the page's script draws each with
// uPlot from these columns.
type chart struct {
	ID     string    `json:"id"`
	Title  string    `json:"title"`
	Note   string    `json:"-"`  // shown under the chart
	X      string    `json:"x"`  // "time": seconds since start; "pct": percentile, log axis of 1/(1-q); else a linear axis so labelled
	Y      string    `json:"y"`  // left axis label
	Y2     string    `json:"y2"` // right axis label ("" for none)
	Series []series  `json:"series"`
	Data   [][]point `json:"data"` // Data[0] is x, then one column per series
}

// series is one line of a chart.
type series struct {
	Label string `json:"label"`
	Unit  string `json:"unit"`
	Color string `json:"color"`
	Right bool   `json:"right"` // on the right axis
}

// add appends a series with its column, coloured in turn.
func (c *chart) add(label, unit string, right bool, col []point) {
	c.Series = append(c.Series, series{Label: label, Unit: unit, Right: right,
		Color: palette[len(c.Series)%len(palette)]})
	c.Data = append(c.Data, col)
}

// charts returns the charts the summary has data for, in page order.
func (s view) charts() []chart {
	var out []chart
	if len(s.Intervals) > 0 {
		out = append(out, s.throughputChart(), s.latencyChart(), s.decodeChart())
		if len(s.Errors) > 0 {
			out = append(out, s.errorsChart())
		}
	}
	if len(s.Sweep) > 0 {
		out = append(out, s.sweepCharts()...)
	}
	if c, ok := s.distributionChart(); ok {
		out = append(out, c)
	}
	if s.Trigger != nil && len(s.Trigger.Lag) > 0 {
		lag := s.lagChart("lag", "Lag per partition", "records waiting", "",
			func(p reports.LagPoint) float64 { return float64(p.LagRecords) })
		lag.Note = "Records produced but not yet delivered, per partition."
		age := s.lagChart("age", "Iterator age per partition", "ms", " ms",
			func(p reports.LagPoint) float64 { return p.IteratorAgeMs })
		age.Note = "Age of the oldest undelivered record, per partition."
		out = append(out, lag, age)
	}
	return out
}

// column maps every interval through f.
func (s view) column(f func(*reports.IntervalFigures) float64) []point {
	col := make([]point, len(s.Intervals))
	for i := range s.Intervals {
		col[i] = point(f(&s.Intervals[i]))
	}
	return col
}

// timeChart starts a chart over the intervals.
func (s view) timeChart(id, title, y, y2 string) chart {
	return chart{ID: id, Title: title, X: "time", Y: y, Y2: y2,
		Data: [][]point{s.column(func(f *reports.IntervalFigures) float64 { return f.TS })}}
}

// rateColumn maps every interval's count to a rate over the time the run
// covered of it (see reports.IntervalFigures.PerSecond); an interval too short to
// give one is a gap.
func (s view) rateColumn(count func(*reports.IntervalFigures) int64) []point {
	return s.column(func(f *reports.IntervalFigures) float64 {
		r, ok := f.PerSecond(count(f), s.IntervalS)
		if !ok {
			return math.NaN()
		}
		return r
	})
}

func (s view) throughputChart() chart {
	c := s.timeChart("throughput", "Throughput and errors", "events/s", "")
	c.Note = fmt.Sprintf("Deliveries per second, by outcome, per %s interval; the interval the run ended in "+
		"counts over the part of it the run covered, and one covered less than a quarter is left out.", reports.Seconds(s.IntervalS))
	c.add("ok", "/s", false, s.rateColumn(func(f *reports.IntervalFigures) int64 { return f.OK }))
	c.add("failed", "/s", false, s.rateColumn(func(f *reports.IntervalFigures) int64 { return f.Failed }))
	c.add("dropped", "/s", false, s.rateColumn(func(f *reports.IntervalFigures) int64 { return f.Dropped }))
	return c
}

func (s view) latencyChart() chart {
	c := s.timeChart("latency", "Latency percentiles over time", "ms", "")
	c.Note = "Response time counts from the intended start (coordinated omission corrected); service time from the actual start."
	lat := func(get func(*reports.IntervalFigures) float64) []point {
		return s.column(func(f *reports.IntervalFigures) float64 {
			if f.Sent == 0 {
				return math.NaN()
			}
			return get(f)
		})
	}
	c.add("response p50", " ms", false, lat(func(f *reports.IntervalFigures) float64 { return f.ResponseMs.P50 }))
	c.add("response p90", " ms", false, lat(func(f *reports.IntervalFigures) float64 { return f.ResponseMs.P90 }))
	c.add("response p99", " ms", false, lat(func(f *reports.IntervalFigures) float64 { return f.ResponseMs.P99 }))
	c.add("response max", " ms", false, lat(func(f *reports.IntervalFigures) float64 { return f.ResponseMs.Max }))
	c.add("service p50", " ms", false, lat(func(f *reports.IntervalFigures) float64 { return f.ServiceMs.P50 }))
	c.add("service p99", " ms", false, lat(func(f *reports.IntervalFigures) float64 { return f.ServiceMs.P99 }))
	return c
}

func (s view) decodeChart() chart {
	c := s.timeChart("decode", "Decode throughput", "records/s", "MB/s")
	c.Note = "What the handler consumed: records and base64-decoded record bytes of successful deliveries (MB = 10^6 bytes)."
	c.add("records/s", "/s", false, s.rateColumn(func(f *reports.IntervalFigures) int64 { return f.Records }))
	mb := s.rateColumn(func(f *reports.IntervalFigures) int64 { return f.PayloadBytes })
	for i := range mb {
		mb[i] /= 1e6
	}
	c.add("decoded MB/s", " MB/s", true, mb)
	return c
}

func (s view) errorsChart() chart {
	c := s.timeChart("errors", "Errors by class", "errors/s", "")
	c.Note = "Failed deliveries per second, one line per error class."
	for _, class := range s.ErrorClasses() {
		c.add(class, "/s", false, s.rateColumn(func(f *reports.IntervalFigures) int64 { return f.Errors[class] }))
	}
	return c
}

// distributionChart plots latency against percentile as HdrHistogram's
// plotter does: x is 1/(1-q) on a log axis, so 90%, 99%, 99.9% are evenly
// spaced; the last point is the maximum.
func (s view) distributionChart() (chart, bool) {
	resp, svc, err := s.Histograms()
	if err != nil || resp.TotalCount() == 0 {
		return chart{}, false
	}
	n := max(resp.TotalCount(), svc.TotalCount())
	var xs []float64
	for k := 0; math.Pow(10, float64(k)/20) < float64(n); k++ {
		xs = append(xs, math.Pow(10, float64(k)/20))
	}
	xs = append(xs, float64(max(n, 2)))
	c := chart{ID: "distribution", Title: "Latency by percentile", X: "pct", Y: "ms",
		Note: fmt.Sprintf("The whole run's distribution (%d responses); the right end is the maximum.", resp.TotalCount())}
	c.Data = [][]point{make([]point, len(xs))}
	for i, x := range xs {
		c.Data[0][i] = point(x)
	}
	c.add("response", " ms", false, quantileColumn(resp, xs))
	if svc.TotalCount() > 0 {
		c.add("service", " ms", false, quantileColumn(svc, xs))
	}
	return c, true
}

// quantileColumn reads h (ns) in ms at the percentiles 1-1/x; the last x
// stands for the maximum.
func quantileColumn(h *hdrhistogram.Histogram, xs []float64) []point {
	col := make([]point, len(xs))
	for i, x := range xs {
		v := h.Max()
		if i < len(xs)-1 {
			v = h.ValueAtQuantile(100 * (1 - 1/x))
		}
		col[i] = point(nsToMs(float64(v)))
	}
	return col
}

// lagChart plots one figure of the lag timeline, a line per partition.
func (s view) lagChart(id, title, y, unit string, get func(reports.LagPoint) float64) chart {
	times := map[float64]int{}
	parts := map[int]bool{}
	for _, p := range s.Trigger.Lag {
		times[p.TS] = 0
		parts[p.Partition] = true
	}
	ts := slices.Sorted(maps.Keys(times))
	c := chart{ID: id, Title: title, X: "time", Y: y, Data: [][]point{make([]point, len(ts))}}
	for i, t := range ts {
		times[t] = i
		c.Data[0][i] = point(t)
	}
	for _, part := range slices.Sorted(maps.Keys(parts)) {
		col := make([]point, len(ts))
		for i := range col {
			col[i] = point(math.NaN())
		}
		for _, p := range s.Trigger.Lag {
			if p.Partition == part {
				col[times[p.TS]] = point(get(p))
			}
		}
		c.add(fmt.Sprintf("partition %d", part), unit, false, col)
	}
	return c
}

// chartJSON is the data the report's script reads.
type chartJSON struct {
	Charts []chart `json:"charts"`
}

// point writes "no data" as null.
var _ json.Marshaler = point(0)
