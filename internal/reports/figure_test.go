package reports

import (
	"math"
	"testing"

	"github.com/disload/disload/internal/cost"
	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/metrics/metricstest"
	"github.com/disload/disload/internal/threshold"
)

func TestThresholdEval(t *testing.T) {
	s := fixtureSummary(t) // p99 9.912319ms, service p50 1.253375ms, 1003 sent, 3 failed, 7 dropped
	cases := []struct {
		expr  string
		value float64
		ok    bool
	}{
		{"p99<200ms", 9.912319, true},
		{"p99<9ms", 9.912319, false},
		{"p99<=9.912319ms", 9.912319, true},
		{"p99>9.912319ms", 9.912319, false},
		{"p99>=9.912319ms", 9.912319, true},
		{"p99==9.912319ms", 9.912319, true},
		{"p99.9<1s", 10.002431, true},
		{"max<50ms", 50.003967, false},
		{"min<1ms", 0.009728, true},
		{"mean<5ms", 5.044867, false},
		{"p50<=10ms", 5.001215, true},
		{"p90<9ms", 9.011199, false},
		{"service.p50<1ms", 1.253375, false},
		{"service.max<1m", 40.009727, true},
		{"error_rate<1%", 3.0 / 1003, true},
		{"error_rate<0.001", 3.0 / 1003, false},
		{"errors<10", 3, true},
		{"failed==3", 3, true},
		{"errors.timeout<2", 2, false},
		{"errors.nosuch==0", 0, true},
		{"records_per_s>50000", 1000, false},
		{"events_per_s>=100", 100, true},
		{"payload_bytes_per_s>=204800", 204800, true},
		{"payload_mb_per_s>5", 0.2048, false},
		{"dropped==0", 7, false},
		{"achieved_rate>=100", 100.3, true},
		{"sent>1000", 1003, true},
		{"ok<1000", 1000, false},
		{"retried<=2", 2, true},
		{"records>=10000", 10000, true},
		{"behind_schedule<1s", 3200, false},
	}
	for _, c := range cases {
		th, err := threshold.Parse(c.expr)
		if err != nil {
			t.Fatal(err)
		}
		v, ok := th.Eval(s)
		if v != c.value || ok != c.ok {
			t.Errorf("%s: Eval = (%v, %v), want (%v, %v)", c.expr, v, ok, c.value, c.ok)
		}
	}
}

func TestErrorRateNothingSent(t *testing.T) {
	th, _ := threshold.Parse("error_rate<1%")
	if v, ok := th.Eval(NewSummary(RunFacts{}, nil)); v != 0 || !ok {
		t.Errorf("Eval on an empty run = (%v, %v), want (0, true)", v, ok)
	}
}

func TestEvalAll(t *testing.T) {
	parse := func(exprs ...string) []threshold.Threshold {
		var ts []threshold.Threshold
		for _, e := range exprs {
			th, err := threshold.Parse(e)
			if err != nil {
				t.Fatal(err)
			}
			ts = append(ts, th)
		}
		return ts
	}
	s := NewSummary(fixtureFacts(), metricstest.Total())
	if !EvalAll(s, nil) || len(s.Thresholds) != 0 || s.Thresholds == nil {
		t.Errorf("no thresholds: want true and an empty list, got %v", s.Thresholds)
	}
	if !EvalAll(s, parse("p99<1s", "errors<10")) {
		t.Errorf("passing thresholds reported as failing: %+v", s.Thresholds)
	}
	if EvalAll(s, parse("p99<1s", "dropped==0", "errors<10")) {
		t.Error("a crossed threshold reported as passing")
	}
	want := []ThresholdResult{{"p99<1s", 9.912319, true}, {"dropped==0", 7, false}, {"errors<10", 3, true}}
	if len(s.Thresholds) != len(want) {
		t.Fatalf("results %+v, want %+v", s.Thresholds, want)
	}
	for i := range want {
		if s.Thresholds[i] != want[i] {
			t.Errorf("result %d = %+v, want %+v", i, s.Thresholds[i], want[i])
		}
	}
	if _, ok := (threshold.Threshold{}).Eval(s); ok {
		t.Error("the zero Threshold holds")
	}
}

// TestThresholdAnyPercentile: any percentile, in every spelling, reads
// the run's histogram (or summary.json's figure where it holds one).
func TestThresholdAnyPercentile(t *testing.T) {
	s := fixtureSummary(t)
	resp, svc, err := s.Histograms()
	if err != nil {
		t.Fatal(err)
	}
	at := func(h interface{ ValueAtQuantile(float64) int64 }, q float64) float64 {
		return float64(h.ValueAtQuantile(q)) / 1e6
	}
	cases := []struct {
		expr, metric string
		want         float64
	}{
		{"p95<1s", "response.p95", at(resp, 95)},
		{"p(95)<1s", "response.p95", at(resp, 95)},
		{"p98<1s", "response.p98", at(resp, 98)},
		{"p99.99<1s", "response.p99.99", at(resp, 99.99)},
		{"p9999<1s", "response.p99.99", at(resp, 99.99)},
		{"p(99.9)<1s", "response.p999", at(resp, 99.9)},
		{"service.p(75)<1s", "service.p75", at(svc, 75)},
		{"service.p12.5<1s", "service.p12.5", at(svc, 12.5)},
	}
	for _, c := range cases {
		th, err := threshold.Parse(c.expr)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := th.Eval(s)
		if th.Metric.Name != c.metric || math.Abs(v-c.want) > 1e-9 {
			t.Errorf("%s: metric %s value %v, want %s %v", c.expr, th.Metric.Name, v, c.metric, c.want)
		}
	}
	// Without its histograms a run cannot give p98: the threshold fails.
	s.HDR = EncodedHistograms{}
	th, _ := threshold.Parse("p98<1s")
	if v, ok := th.Eval(s); ok || v != 0 {
		t.Errorf("p98 without histograms = %v, %v; want a failure", v, ok)
	}
}

// TestFigureKnowsEveryMetric: a metric the threshold language accepts is
// one the summary gives (a new name in one place and not the other fails).
// The fixture gets a cost block, as a function target's run has.
func TestFigureKnowsEveryMetric(t *testing.T) {
	s := fixtureSummary(t)
	e := cost.Compute(cost.Usage{Invocations: s.Events.Sent, BilledMs: 10 * s.Events.Sent, MemoryMB: 128,
		Records: s.Records, Elapsed: hlog.SecondsDuration(s.DurationS)}, cost.Default())
	s.Cost = &e
	for _, name := range threshold.PlainMetrics() {
		if v := s.Figure(threshold.Metric{Name: name}); math.IsNaN(v) {
			t.Errorf("Summary.Figure(%s) = NaN: the summary does not give this metric", name)
		}
	}
	if v := s.Figure(threshold.Metric{Name: "nosuch"}); !math.IsNaN(v) {
		t.Errorf("Figure of an unknown metric = %v, want NaN", v)
	}
}
