package reports

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// ParsePercentile reads a percentile's name, as thresholds and report
// --percentiles write it: "p95", "p99.99", k6's "p(95)", or "99" and
// digits, read as decimals after the "99" ("p999" is 99.9, "p9999"
// 99.99, as summary.json's keys). It returns the percentile (above 0, below 100)
// and its canonical name: "p999" for 99.9 (summary.json's key), else "p"
// and the shortest number ("p95", "p99.99").
func ParsePercentile(name string) (pct float64, canonical string, err error) {
	digits, ok := strings.CutPrefix(name, "p")
	if !ok || digits == "" {
		return 0, "", fmt.Errorf("percentile %q: want p and a number, as p95, p99.9 or p(95)", name)
	}
	if inner, ok := strings.CutPrefix(digits, "("); ok {
		if digits, ok = strings.CutSuffix(inner, ")"); !ok {
			return 0, "", fmt.Errorf("percentile %q: no closing parenthesis", name)
		}
	}
	if len(digits) > 2 && strings.HasPrefix(digits, "99") && strings.Trim(digits, "0123456789") == "" {
		digits = digits[:2] + "." + digits[2:]
	}
	pct, err = strconv.ParseFloat(digits, 64)
	if err != nil || strings.ContainsAny(digits, "eEnNiI_+-xXpP") {
		return 0, "", fmt.Errorf("percentile %q: %q is not a number", name, digits)
	}
	if pct <= 0 || pct >= 100 {
		return 0, "", fmt.Errorf("percentile %q: want above 0 and below 100 (min and max name the ends)", name)
	}
	return pct, percentileName(pct), nil
}

// percentileName is the canonical name of a percentile.
func percentileName(pct float64) string {
	if pct == 99.9 {
		return "p999"
	}
	return "p" + strconv.FormatFloat(pct, 'f', -1, 64)
}

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
			full := stats(k.h)
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
	if kind == TagService {
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
	if kind == TagService {
		h = svc
	}
	if h.TotalCount() == 0 {
		return 0, true
	}
	return nsToMs(float64(h.ValueAtQuantile(pct))), true
}
