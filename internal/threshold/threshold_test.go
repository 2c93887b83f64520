package threshold

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
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
		{"cost_per_million_records<0.05", "cost_per_million_records", "<", 0.05},
		{"cost_total<=1", "cost_total", "<=", 1},
		{"cost_per_hour<2.5", "cost_per_hour", "<", 2.5},
		{"cost_per_month<1000", "cost_per_month", "<", 1000},
		{"gb_s>0", "gb_s", ">", 0},
		{"records>1", "records", ">", 1},
		{"behind_schedule<500ms", "behind_schedule", "<", 500},
	}
	for _, c := range cases {
		th, err := Parse(c.expr)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.expr, err)
			continue
		}
		if th.Metric.Name != c.metric || string(th.Op) != c.op || math.Abs(th.Value-c.value) > 1e-12*c.value {
			t.Errorf("Parse(%q) = {%s %s %v}, want {%s %s %v}", c.expr, th.Metric.Name, th.Op, th.Value,
				c.metric, c.op, c.value)
		}
		if th.Expr != strings.TrimSpace(c.expr) {
			t.Errorf("Parse(%q).Expr = %q", c.expr, th.Expr)
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
		_, err := Parse(c.expr)
		if err == nil {
			t.Errorf("Parse(%q): no error, want %q", c.expr, c.want)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "threshold ") {
			t.Errorf("Parse(%q) error %q, want it to contain %q", c.expr, err, c.want)
		}
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
		th, err := Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := th.String(); got != want {
			t.Errorf("Parse(%q).String() = %q, want %q", in, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{"p99<200ms", "p99 < 200ms", "service.p99.9<=1s", "error_rate<1%",
		"errors.timeout==0", "records_per_s>5e4/s", "p99<", "<", "==", "p99<1e999ms", "error_rate<5",
		"mean<5000µs", "dropped!=0", ".p99<1s", "p(95)<1s", "service.p99.99<2ms", "p9999<1s"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		th, err := Parse(expr)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "threshold ") {
				t.Fatalf("error without the threshold prefix: %v", err)
			}
			return
		}
		if !slices.Contains(operators, th.Op) || math.IsNaN(th.Value) || math.IsInf(th.Value, 0) || th.Value < 0 {
			t.Fatalf("Parse(%q) = %+v", expr, th)
		}
		again, err := Parse(th.String())
		if err != nil {
			t.Fatalf("canonical form %q of %q does not parse: %v", th.String(), expr, err)
		}
		if again.Metric != th.Metric || again.Op != th.Op || again.Value != th.Value {
			t.Fatalf("%q → %q → %+v, want %+v", expr, th.String(), again, th)
		}
		th.Eval(nanRun{})
	})
}

// nanRun gives no figure.
type nanRun struct{}

func (nanRun) Figure(Metric) float64 { return math.NaN() }

func TestFormatValue(t *testing.T) {
	cases := []struct {
		expr string
		v    float64
		want string
	}{
		{"p99<1s", 8.4, "8.4ms"},
		{"error_rate<1%", 0.0123, "1.23%"},
		{"records_per_s>5", 1234.56, "1234.6/s"},
		{"dropped==0", 3, "3"},
		{"garbage", 1.5, "1.5"},
	}
	for _, c := range cases {
		if got := FormatValue(c.expr, c.v); got != c.want {
			t.Errorf("FormatValue(%q, %v) = %q, want %q", c.expr, c.v, got, c.want)
		}
	}
}
