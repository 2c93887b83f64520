package reports

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// unit is what a threshold metric measures, which decides how its value is
// written and read.
type unit int

const (
	unitCount    unit = iota // a plain number
	unitRate                 // per second; "/s" may follow the number
	unitMs                   // a duration, kept in milliseconds
	unitFraction             // 0..1, or a percentage written with "%"
)

// Operators a threshold may use.
var operators = []string{"<", "<=", ">", ">=", "=="}

// durationUnits maps a duration suffix to milliseconds.
var durationUnits = map[string]float64{
	"ns": 1e-6, "us": 1e-3, "µs": 1e-3, "μs": 1e-3, "ms": 1, "s": 1e3, "m": 60e3,
}

// metricList is shown when a metric is unknown.
const metricList = "min, mean, max, any percentile as p95, p99.99 or p(95) (response time by default; " +
	"prefix service. for service time), behind_schedule, error_rate, errors (or failed), errors.CLASS, " +
	"sent, ok, dropped, retried, records, events_per_s, records_per_s, payload_bytes_per_s, " +
	"payload_mb_per_s, achieved_rate, cost_per_million_records, cost_total, cost_per_hour, cost_per_month, gb_s"

type metricDef struct {
	unit unit
	get  func(*Summary) float64
}

// latencyStats are the latency metrics besides percentiles.
var latencyStats = map[string]func(LatencyStats) float64{
	"min":  func(l LatencyStats) float64 { return l.Min },
	"mean": func(l LatencyStats) float64 { return l.Mean },
	"max":  func(l LatencyStats) float64 { return l.Max },
}

var plainMetrics = map[string]metricDef{
	"error_rate":          {unitFraction, errorRate},
	"errors":              {unitCount, func(s *Summary) float64 { return float64(s.Events.Failed) }},
	"failed":              {unitCount, func(s *Summary) float64 { return float64(s.Events.Failed) }},
	"sent":                {unitCount, func(s *Summary) float64 { return float64(s.Events.Sent) }},
	"ok":                  {unitCount, func(s *Summary) float64 { return float64(s.Events.OK) }},
	"dropped":             {unitCount, func(s *Summary) float64 { return float64(s.Events.Dropped) }},
	"retried":             {unitCount, func(s *Summary) float64 { return float64(s.Events.Retried) }},
	"records":             {unitCount, func(s *Summary) float64 { return float64(s.Records) }},
	"events_per_s":        {unitRate, func(s *Summary) float64 { return s.Throughput.EventsPerS }},
	"records_per_s":       {unitRate, func(s *Summary) float64 { return s.Throughput.RecordsPerS }},
	"payload_bytes_per_s": {unitRate, func(s *Summary) float64 { return s.Throughput.PayloadBytesPerS }},
	"payload_mb_per_s":    {unitRate, func(s *Summary) float64 { return s.Throughput.PayloadBytesPerS / 1e6 }},
	"achieved_rate":       {unitRate, func(s *Summary) float64 { return s.AchievedRate }},
	"behind_schedule":     {unitMs, func(s *Summary) float64 { return s.BehindScheduleMs }},
}

// errorRate is failed deliveries over sent ones (0 when nothing was sent).
func errorRate(s *Summary) float64 {
	if s.Events.Sent == 0 {
		return 0
	}
	return float64(s.Events.Failed) / float64(s.Events.Sent)
}

// Threshold is a parsed pass/fail condition on a run, such as "p99<200ms".
type Threshold struct {
	Expr   string  // as written
	Metric string  // canonical name: "response.p99", "error_rate", "errors.timeout", ...
	Op     string  // one of < <= > >= ==
	Value  float64 // in the metric's unit: ms for durations, a fraction for error_rate
	def    metricDef
}

// ParseThreshold parses "METRIC OP VALUE", for example "p99 < 200ms",
// "service.p99.9<1s", "error_rate<1%", "records_per_s>50000" or "dropped==0".
// Latencies are response time unless prefixed with "service.".
func ParseThreshold(expr string) (Threshold, error) {
	t, err := parseThreshold(strings.TrimSpace(expr))
	if err != nil {
		return Threshold{}, fmt.Errorf("threshold %q: %w", expr, err)
	}
	return t, nil
}

func parseThreshold(expr string) (Threshold, error) {
	i := strings.IndexAny(expr, "<>=!")
	if i < 0 {
		return Threshold{}, fmt.Errorf("no comparison: want METRIC OP VALUE with OP one of %s", strings.Join(operators, " "))
	}
	op := expr[i : i+len(expr[i:])-len(strings.TrimLeft(expr[i:], "<>=!"))]
	if !validOp(op) {
		return Threshold{}, fmt.Errorf("bad operator %q: want one of %s", op, strings.Join(operators, " "))
	}
	name, value := strings.TrimSpace(expr[:i]), strings.TrimSpace(expr[i+len(op):])
	if name == "" {
		return Threshold{}, fmt.Errorf("no metric before %q; known metrics: %s", op, metricList)
	}
	metric, def, err := lookupMetric(name)
	if err != nil {
		return Threshold{}, err
	}
	v, err := parseValue(metric, def.unit, value)
	if err != nil {
		return Threshold{}, err
	}
	return Threshold{Expr: expr, Metric: metric, Op: op, Value: v, def: def}, nil
}

func validOp(op string) bool {
	for _, o := range operators {
		if op == o {
			return true
		}
	}
	return false
}

