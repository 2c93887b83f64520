package compare

import (
	"math"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/reports"
)

// minBlocks is how many complete intervals each side of a comparison needs
// before a figure's change is tested.
const minBlocks = 3

// blocks are one side's per-interval values of a figure: blocks[r] holds
// run r's values, one per complete interval.
type blocks [][]float64

// count is the number of values over all runs.
func (b blocks) count() int {
	n := 0
	for _, r := range b {
		n += len(r)
	}
	return n
}

// changeCI is the confidence interval, at Confidence, of the relative
// change (percent) of a figure from side a to side b, from their blocks.
// On the log scale (latencies) it is the change of the geometric mean of
// the blocks; else of the arithmetic mean. ok is false when either side
// has fewer than minBlocks values or a linear mean of a is 0.
func changeCI(a, b blocks, logScale bool) (lo, hi float64, ok bool) {
	ma, va, dfa, oka := sideMean(a, logScale)
	mb, vb, dfb, okb := sideMean(b, logScale)
	if !oka || !okb || (!logScale && ma == 0) {
		return 0, 0, false
	}
	d, v := mb-ma, va+vb
	half := 0.0
	if v > 0 {
		df := v * v / (va*va/dfa + vb*vb/dfb)
		half = tCrit(df) * math.Sqrt(v)
	}
	if logScale {
		return 100 * math.Expm1(d-half), 100 * math.Expm1(d+half), true
	}
	return 100 * (d - half) / math.Abs(ma), 100 * (d + half) / math.Abs(ma), true
}

// sideMean returns the mean of a side's blocks (of their logarithms on the
// log scale), the variance of that mean and its degrees of freedom. Blocks
// of one run vary less than runs do, so with several runs the variance is
// the larger of the blocks' and the run means' (each run one value).
func sideMean(b blocks, logScale bool) (mean, varMean, df float64, ok bool) {
	var all, runMeans []float64
	for _, r := range b {
		if len(r) == 0 {
			continue
		}
		vals := make([]float64, len(r))
		for i, v := range r {
			vals[i] = scaled(v, logScale)
		}
		m, _ := meanSD(vals)
		runMeans = append(runMeans, m)
		all = append(all, vals...)
	}
	if len(all) < minBlocks {
		return 0, 0, 0, false
	}
	mean, sd := meanSD(all)
	varMean, df = sd*sd/float64(len(all)), float64(len(all)-1)
	if k := len(runMeans); k >= 2 {
		if _, sdr := meanSD(runMeans); sdr*sdr/float64(k) > varMean {
			varMean, df = sdr*sdr/float64(k), float64(k-1)
		}
	}
	return mean, varMean, df, true
}

// scaled is v, or its logarithm (of at least a nanosecond's worth) on the
// log scale.
func scaled(v float64, logScale bool) float64 {
	if !logScale {
		return v
	}
	return math.Log(max(v, 1e-6))
}

// latencyBlocks returns, per run, a latency figure of each complete
// interval in ms: the q-quantile (0 < q < 1), or the mean when q is 0. The
// intervals come from each run's latency.hlog; a run without one falls
// back to summary.json's intervals, which hold p50, p90 and p99 of
// response time and p50 and p99 of service time (nil for other figures).
func latencyBlocks(runs []*Run, kind string, q float64) blocks {
	out := make(blocks, len(runs))
	for i, r := range runs {
		if r.Log != nil {
			out[i] = logBlocks(r, kind, q)
			continue
		}
		get := summaryQuantile(kind, q)
		if get == nil {
			return nil
		}
		for _, iv := range completeIntervals(r.Summary) {
			if iv.OK+iv.Failed > 0 {
				out[i] = append(out[i], get(iv))
			}
		}
	}
	return out
}

// logBlocks reads a figure of each complete interval of a run's log.
func logBlocks(r *Run, tag string, q float64) []float64 {
	var out []float64
	s := r.Summary
	for _, li := range r.Log.Intervals {
		if li.Tag != tag || li.Hist.TotalCount() == 0 || !within(s, li.Start, li.Length) {
			continue
		}
		out = append(out, histFigure(li.Hist, q))
	}
	return out
}

// histFigure is the q-quantile (or the mean for q = 0) of h in ms.
func histFigure(h *hdrhistogram.Histogram, q float64) float64 {
	if q == 0 {
		return nsToMs(h.Mean())
	}
	return nsToMs(float64(h.ValueAtQuantile(100 * q)))
}

// within reports whether the interval [start, start+length) lies in the
// run (to a tolerance of the log's millisecond timestamps).
func within(s *reports.Summary, start time.Time, length time.Duration) bool {
	off := start.Sub(s.Started)
	return off >= -hlog.LengthTolerance && off+length <= hlog.SecondsDuration(s.DurationS)+hlog.LengthTolerance
}

// summaryQuantile reads a quantile from summary.json's interval figures,
// nil when they do not hold it.
func summaryQuantile(kind string, q float64) func(*reports.IntervalFigures) float64 {
	if kind == hlog.TagService {
		switch q {
		case 0.5:
			return func(f *reports.IntervalFigures) float64 { return f.ServiceMs.P50 }
		case 0.99:
			return func(f *reports.IntervalFigures) float64 { return f.ServiceMs.P99 }
		}
		return nil
	}
	switch q {
	case 0.5:
		return func(f *reports.IntervalFigures) float64 { return f.ResponseMs.P50 }
	case 0.9:
		return func(f *reports.IntervalFigures) float64 { return f.ResponseMs.P90 }
	case 0.99:
		return func(f *reports.IntervalFigures) float64 { return f.ResponseMs.P99 }
	}
	return nil
}

// completeIntervals are the intervals that lie wholly within the run.
func completeIntervals(s *reports.Summary) []*reports.IntervalFigures {
	if s.IntervalS <= 0 {
		return nil
	}
	var out []*reports.IntervalFigures
	for i := range s.Intervals {
		iv := &s.Intervals[i]
		if iv.TS+s.IntervalS <= s.DurationS+1e-3 {
			out = append(out, iv)
		}
	}
	return out
}

// rateBlocks returns, per run, count per second of each complete interval.
func rateBlocks(runs []*Run, count func(*reports.IntervalFigures) float64) blocks {
	out := make(blocks, len(runs))
	for i, r := range runs {
		for _, iv := range completeIntervals(r.Summary) {
			out[i] = append(out[i], count(iv)/r.Summary.IntervalS)
		}
	}
	return out
}

// nsToMs converts nanoseconds to milliseconds.
func nsToMs(ns float64) float64 { return ns / 1e6 }
