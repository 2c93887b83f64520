package reports

import (
	"math"
	"strings"
	"testing"
)

func TestParseThreshold(t *testing.T) {
	cases := []struct {
		expr, metric, op string
		value            float64
	}{
		{"p99<200ms", "response.p99", "<", 200},
		{"p99 < 200ms", "response.p99", "<", 200},
		{"  p99  <  200 ms  ", "response.p99", "<", 200},
		{"p50<=10ms", "response.p50", "<=", 10},
		{"p90>1ms", "response.p90", ">", 1},
		{"p99.9<1s", "response.p999", "<", 1000},
		{"p999<1.5s", "response.p999", "<", 1500},
		{"max<2s", "response.max", "<", 2000},
		{"min>=500us", "response.min", ">=", 0.5},
		{"mean<5ms", "response.mean", "<", 5},
		{"mean<5000µs", "response.mean", "<", 5},
		{"mean<5000μs", "response.mean", "<", 5}, // Greek mu
		{"mean<250000ns", "response.mean", "<", 0.25},
		{"max<2m", "response.max", "<", 120000},
		{"response.p99<1e3ms", "response.p99", "<", 1000},
		{"service.p99<50ms", "service.p99", "<", 50},
		{"service.p99.9 <= .5s", "service.p999", "<=", 500},
		{"service.max==0ms", "service.max", "==", 0},
		{"error_rate<1%", "error_rate", "<", 0.01},
		{"error_rate<0.01", "error_rate", "<", 0.01},
		{"error_rate <= 0.5 %", "error_rate", "<=", 0.005},
		{"errors<10", "errors", "<", 10},
		{"failed<10", "failed", "<", 10},
		{"errors.timeout<3", "errors.timeout", "<", 3},
		{"errors.FunctionReturnError==0", "errors.FunctionReturnError", "==", 0},
		{"records_per_s>50000", "records_per_s", ">", 50000},
		{"records_per_s>5e4/s", "records_per_s", ">", 50000},
		{"events_per_s>=1000", "events_per_s", ">=", 1000},
		{"payload_bytes_per_s>1000000", "payload_bytes_per_s", ">", 1e6},
		{"payload_mb_per_s>5", "payload_mb_per_s", ">", 5},
		{"dropped==0", "dropped", "==", 0},
		{"achieved_rate>=990", "achieved_rate", ">=", 990},
		{"achieved_rate>=990/s", "achieved_rate", ">=", 990},
		{"sent>0", "sent", ">", 0},
		{"ok>=100", "ok", ">=", 100},
		{"retried<5", "retried", "<", 5},
		{"records>1", "records", ">", 1},
		{"behind_schedule<500ms", "behind_schedule", "<", 500},
	}
	for _, c := range cases {
		th, err := ParseThreshold(c.expr)
		if err != nil {
			t.Errorf("ParseThreshold(%q): %v", c.expr, err)
			continue
		}
		if th.Metric != c.metric || th.Op != c.op || math.Abs(th.Value-c.value) > 1e-12*c.value {
			t.Errorf("ParseThreshold(%q) = {%s %s %v}, want {%s %s %v}", c.expr, th.Metric, th.Op, th.Value,
				c.metric, c.op, c.value)
		}
		if th.Expr != strings.TrimSpace(c.expr) {
			t.Errorf("ParseThreshold(%q).Expr = %q", c.expr, th.Expr)
		}
	}
}

