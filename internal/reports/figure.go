package reports

import (
	"math"

	"github.com/disload/disload/internal/cost"
	"github.com/disload/disload/internal/threshold"
)

var _ threshold.Run = (*Summary)(nil)

// plainFigures gives every plain threshold metric of a summary.
var plainFigures = map[string]func(*Summary) float64{
	threshold.ErrorRate:        errorRate,
	threshold.Errors:           func(s *Summary) float64 { return float64(s.Events.Failed) },
	threshold.Failed:           func(s *Summary) float64 { return float64(s.Events.Failed) },
	threshold.Sent:             func(s *Summary) float64 { return float64(s.Events.Sent) },
	threshold.OK:               func(s *Summary) float64 { return float64(s.Events.OK) },
	threshold.Dropped:          func(s *Summary) float64 { return float64(s.Events.Dropped) },
	threshold.Retried:          func(s *Summary) float64 { return float64(s.Events.Retried) },
	threshold.Records:          func(s *Summary) float64 { return float64(s.Records) },
	threshold.EventsPerS:       func(s *Summary) float64 { return s.Throughput.EventsPerS },
	threshold.RecordsPerS:      func(s *Summary) float64 { return s.Throughput.RecordsPerS },
	threshold.PayloadBytesPerS: func(s *Summary) float64 { return s.Throughput.PayloadBytesPerS },
	threshold.PayloadMBPerS:    func(s *Summary) float64 { return s.Throughput.PayloadBytesPerS / 1e6 },
	threshold.AchievedRate:     func(s *Summary) float64 { return s.AchievedRate },
	threshold.BehindSchedule:   func(s *Summary) float64 { return s.BehindScheduleMs },

	threshold.CostPerMillionRecords: costFigure(func(e *cost.Estimate) float64 { return e.PerMillionRecords }),
	threshold.CostTotal:             costFigure(func(e *cost.Estimate) float64 { return e.Total }),
	threshold.CostPerHour:           costFigure(func(e *cost.Estimate) float64 { return e.PerHour.Total }),
	threshold.CostPerMonth:          costFigure(func(e *cost.Estimate) float64 { return e.PerMonth.Total }),
	threshold.GBs:                   costFigure(func(e *cost.Estimate) float64 { return e.GBs }),
}

// errorRate is failed deliveries over sent ones (0 when nothing was sent).
func errorRate(s *Summary) float64 {
	if s.Events.Sent == 0 {
		return 0
	}
	return float64(s.Events.Failed) / float64(s.Events.Sent)
}

// Figure returns the run's value of a threshold metric in its unit; NaN
// for a metric it does not know or a percentile its histograms cannot give.
func (s *Summary) Figure(m threshold.Metric) float64 {
	switch {
	case m.Class != "":
		return float64(s.Errors[m.Class])
	case m.Latency():
		return s.latencyFigure(m)
	}
	if get, ok := plainFigures[m.Name]; ok {
		return get(s)
	}
	return math.NaN()
}

// latencyFigure returns a latency metric in ms.
func (s *Summary) latencyFigure(m threshold.Metric) float64 {
	l := s.Latency.Response
	if m.Kind == threshold.Service {
		l = s.Latency.Service
	}
	switch m.Stat {
	case threshold.Min:
		return l.Min
	case threshold.Mean:
		return l.Mean
	case threshold.Max:
		return l.Max
	}
	v, ok := s.Percentile(string(m.Kind), m.Pct)
	if !ok {
		return math.NaN()
	}
	return v
}

// EvalAll evaluates every threshold, records the results in s.Thresholds and
// reports whether all of them hold.
func EvalAll(s *Summary, ts []threshold.Threshold) (allOK bool) {
	allOK = true
	s.Thresholds = make([]ThresholdResult, 0, len(ts))
	for _, t := range ts {
		v, ok := t.Eval(s)
		s.Thresholds = append(s.Thresholds, ThresholdResult{Expr: t.Expr, Value: v, OK: ok})
		allOK = allOK && ok
	}
	return allOK
}
