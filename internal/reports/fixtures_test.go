package reports

import (
	"fmt"
	"testing"
	"time"

	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/metrics/metricstest"
	"github.com/disload/disload/internal/threshold"
)

// summary runs the spec and returns its summary with intervals. It is
// reportstest.Summary for this package's own tests, which cannot import
// reportstest (it imports this package).
func summary(t testing.TB, sp metricstest.Spec) (*Summary, *metrics.Collector) {
	t.Helper()
	col := sp.Record()
	s := NewSummary(RunFacts{Scenario: "synthetic", Target: "inproc:sleep", Mode: "open", Seed: int64(sp.Seed),
		Started: sp.Start, Elapsed: sp.Delay + time.Duration(sp.Seconds)*time.Second, AskedRate: float64(sp.PerSec),
		AchievedRate: float64(sp.PerSec), RateHeld: true, Interval: time.Second,
		RunID: fmt.Sprintf("fixture-%d-%d", sp.Seed, sp.Start.UnixMilli())}, col.Total())
	if err := s.AddIntervals(col); err != nil {
		t.Fatal(err)
	}
	return s, col
}

// richSummary is reportstest.Rich for this package's own tests: a run with
// errors, thresholds, a trigger section with a lag timeline, cold starts and
// a scenario: every part of a report.
func richSummary(t testing.TB) *Summary {
	t.Helper()
	s, _ := summary(t, metricstest.Spec{Start: metricstest.Start, Seconds: 12, PerSec: 200,
		Latency: metricstest.Jitter(3 * time.Millisecond), Fail: 37, Seed: 7})
	s.Scenario = "clicks"
	s.ErrorSamples["timeout"] = []string{"deadline exceeded after 3s", "</script><script>alert(1)</script>"}
	s.ColdStarts = coldStarts([]time.Duration{80 * time.Millisecond, 120 * time.Millisecond})
	th, err := threshold.Parse("p99 < 2ms")
	if err != nil {
		t.Fatal(err)
	}
	EvalAll(s, []threshold.Threshold{th})
	s.ScenarioYAML = "name: clicks\nload: {mode: open, rate: 200/s}\n# </pre></script> stays text\n"
	s.Trigger = &Trigger{Verdict: "kept up: lag stayed under 1 batch", MaxLagMs: 850, FinalLagRecords: 0, Duplicates: 3,
		Partitions: []PartitionFigures{
			{Partition: 0, Produced: 1200, Delivered: 1200, MaxLag: 300, MaxIteratorAgeMs: 850, Rate: 100},
			{Partition: 1, Produced: 1200, Delivered: 1200, MaxLag: 100, MaxIteratorAgeMs: 240, Rate: 100, LimitHit: true},
		}}
	for sec := range 12 {
		for p := range 2 {
			s.Trigger.Lag = append(s.Trigger.Lag, LagPoint{TS: float64(sec), Partition: p,
				LagRecords: int64((sec%4 + 1) * 50 * (2 - p)), IteratorAgeMs: float64((sec%4 + 1) * 100 * (2 - p))})
		}
	}
	h := metrics.NewHistogram()
	for i := 1; i <= 100; i++ {
		_ = h.RecordValue(int64(i) * int64(time.Millisecond))
	}
	s.Trigger.SetEndToEnd(h)
	return s
}
