package threshold

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Op is a threshold's comparison.
type Op string

// Operators a threshold may use.
const (
	Less         Op = "<"
	LessEqual    Op = "<="
	Greater      Op = ">"
	GreaterEqual Op = ">="
	Equal        Op = "=="
)

var operators = []Op{Less, LessEqual, Greater, GreaterEqual, Equal}

// opList names the operators for error messages.
const opList = "< <= > >= =="

// durationUnits maps a duration suffix to milliseconds.
var durationUnits = map[string]float64{
	"ns": 1e-6, "us": 1e-3, "µs": 1e-3, "μs": 1e-3, "ms": 1, "s": 1e3, "m": 60e3,
}

// Threshold is a parsed pass/fail condition on a run, such as "p99<200ms".
type Threshold struct {
	Expr   string  // as written
	Metric Metric  // what it measures
	Op     Op      // the comparison
	Value  float64 // in the metric's unit: ms for durations, a fraction for error_rate
}

// Parse parses "METRIC OP VALUE", for example "p99 < 200ms",
// "service.p99.9<1s", "error_rate<1%", "records_per_s>50000" or "dropped==0".
// Latencies are response time unless prefixed with "service.".
func Parse(expr string) (Threshold, error) {
	t, err := parse(strings.TrimSpace(expr))
	if err != nil {
		return Threshold{}, fmt.Errorf("threshold %q: %w", expr, err)
	}
	return t, nil
}

func parse(expr string) (Threshold, error) {
	i := strings.IndexAny(expr, "<>=!")
	if i < 0 {
		return Threshold{}, fmt.Errorf("no comparison: want METRIC OP VALUE with OP one of %s", opList)
	}
	op := Op(expr[i : i+len(expr[i:])-len(strings.TrimLeft(expr[i:], "<>=!"))])
	if !slices.Contains(operators, op) {
		return Threshold{}, fmt.Errorf("bad operator %q: want one of %s", op, opList)
	}
	name, value := strings.TrimSpace(expr[:i]), strings.TrimSpace(expr[i+len(op):])
	if name == "" {
		return Threshold{}, fmt.Errorf("no metric before %q; known metrics: %s", op, metricList)
	}
	m, err := lookupMetric(name)
	if err != nil {
		return Threshold{}, err
	}
	v, err := parseValue(m, value)
	if err != nil {
		return Threshold{}, err
	}
	return Threshold{Expr: expr, Metric: m, Op: op, Value: v}, nil
}

var numberRE = regexp.MustCompile(`^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?`)

// parseValue reads a threshold's value in the metric's unit.
func parseValue(m Metric, s string) (float64, error) {
	if s == "" {
		return 0, fmt.Errorf("no value after the operator")
	}
	n := numberRE.FindString(s)
	if n == "" {
		return 0, fmt.Errorf("bad value %q: want a non-negative number%s", s, unitHint(m.Unit))
	}
	v, err := strconv.ParseFloat(n, 64)
	if err != nil {
		return 0, fmt.Errorf("bad value %q: out of range", s)
	}
	v, err = applyUnit(m, v, strings.TrimSpace(s[len(n):]))
	if err != nil {
		return 0, err
	}
	if math.IsInf(v, 0) {
		return 0, fmt.Errorf("bad value %q: out of range", s)
	}
	return v, nil
}

func applyUnit(m Metric, v float64, suffix string) (float64, error) {
	switch {
	case m.Unit == Ms:
		f, ok := durationUnits[suffix]
		if !ok {
			return 0, fmt.Errorf("bad unit %q for %s: want a duration%s", suffix, m.Name, unitHint(m.Unit))
		}
		return v * f, nil
	case m.Unit == Fraction && suffix == "%":
		return v / 100, nil
	case m.Unit == Fraction && suffix == "":
		if v > 1 {
			return 0, fmt.Errorf("%s is a fraction of 1: write %s%% or %s", m.Name, num(v, 6), num(v/100, 8))
		}
		return v, nil
	case suffix == "" || (m.Unit == Rate && suffix == "/s"):
		return v, nil
	}
	return 0, fmt.Errorf("bad unit %q for %s: want a plain number%s", suffix, m.Name, unitHint(m.Unit))
}

func unitHint(u Unit) string {
	switch u {
	case Ms:
		return " with a unit: ns, us, µs, ms, s or m (as in 200ms)"
	case Fraction:
		return " (as in 1% or 0.01)"
	case Rate:
		return ` (per second, "/s" optional)`
	}
	return ""
}

// String returns the threshold in canonical form; parsing it gives the same
// metric, operator and value.
func (t Threshold) String() string {
	v := strconv.FormatFloat(t.Value, 'g', -1, 64)
	if t.Metric.Unit == Ms {
		v += "ms"
	}
	return t.Metric.Name + string(t.Op) + v
}

// Eval returns the metric's value in the run (in the threshold's unit)
// and whether the condition holds. A figure the run cannot give fails; so
// does the zero Threshold.
func (t Threshold) Eval(r Run) (value float64, ok bool) {
	if t.Metric.Name == "" {
		return 0, false
	}
	value = r.Figure(t.Metric)
	if math.IsNaN(value) {
		return 0, false
	}
	switch t.Op {
	case Less:
		return value, value < t.Value
	case LessEqual:
		return value, value <= t.Value
	case Greater:
		return value, value > t.Value
	case GreaterEqual:
		return value, value >= t.Value
	case Equal:
		return value, value == t.Value
	}
	return value, false
}

// FormatValue writes the value of the threshold expr in its metric's unit
// ("8.4ms", "1.23%", "1234.6/s", "3"); a plain number when expr does not
// parse.
func FormatValue(expr string, v float64) string {
	t, err := Parse(expr)
	if err != nil {
		return num(v, 3)
	}
	switch t.Metric.Unit {
	case Ms:
		return num(v, 3) + "ms"
	case Fraction:
		return num(v*100, 3) + "%"
	case Rate:
		return num(v, 1) + "/s"
	}
	return num(v, 3)
}

// num formats v with at most prec decimals, without trailing zeros.
func num(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
