package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/metrics"
)

// IntervalFigures are the figures of one interval of a run, as written in
// summary.json's "intervals", the intervals CSV and the JSON-lines stream.
// Results belong to the interval in which they ended; throughput per second
// is a count divided by the summary's interval_s.
type IntervalFigures struct {
	TS float64 `json:"t_s"` // interval start, seconds since the run's start
	// Counts are the interval's counters, at the top of its JSON object
	// (sent, ok, failed, dropped, retried, stale_retries, records,
	// payload_bytes).
	metrics.Counts
	Errors     map[string]int64  `json:"errors"` // failures by class
	ResponseMs ResponseQuantiles `json:"response_ms"`
	ServiceMs  ServiceQuantiles  `json:"service_ms"`
	// LengthS is how much of the interval the run's planned time covered:
	// interval_s, less for the interval the run ended in, 0 for one wholly
	// after the end (results that came in while in-flight deliveries
	// finished). Rates of an interval are its counts over LengthS.
	LengthS float64 `json:"length_s"`
}

// ResponseQuantiles are an interval's response-time figures in milliseconds
// (all 0 when nothing ended in the interval).
type ResponseQuantiles struct {
	P50 float64 `json:"p50"`
	P90 float64 `json:"p90"`
	P99 float64 `json:"p99"`
	Max float64 `json:"max"`
}

// ServiceQuantiles are an interval's service-time figures in milliseconds.
type ServiceQuantiles struct {
	P50 float64 `json:"p50"`
	P99 float64 `json:"p99"`
}

// NewIntervalFigures returns the figures of one recorded interval; width is
// the interval width, which places the interval in time.
func NewIntervalFigures(iv *metrics.Interval, width time.Duration) IntervalFigures {
	f := IntervalFigures{
		TS:      (time.Duration(iv.Index) * width).Seconds(),
		Counts:  iv.Counts,
		Errors:  maps.Clone(iv.Errors),
		LengthS: width.Seconds(),
	}
	if f.Errors == nil {
		f.Errors = map[string]int64{}
	}
	f.setLatency(iv.Response, iv.Service)
	return f
}

// setLatency sets the latency figures from the interval's histograms (ns).
func (f *IntervalFigures) setLatency(resp, svc *hdrhistogram.Histogram) {
	f.setResponse(resp)
	f.setService(svc)
}

func (f *IntervalFigures) setResponse(h *hdrhistogram.Histogram) {
	r := NewLatencyStats(h)
	f.ResponseMs = ResponseQuantiles{P50: r.P50, P90: r.P90, P99: r.P99, Max: r.Max}
}

func (f *IntervalFigures) setService(h *hdrhistogram.Histogram) {
	s := NewLatencyStats(h)
	f.ServiceMs = ServiceQuantiles{P50: s.P50, P99: s.P99}
}

// AddIntervals sets the summary's intervals (and interval width) from a
// run's timeline, one entry per interval from the first that holds data to
// the last, empty ones included.
func (s *Summary) AddIntervals(tl hlog.Timeline) error {
	width := tl.Width()
	figs := []IntervalFigures{}
	err := tl.Each(func(iv *metrics.Interval) error {
		figs = append(figs, NewIntervalFigures(iv, width))
		return nil
	})
	if err != nil {
		return err
	}
	s.Intervals = figs
	s.IntervalS = width.Seconds()
	s.SetLengths()
	return nil
}

// SetLengths sets each interval's length_s (see SetLength).
func (s *Summary) SetLengths() {
	for i := range s.Intervals {
		s.Intervals[i].SetLength(s.DurationS, s.IntervalS)
	}
}

// SetLength sets length_s for a run of durationS seconds with intervals of
// intervalS: intervalS, cut at the run's end, 0 past it. A stream of
// intervals written as the run goes sets it on the last one when the run
// ends, as the summary does on all of them.
func (f *IntervalFigures) SetLength(durationS, intervalS float64) {
	f.LengthS = min(max(durationS-f.TS, 0), intervalS)
	if intervalS-f.LengthS < 1e-6 {
		f.LengthS = intervalS
	}
}

