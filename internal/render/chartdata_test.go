package render

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/metrics/metricstest"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/reports/reportstest"
)

func chartByID(t *testing.T, s *reports.Summary, id string) chart {
	t.Helper()
	for _, c := range (view{s}).charts() {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no chart %q", id)
	return chart{}
}

func TestDistributionChart(t *testing.T) {
	s := reportstest.Rich(t)
	c := chartByID(t, s, "distribution")
	xs := c.Data[0]
	n := float64(s.Events.Sent)
	if xs[0] != 1 || float64(xs[len(xs)-1]) != n {
		t.Errorf("x runs %v..%v, want 1 (0%%) .. %v (the maximum)", xs[0], xs[len(xs)-1], n)
	}
	resp, _, err := s.Histograms()
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(xs); i++ {
		if xs[i] <= xs[i-1] || c.Data[1][i] < c.Data[1][i-1] {
			t.Fatalf("point %d: x %v after %v, y %v after %v: want both rising", i, xs[i], xs[i-1], c.Data[1][i], c.Data[1][i-1])
		}
	}
	// x = 10 is the 90th percentile; the last point is the maximum.
	for i, x := range xs {
		if math.Abs(float64(x)-10) < 1e-9 && float64(c.Data[1][i]) != nsToMs(float64(resp.ValueAtQuantile(90))) {
			t.Errorf("y at x=10 is %v, want p90 %v", c.Data[1][i], nsToMs(float64(resp.ValueAtQuantile(90))))
		}
	}
	if last := c.Data[1][len(xs)-1]; float64(last) != s.Latency.Response.Max {
		t.Errorf("last point %v, want the max %v", last, s.Latency.Response.Max)
	}
}

func TestTimeChartsGapsAndRates(t *testing.T) {
	col := metricstest.Timeline() // interval 2 is empty
	s := reports.NewSummary(reportstest.Facts(), col.Total())
	if err := s.AddIntervals(col); err != nil {
		t.Fatal(err)
	}
	lat := chartByID(t, s, "latency")
	if !math.IsNaN(float64(lat.Data[1][2])) || math.IsNaN(float64(lat.Data[1][1])) {
		t.Errorf("latency p50 column %v: want no data (null) only in the empty interval 2", lat.Data[1])
	}
	b, err := json.Marshal(lat.Data[1])
	if err != nil || string(b) != "[4.960255,9.920511,null,19.84102]" {
		t.Errorf("JSON of the column = %s (%v)", b, err)
	}
	tp := chartByID(t, s, "throughput")
	if tp.Data[1][2] != 0 || tp.Data[1][0] != 400 {
		t.Errorf("ok/s column %v: want 400/s, then 0 in the empty interval", tp.Data[1])
	}
	if _, ok := (view{s}).distributionChart(); !ok {
		t.Error("no distribution chart")
	}
	s.IntervalS = 0
	s.SetLengths()
	if r := (view{s}).rateColumn(func(*reports.IntervalFigures) int64 { return 5 }); !math.IsNaN(float64(r[0])) {
		t.Errorf("rate without an interval width = %v, want no data", r)
	}
}

// TestPartialIntervalRate: a run of 2.6 s at 200/s ends 0.6 s into its
// third interval; the charts read that interval at 200/s, not as a drop
// to 120/s, and an interval after the end (in-flight results) or covered
// under a quarter gives no rate.
func TestPartialIntervalRate(t *testing.T) {
	s := &reports.Summary{DurationS: 2.6, IntervalS: 1, Intervals: []reports.IntervalFigures{
		{TS: 0, Counts: metrics.Counts{OK: 200}}, {TS: 1, Counts: metrics.Counts{OK: 200}},
		{TS: 2, Counts: metrics.Counts{OK: 120}}, {TS: 3, Counts: metrics.Counts{OK: 2}}}}
	s.SetLengths()
	lengths := []float64{1, 1, 0.6, 0}
	for i, iv := range s.Intervals {
		if math.Abs(iv.LengthS-lengths[i]) > 1e-9 {
			t.Errorf("interval %d: length_s %v, want %v", i, iv.LengthS, lengths[i])
		}
	}
	tp := (view{s}).throughputChart()
	want := []float64{200, 200, 200, math.NaN()}
	for i, w := range want {
		got := float64(tp.Data[1][i])
		if (math.IsNaN(w) != math.IsNaN(got)) || (!math.IsNaN(w) && math.Abs(got-w) > 1e-9) {
			t.Errorf("ok/s at %vs = %v, want %v", s.Intervals[i].TS, got, w)
		}
	}
	s.DurationS = 2.2 // 0.2 s of the third interval: too short for a rate
	s.SetLengths()
	if r, ok := s.Intervals[2].PerSecond(40, s.IntervalS); ok {
		t.Errorf("rate over 0.2 s of a 1 s interval = %v, want none", r)
	}
}

func TestLagChart(t *testing.T) {
	s := &reports.Summary{Trigger: &reports.Trigger{Lag: []reports.LagPoint{
		{TS: 0, Partition: 1, LagRecords: 5}, {TS: 0, Partition: 0, LagRecords: 7}, {TS: 1.5, Partition: 1, LagRecords: 2},
	}}}
	c := (view{s}).lagChart("lag", "Lag", "records", "", func(p reports.LagPoint) float64 { return float64(p.LagRecords) })
	if len(c.Data) != 3 || c.Series[0].Label != "partition 0" || c.Series[1].Label != "partition 1" {
		t.Fatalf("chart %+v", c)
	}
	if c.Data[0][1] != 1.5 || c.Data[1][0] != 7 || !math.IsNaN(float64(c.Data[1][1])) || c.Data[2][1] != 2 {
		t.Errorf("columns %v: partition 0 has no point at 1.5 s", c.Data)
	}
}