func TestParseThresholdErrors(t *testing.T) {
	cases := []struct{ expr, want string }{
		{"", "no comparison"},
		{"p99 200ms", "no comparison: want METRIC OP VALUE with OP one of < <= > >= =="},
		{"p99=200ms", `bad operator "="`},
		{"dropped!=0", `bad operator "!="`},
		{"p99=<200ms", `bad operator "=<"`},
		{"p99<>200ms", `bad operator "<>"`},
		{"<200ms", "no metric before"},
		{"p100<200ms", `unknown metric "p100" (percentile "p100": want above 0 and below 100`},
		{"p0<1ms", `want above 0 and below 100`},
		{"p(95<1s", `no closing parenthesis`},
		{"pfast<1s", `"fast" is not a number`},
		{"p1e1<1s", `"1e1" is not a number`},
		{"p<1s", `unknown metric "p"`},
		{"q95<1s", `unknown metric "q95" (percentile "q95": want p and a number`},
		{"P99<200ms", `unknown metric "P99"`},
		{"latency.p99<1s", `unknown metric "latency.p99"`},
		{"errors.<3", `unknown metric "errors."`},
		{"p99<", "no value after the operator"},
		{"p99<200", `bad unit "" for response.p99: want a duration with a unit: ns, us, µs, ms, s or m`},
		{"p99<200h", `bad unit "h" for response.p99`},
		{"p99<fast", `bad value "fast": want a non-negative number with a unit`},
		{"p99<-1ms", `bad value "-1ms"`},
		{"p99<1e999ms", "out of range"},
		{"p99<1e306m", "out of range"},
		{"p99<NaNms", `bad value "NaNms"`},
		{"error_rate<5", "error_rate is a fraction of 1: write 5% or 0.05"},
		{"error_rate<1ms", `bad unit "ms" for error_rate: want a plain number (as in 1% or 0.01)`},
		{"errors<10%", `bad unit "%" for errors: want a plain number`},
		{"dropped==0/s", `bad unit "/s" for dropped`},
		{"records_per_s>5k", `bad unit "k" for records_per_s: want a plain number (per second, "/s" optional)`},
		{"p99<200ms<300ms", `bad unit "ms<300ms"`},
	}
	for _, c := range cases {
		_, err := ParseThreshold(c.expr)
		if err == nil {
			t.Errorf("ParseThreshold(%q): no error, want %q", c.expr, c.want)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "threshold ") {
			t.Errorf("ParseThreshold(%q) error %q, want it to contain %q", c.expr, err, c.want)
		}
	}
}

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
		th, err := ParseThreshold(c.expr)
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
	th, _ := ParseThreshold("error_rate<1%")
	if v, ok := th.Eval(NewSummary(RunFacts{}, nil)); v != 0 || !ok {
		t.Errorf("Eval on an empty run = (%v, %v), want (0, true)", v, ok)
	}
}

func TestEvalAll(t *testing.T) {
	parse := func(exprs ...string) []Threshold {
		var ts []Threshold
		for _, e := range exprs {
			th, err := ParseThreshold(e)
			if err != nil {
				t.Fatal(err)
			}
			ts = append(ts, th)
		}
		return ts
	}
	s := NewSummary(fixtureFacts(), fixtureTotal())
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
	if _, ok := (Threshold{}).Eval(s); ok {
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
		th, err := ParseThreshold(c.expr)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := th.Eval(s)
		if th.Metric != c.metric || math.Abs(v-c.want) > 1e-9 {
			t.Errorf("%s: metric %s value %v, want %s %v", c.expr, th.Metric, v, c.metric, c.want)
		}
	}
	// Without its histograms a run cannot give p98: the threshold fails.
	s.HDR = EncodedHistograms{}
	th, _ := ParseThreshold("p98<1s")
	if v, ok := th.Eval(s); ok || v != 0 {
		t.Errorf("p98 without histograms = %v, %v; want a failure", v, ok)
	}
}

func TestThresholdString(t *testing.T) {
	cases := map[string]string{
		"p99 < 200ms":          "response.p99<200ms",
		"p(95) < 1s":           "response.p95<1000ms",
		"service.p99.9<1s":     "service.p999<1000ms",
		"error_rate<1%":        "error_rate<0.01",
		"achieved_rate>=990/s": "achieved_rate>=990",
		"mean<250000ns":        "response.mean<0.25ms",
	}
	for in, want := range cases {
		th, err := ParseThreshold(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := th.String(); got != want {
			t.Errorf("ParseThreshold(%q).String() = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseThreshold(f *testing.F) {
	for _, seed := range []string{"p99<200ms", "p99 < 200ms", "service.p99.9<=1s", "error_rate<1%",
		"errors.timeout==0", "records_per_s>5e4/s", "p99<", "<", "==", "p99<1e999ms", "error_rate<5",
		"mean<5000µs", "dropped!=0", ".p99<1s", "p(95)<1s", "service.p99.99<2ms", "p9999<1s"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		th, err := ParseThreshold(expr)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "threshold ") {
				t.Fatalf("error without the threshold prefix: %v", err)
			}
			return
		}
		if !validOp(th.Op) || math.IsNaN(th.Value) || math.IsInf(th.Value, 0) || th.Value < 0 {
			t.Fatalf("ParseThreshold(%q) = %+v", expr, th)
		}
		again, err := ParseThreshold(th.String())
		if err != nil {
			t.Fatalf("canonical form %q of %q does not parse: %v", th.String(), expr, err)
		}
		if again.Metric != th.Metric || again.Op != th.Op || again.Value != th.Value {
			t.Fatalf("%q → %q → %+v, want %+v", expr, th.String(), again, th)
		}
		th.Eval(NewSummary(RunFacts{}, nil))
	})
}
