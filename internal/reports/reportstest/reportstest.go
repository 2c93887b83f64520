// Package reportstest builds the run summaries the tests of the packages
// that render and compare reports (internal/render, internal/compare) start
// from. It is test support: only _test.go files import it. The synthetic
// runs it summarises come from internal/metrics/metricstest.
package reportstest

import (
	"fmt"
	"testing"
	"time"

	"github.com/disload/disload/internal/cost"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/metrics/metricstest"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/threshold"
)

// Summary runs the spec and returns its summary with intervals, and the
// collector it recorded into.
func Summary(t testing.TB, sp metricstest.Spec) (*reports.Summary, *metrics.Collector) {
	t.Helper()
	col := sp.Record()
	s := reports.NewSummary(reports.RunFacts{Scenario: "synthetic", Target: "inproc:sleep", Mode: "open", Seed: int64(sp.Seed),
		Started: sp.Start, Elapsed: sp.Delay + time.Duration(sp.Seconds)*time.Second, AskedRate: float64(sp.PerSec),
		AchievedRate: float64(sp.PerSec), RateHeld: true, Interval: time.Second,
		RunID: fmt.Sprintf("fixture-%d-%d", sp.Seed, sp.Start.UnixMilli())}, col.Total())
	if err := s.AddIntervals(col); err != nil {
		t.Fatal(err)
	}
	return s, col
}

// Facts are the facts of an interrupted open-model run that missed its rate,
// with cold starts and a shard.
func Facts() reports.RunFacts {
	return reports.RunFacts{
		Scenario: "clicks", Target: "inproc:echo", Mode: "open", Seed: 42,
		Started: metricstest.Start, Elapsed: 10 * time.Second, Interrupted: true,
		AskedRate: 120, AchievedRate: 100.3, RateHeld: false,
		Behind: 3200 * time.Millisecond, RateNote: "in-flight cap 64 reached",
		ColdStarts: []time.Duration{120 * time.Millisecond, 80 * time.Millisecond, 300 * time.Millisecond},
		Interval:   time.Second, RunID: "5f3c9a1e0b7d2468", Shard: "1/3",
	}
}

// Checked is the summary of Facts over metricstest.Total with four
// thresholds evaluated on it.
func Checked(t testing.TB) *reports.Summary {
	t.Helper()
	s := reports.NewSummary(Facts(), metricstest.Total())
	var ts []threshold.Threshold
	for _, e := range []string{"p99<200ms", "service.p50 < 1ms", "error_rate<0.1%", "dropped==0"} {
		th, err := threshold.Parse(e)
		if err != nil {
			t.Fatal(err)
		}
		ts = append(ts, th)
	}
	reports.EvalAll(s, ts)
	return s
}

// Rich is a run with errors, thresholds, a trigger section with a lag
// timeline, cold starts and a scenario: every part of a report.
func Rich(t testing.TB) *reports.Summary {
	t.Helper()
	s, _ := Summary(t, metricstest.Spec{Start: metricstest.Start, Seconds: 12, PerSec: 200,
		Latency: metricstest.Jitter(3 * time.Millisecond), Fail: 37, Seed: 7})
	s.Scenario = "clicks"
	s.ErrorSamples["timeout"] = []string{"deadline exceeded after 3s", "</script><script>alert(1)</script>"}
	s.ColdStarts = reports.NewSummary(reports.RunFacts{ColdStarts: []time.Duration{80 * time.Millisecond, 120 * time.Millisecond}}, nil).ColdStarts
	th, err := threshold.Parse("p99 < 2ms")
	if err != nil {
		t.Fatal(err)
	}
	reports.EvalAll(s, []threshold.Threshold{th})
	s.ScenarioYAML = "name: clicks\nload: {mode: open, rate: 200/s}\n# </pre></script> stays text\n"
	s.Trigger = &reports.Trigger{Verdict: "kept up: lag stayed under 1 batch", MaxLagMs: 850, FinalLagRecords: 0, Duplicates: 3,
		Partitions: []reports.PartitionFigures{
			{Partition: 0, Produced: 1200, Delivered: 1200, MaxLag: 300, MaxIteratorAgeMs: 850, Rate: 100},
			{Partition: 1, Produced: 1200, Delivered: 1200, MaxLag: 100, MaxIteratorAgeMs: 240, Rate: 100, LimitHit: true},
		}}
	for sec := range 12 {
		for p := range 2 {
			s.Trigger.Lag = append(s.Trigger.Lag, reports.LagPoint{TS: float64(sec), Partition: p,
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

// Cost is a run of calls invocations of ms each at 256 MB over secs
// seconds, delivering records, priced at p.
func Cost(calls, ms, records int64, secs float64, p cost.Prices) *reports.Summary {
	e := cost.Compute(cost.Usage{Invocations: calls, BilledMs: calls * ms, MemoryMB: 256, Records: records,
		Elapsed: time.Duration(secs * float64(time.Second))}, p)
	return &reports.Summary{Schema: reports.Schema, Records: records, DurationS: secs, Cost: &e, Errors: map[string]int64{}}
}
