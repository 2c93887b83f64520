// Package threshold is the threshold language of scenarios, `disload run
// --threshold` and `disload report --threshold`: "METRIC OP VALUE" such as
// "p99<200ms", "error_rate<1%" or "records_per_s>50000", parsed once,
// evaluated on any run that gives its figures (Run), written back in
// canonical form, and in its aborting form (Abort: checked while the run
// goes on, from a delay on). It also reads percentile names (p95, p99.9,
// p(95)). It imports nothing of disload, so the scenario model can check
// thresholds without the renderers.
package threshold

import (
	"fmt"
	"strings"
)

// Unit is what a metric measures, which decides how its value is written
// and read.
type Unit int

const (
	// Count is a plain number.
	Count Unit = iota
	// Rate is per second; "/s" may follow the number.
	Rate
	// Ms is a duration, kept in milliseconds.
	Ms
	// Fraction is 0..1, or a percentage written with "%".
	Fraction
)

// Kind is the latency a latency metric reads.
type Kind string

const (
	// Response is end − intended start (coordinated omission corrected).
	Response Kind = "response"
	// Service is end − actual start.
	Service Kind = "service"
)

// Stat is a latency statistic besides percentiles.
type Stat string

const (
	// Percentile reads Metric.Pct.
	Percentile Stat = ""
	// Min is the least latency.
	Min Stat = "min"
	// Mean is the mean latency.
	Mean Stat = "mean"
	// Max is the greatest latency.
	Max Stat = "max"
)

// Plain metric names (neither latencies nor errors.CLASS).
const (
	ErrorRate        = "error_rate"
	Errors           = "errors"
	Failed           = "failed"
	Sent             = "sent"
	OK               = "ok"
	Dropped          = "dropped"
	Retried          = "retried"
	Records          = "records"
	EventsPerS       = "events_per_s"
	RecordsPerS      = "records_per_s"
	PayloadBytesPerS = "payload_bytes_per_s"
	PayloadMBPerS    = "payload_mb_per_s"
	AchievedRate     = "achieved_rate"
	BehindSchedule   = "behind_schedule"
	// The cost block's figures (FunctionGraph targets): amounts in the
	// run's currency, and GB-seconds.
	CostPerMillionRecords = "cost_per_million_records"
	CostTotal             = "cost_total"
	CostPerHour           = "cost_per_hour"
	CostPerMonth          = "cost_per_month"
	GBs                   = "gb_s"
)

// plainUnits maps every plain metric to its unit.
var plainUnits = map[string]Unit{
	ErrorRate: Fraction, Errors: Count, Failed: Count, Sent: Count, OK: Count, Dropped: Count,
	Retried: Count, Records: Count, EventsPerS: Rate, RecordsPerS: Rate, PayloadBytesPerS: Rate,
	PayloadMBPerS: Rate, AchievedRate: Rate, BehindSchedule: Ms,
	CostPerMillionRecords: Count, CostTotal: Count, CostPerHour: Count, CostPerMonth: Count, GBs: Count,
}

// PlainMetrics returns the names of the plain metrics, for a Run to prove
// it gives every one.
func PlainMetrics() []string {
	out := make([]string, 0, len(plainUnits))
	for n := range plainUnits {
		out = append(out, n)
	}
	return out
}

// metricList is shown when a metric is unknown.
const metricList = "min, mean, max, any percentile as p95, p99.99 or p(95) (response time by default; " +
	"prefix service. for service time), behind_schedule, error_rate, errors (or failed), errors.CLASS, " +
	"sent, ok, dropped, retried, records, events_per_s, records_per_s, payload_bytes_per_s, " +
	"payload_mb_per_s, achieved_rate, cost_per_million_records, cost_total, cost_per_hour, cost_per_month, gb_s"

// Metric is what a threshold measures.
type Metric struct {
	Name  string  // canonical: "response.p99", "error_rate", "errors.timeout", ...
	Unit  Unit    // how the value is written and read
	Kind  Kind    // the latency of a latency metric; "" otherwise
	Stat  Stat    // for a latency metric: min, mean, max, or Percentile
	Pct   float64 // the percentile (0 < Pct < 100) when Stat is Percentile
	Class string  // the error class of errors.CLASS; "" otherwise
}

// Latency reports whether the metric is a latency.
func (m Metric) Latency() bool { return m.Kind != "" }

// Run is what a threshold reads: a run's figures.
type Run interface {
	// Figure returns the metric's value in its unit; NaN when the run
	// cannot give it (a threshold on it fails).
	Figure(m Metric) float64
}

// lookupMetric returns the metric a name denotes.
func lookupMetric(name string) (Metric, error) {
	if u, ok := plainUnits[name]; ok {
		return Metric{Name: name, Unit: u}, nil
	}
	if class, ok := strings.CutPrefix(name, "errors."); ok && class != "" {
		return Metric{Name: name, Unit: Count, Class: class}, nil
	}
	kind, stat := Response, name
	if k, rest, ok := strings.Cut(name, "."); ok && (Kind(k) == Response || Kind(k) == Service) {
		kind, stat = Kind(k), rest
	}
	m, err := latencyMetric(kind, stat)
	if err != nil {
		return Metric{}, fmt.Errorf("unknown metric %q (%v); known metrics: %s", name, err, metricList)
	}
	return m, nil
}

// latencyMetric returns a latency statistic of kind: min, mean, max or a
// percentile (see ParsePercentile).
func latencyMetric(kind Kind, stat string) (Metric, error) {
	m := Metric{Unit: Ms, Kind: kind}
	switch s := Stat(stat); s {
	case Min, Mean, Max:
		m.Stat, m.Name = s, string(kind)+"."+stat
		return m, nil
	}
	pct, canonical, err := ParsePercentile(stat)
	if err != nil {
		return Metric{}, err
	}
	m.Pct, m.Name = pct, string(kind)+"."+canonical
	return m, nil
}