// minRateShare is the least share of an interval the run must cover for
// the interval to give a rate: counts over a sliver of time are noise.
const minRateShare = 0.25

// PerSecond is the interval's count n per second of the time the run
// covered of it (length_s), so that a last, partial interval reads at the
// rate it ran at rather than as a collapse. ok is false for an interval
// covered less than a quarter (or not at all): too short to give a rate.
func (f *IntervalFigures) PerSecond(n int64, intervalS float64) (rate float64, ok bool) {
	if f.LengthS <= 0 || f.LengthS < minRateShare*intervalS {
		return 0, false
	}
	return float64(n) / f.LengthS, true
}

// AppendIntervalJSON appends one interval as a line of JSON (ending in a
// newline) to dst: the JSON-lines stream of a run's intervals.
func AppendIntervalJSON(dst []byte, iv IntervalFigures) []byte {
	// A struct of numbers, strings and a string-keyed map cannot fail to
	// marshal; the figures are finite by construction.
	b, err := json.Marshal(iv)
	if err != nil {
		return dst
	}
	return append(append(dst, b...), '\n')
}

// IntervalLatencyFromLog sets the intervals' latency figures from the
// "response" and "service" histograms of an interval log of the same run
// (latency.hlog), matched by wall-clock time: a log interval belongs to the
// summary interval whose start (started + t_s) is nearest. Merge uses it to
// make merged intervals' percentiles exact. Intervals the log lacks keep
// their figures; a log interval with no summary interval is an error.
func (s *Summary) IntervalLatencyFromLog(r io.Reader) error {
	l, err := hlog.Read(r)
	if err != nil {
		return fmt.Errorf("histogram log: %w", err)
	}
	width := hlog.SecondsDuration(s.IntervalS)
	if width <= 0 {
		if len(l.Intervals) == 0 {
			return nil
		}
		return fmt.Errorf("summary: interval_s %v: want the interval width to match a histogram log", s.IntervalS)
	}
	byPos, err := s.logHistograms(l, width)
	if err != nil {
		return err
	}
	for i, hs := range byPos {
		if hs[0] != nil {
			s.Intervals[i].setResponse(hs[0])
		}
		if hs[1] != nil {
			s.Intervals[i].setService(hs[1])
		}
	}
	return nil
}

// logHistograms gathers a log's response and service histograms by the
// position of the summary interval they belong to, merging any repeats.
func (s *Summary) logHistograms(l *hlog.Log, width time.Duration) (map[int]*[2]*hdrhistogram.Histogram, error) {
	pos := make(map[int64]int, len(s.Intervals))
	for i, iv := range s.Intervals {
		pos[hlog.NearestSlot(hlog.SecondsDuration(iv.TS), width)] = i
	}
	byPos := map[int]*[2]*hdrhistogram.Histogram{}
	for _, li := range l.Intervals {
		k := slices.Index([]string{hlog.TagResponse, hlog.TagService}, li.Tag)
		if k < 0 {
			continue
		}
		if d := li.Length - width; d > hlog.LengthTolerance || d < -hlog.LengthTolerance {
			return nil, fmt.Errorf("histogram log: intervals of %s, but the summary's interval_s is %s", li.Length, width)
		}
		i, ok := pos[hlog.NearestSlot(li.Start.Sub(s.Started), width)]
		if !ok {
			return nil, fmt.Errorf("histogram log: interval at %s (%s after the start) has no interval in the summary",
				li.Start.Format(time.RFC3339Nano), li.Start.Sub(s.Started))
		}
		if byPos[i] == nil {
			byPos[i] = &[2]*hdrhistogram.Histogram{}
		}
		if byPos[i][k] == nil {
			byPos[i][k] = li.Hist
		} else {
			byPos[i][k].Merge(li.Hist)
		}
	}
	return byPos, nil
}
