package reports

import (
	"github.com/HdrHistogram/hdrhistogram-go"
	"github.com/disload/disload/internal/hlog"
)

// stored returns the percentile when the statistics hold it.
func (l LatencyStats) stored(pct float64) (float64, bool) {
	switch pct {
	case 50:
		return l.P50, true
	case 75:
		return l.P75, true
	case 90:
		return l.P90, true
	case 95:
		return l.P95, true
	case 99:
		return l.P99, true
	case 99.9:
		return l.P999, true
	case 99.99:
		return l.P9999, true
	}
	return 0, false
}

// fillPercentiles sets the percentiles summary.json gained after a file
// was written (p75, p95, p99.99: 0 beside a positive max) from the run's
// histograms.
func (s *Summary) fillPercentiles() {
	resp, svc, err := s.Histograms()
	if err != nil {
		return
	}
	for _, k := range []struct {
		l *LatencyStats
		h *hdrhistogram.Histogram
	}{{&s.Latency.Response, resp}, {&s.Latency.Service, svc}} {
		if k.l.Max > 0 && k.l.P75 == 0 && k.l.P95 == 0 && k.l.P9999 == 0 {
			full := NewLatencyStats(k.h)
			k.l.P75, k.l.P95, k.l.P9999 = full.P75, full.P95, full.P9999
		}
	}
}

// Percentile returns a percentile (0 < pct < 100) of the run's response
// (kind "response") or service ("service") time in ms: summary.json's
// figure where it holds one, else read from the run's histogram. ok is
// false when the histogram is missing or damaged.
func (s *Summary) Percentile(kind string, pct float64) (ms float64, ok bool) {
	l := s.Latency.Response
	if kind == hlog.TagService {
		l = s.Latency.Service
	}
	if v, ok := l.stored(pct); ok {
		return v, true
	}
	resp, svc, err := s.Histograms()
	if err != nil {
		return 0, false
	}
	h := resp
	if kind == hlog.TagService {
		h = svc
	}
	if h.TotalCount() == 0 {
		return 0, true
	}
	return nsToMs(float64(h.ValueAtQuantile(pct))), true
}