// lookupMetric returns the canonical name and definition of a metric.
func lookupMetric(name string) (string, metricDef, error) {
	if def, ok := plainMetrics[name]; ok {
		return name, def, nil
	}
	if class, ok := strings.CutPrefix(name, "errors."); ok && class != "" {
		get := func(s *Summary) float64 { return float64(s.Errors[class]) }
		return name, metricDef{unitCount, get}, nil
	}
	kind, stat := "response", name
	if k, rest, ok := strings.Cut(name, "."); ok && (k == "response" || k == "service") {
		kind, stat = k, rest
	}
	get, stat, err := latencyMetric(kind, stat)
	if err != nil {
		return "", metricDef{}, fmt.Errorf("unknown metric %q (%v); known metrics: %s", name, err, metricList)
	}
	return kind + "." + stat, metricDef{unitMs, get}, nil
}

// latencyMetric returns the getter and canonical name of a latency
// statistic of kind: min, mean, max or a percentile (see ParsePercentile).
// A run whose histogram cannot be read fails a percentile it lacks (NaN).
func latencyMetric(kind, stat string) (get func(*Summary) float64, canonical string, err error) {
	if f, ok := latencyStats[stat]; ok {
		if kind == TagService {
			return func(s *Summary) float64 { return f(s.Latency.Service) }, stat, nil
		}
		return func(s *Summary) float64 { return f(s.Latency.Response) }, stat, nil
	}
	pct, canonical, err := ParsePercentile(stat)
	if err != nil {
		return nil, "", err
	}
	return func(s *Summary) float64 {
		v, ok := s.Percentile(kind, pct)
		if !ok {
			return math.NaN()
		}
		return v
	}, canonical, nil
}

var numberRE = regexp.MustCompile(`^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?`)

// parseValue reads a threshold's value in the metric's unit.
func parseValue(metric string, u unit, s string) (float64, error) {
	if s == "" {
		return 0, fmt.Errorf("no value after the operator")
	}
	n := numberRE.FindString(s)
	if n == "" {
		return 0, fmt.Errorf("bad value %q: want a non-negative number%s", s, unitHint(u))
	}
	v, err := strconv.ParseFloat(n, 64)
	if err != nil {
		return 0, fmt.Errorf("bad value %q: out of range", s)
	}
	v, err = applyUnit(metric, u, v, strings.TrimSpace(s[len(n):]))
	if err != nil {
		return 0, err
	}
	if math.IsInf(v, 0) {
		return 0, fmt.Errorf("bad value %q: out of range", s)
	}
	return v, nil
}

func applyUnit(metric string, u unit, v float64, suffix string) (float64, error) {
	switch {
	case u == unitMs:
		f, ok := durationUnits[suffix]
		if !ok {
			return 0, fmt.Errorf("bad unit %q for %s: want a duration%s", suffix, metric, unitHint(u))
		}
		return v * f, nil
	case u == unitFraction && suffix == "%":
		return v / 100, nil
	case u == unitFraction && suffix == "":
		if v > 1 {
			return 0, fmt.Errorf("%s is a fraction of 1: write %s%% or %s", metric, num(v, 6), num(v/100, 8))
		}
		return v, nil
	case suffix == "" || (u == unitRate && suffix == "/s"):
		return v, nil
	}
	return 0, fmt.Errorf("bad unit %q for %s: want a plain number%s", suffix, metric, unitHint(u))
}

func unitHint(u unit) string {
	switch u {
	case unitMs:
		return " with a unit: ns, us, µs, ms, s or m (as in 200ms)"
	case unitFraction:
		return " (as in 1% or 0.01)"
	case unitRate:
		return ` (per second, "/s" optional)`
	}
	return ""
}

// String returns the threshold in canonical form; parsing it gives the same
// metric, operator and value.
func (t Threshold) String() string {
	v := strconv.FormatFloat(t.Value, 'g', -1, 64)
	if t.def.unit == unitMs {
		v += "ms"
	}
	return t.Metric + t.Op + v
}

// Eval returns the metric's value in the summary (in the threshold's unit)
// and whether the condition holds.
func (t Threshold) Eval(s *Summary) (value float64, ok bool) {
	if t.def.get == nil {
		return 0, false
	}
	value = t.def.get(s)
	if math.IsNaN(value) { // a figure the run cannot give fails
		return 0, false
	}
	switch t.Op {
	case "<":
		return value, value < t.Value
	case "<=":
		return value, value <= t.Value
	case ">":
		return value, value > t.Value
	case ">=":
		return value, value >= t.Value
	case "==":
		return value, value == t.Value
	}
	return value, false
}

// EvalAll evaluates every threshold, records the results in s.Thresholds and
// reports whether all of them hold.
func EvalAll(s *Summary, ts []Threshold) (allOK bool) {
	allOK = true
	s.Thresholds = make([]ThresholdResult, 0, len(ts))
	for _, t := range ts {
		v, ok := t.Eval(s)
		s.Thresholds = append(s.Thresholds, ThresholdResult{Expr: t.Expr, Value: v, OK: ok})
		allOK = allOK && ok
	}
	return allOK
}

// formatValue writes a threshold result's value in its metric's unit.
func formatValue(expr string, v float64) string {
	t, err := ParseThreshold(expr)
	if err != nil {
		return num(v, 3)
	}
	switch t.def.unit {
	case unitMs:
		return num(v, 3) + "ms"
	case unitFraction:
		return num(v*100, 3) + "%"
	case unitRate:
		return num(v, 1) + "/s"
	}
	return num(v, 3)
}
