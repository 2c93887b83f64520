package reports

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/threshold"
)

// Merge adds up the results of runs that went on side by side (the shards
// of one run, or runs on several machines) into the result of one run:
//
//   - counts, records, bytes and errors add; error samples are all kept
//     (each distinct message once);
//   - latency comes from the merged HDR histograms, never from averaged
//     percentiles, so merged figures are exact (the merged max is the
//     largest max);
//   - the run spans the union of the runs' times (earliest start to latest
//     end) and throughput is the merged counts over that span; asked and
//     achieved rates add, and the rate was held only if every run held it;
//   - intervals are aligned by wall-clock time (started + t_s) onto the grid
//     of the earliest run and added; where several runs share an interval,
//     its percentiles are the largest of theirs (an upper bound) until
//     IntervalLatencyFromLog sets them from the merged latency.hlog;
//   - engine counts (scheduled, unsent, abandoned), stale resends and a
//     function target's instances (max, peak, cold starts, queued) add;
//     the longest queue wait is the longest of the runs'; aborted_by lists
//     the thresholds that aborted a part;
//   - a part that did not hold its rate says why in rate_note, with its
//     own measured figures (the sum of the rates may look held);
//   - thresholds are evaluated again on the merged figures;
//   - trigger figures add per partition, and the lag timeline is re-based.
//
// All runs must use the same interval width and carry their histograms,
// and no run may be given twice (by run_id, or a merged run beside one of
// its parts). The merged run gets a run id of its own and lists its parts'
// in merged_from.
func Merge(sums []*Summary) (*Summary, error) {
	if len(sums) == 0 {
		return nil, errors.New("merge: no runs")
	}
	if i := slices.Index(sums, nil); i >= 0 {
		return nil, fmt.Errorf("merge: run %d: no summary", i+1)
	}
	if i, j, dup := repeatedRun(sums); dup {
		return nil, fmt.Errorf("merge: runs %d and %d are the same run: each run must be given once", i+1, j+1)
	}
	width, err := commonWidth(sums)
	if err != nil {
		return nil, err
	}
	resp, svc, err := MergeHistograms(sums)
	if err != nil {
		return nil, err
	}
	m := mergeHeader(sums)
	if err := m.addCounts(sums); err != nil {
		return nil, err
	}
	m.Latency = Latency{Response: NewLatencyStats(resp), Service: NewLatencyStats(svc)}
	m.HDR = EncodedHistograms{Response: EncodeHistogram(resp), Service: EncodeHistogram(svc)}
	m.IntervalS = width.Seconds()
	if m.Intervals, err = mergeIntervals(sums, m.Started, width); err != nil {
		return nil, err
	}
	m.SetLengths()
	m.ColdStarts = mergeColdStarts(sums)
	if m.Instances, err = mergeInstances(sums); err != nil {
		return nil, err
	}
	if m.Instances != nil {
		m.PeakInstances = m.Instances.Peak
	}
	m.Engine = mergeEngines(sums)
	if m.Trigger, err = mergeTriggers(sums, m.Started); err != nil {
		return nil, err
	}
	m.Cost = MergeCost(sums, m.Records, hlog.SecondsDuration(m.DurationS))
	if err := m.reevaluate(sums); err != nil {
		return nil, err
	}
	return m, nil
}

// mergeHeader returns the merged run's identity and time span.
func mergeHeader(sums []*Summary) *Summary {
	start, end := sums[0].Started, sums[0].end()
	m := &Summary{Schema: Schema, Seed: sums[0].Seed, RateHeld: true, RunID: NewRunID(), MergedFrom: partIDs(sums)}
	for _, s := range sums {
		if s.Started.Before(start) {
			start = s.Started
		}
		if e := s.end(); e.After(end) {
			end = e
		}
		m.Interrupted = m.Interrupted || s.Interrupted
		m.RateHeld = m.RateHeld && s.RateHeld
	}
	m.Started, m.DurationS = start, end.Sub(start).Seconds()
	m.Scenario = JoinDistinct(sums, ",", func(s *Summary) string { return s.Scenario })
	m.Mode = JoinDistinct(sums, ",", func(s *Summary) string { return s.Mode })
	m.Target = JoinDistinct(sums, ",", func(s *Summary) string { return s.Target })
	m.RateNote = rateNotes(sums)
	m.AbortedBy = JoinDistinct(sums, "; ", func(s *Summary) string { return s.AbortedBy })
	m.ScenarioYAML = JoinDistinct(sums, "\n---\n", func(s *Summary) string { return s.ScenarioYAML })
	return m
}

// end is when the run ended.
func (s *Summary) end() time.Time {
	return s.Started.Add(hlog.SecondsDuration(s.DurationS))
}

// addCounts adds the runs' counts, errors and rates into s, refusing a sum
// that overflows.
func (s *Summary) addCounts(sums []*Summary) error {
	s.Errors, s.ErrorSamples = map[string]int64{}, map[string][]string{}
	for i, run := range sums {
		if err := addCounts(s.countPointers(), run.countFields()); err != nil {
			return fmt.Errorf("merge: run %d: %w", i+1, err)
		}
		if err := addMap(s.Errors, run.Errors, "errors."); err != nil {
			return fmt.Errorf("merge: run %d: %w", i+1, err)
		}
		s.AskedRate += run.AskedRate
		s.AchievedRate += run.AchievedRate
		s.BehindScheduleMs = max(s.BehindScheduleMs, run.BehindScheduleMs)
		for class, msgs := range run.ErrorSamples {
			for _, msg := range msgs {
				if !slices.Contains(s.ErrorSamples[class], msg) {
					s.ErrorSamples[class] = append(s.ErrorSamples[class], msg)
				}
			}
		}
	}
	c := s.counts()
	s.Throughput = throughput(&c, hlog.SecondsDuration(s.DurationS))
	if s.RateHeld {
		s.RateNote = ""
	}
	return nil
}

// commonWidth returns the runs' interval width; runs without intervals do
// not constrain it.
func commonWidth(sums []*Summary) (time.Duration, error) {
	var width time.Duration
	for i, s := range sums {
		w := hlog.SecondsDuration(s.IntervalS)
		switch {
		case w <= 0 && len(s.Intervals) > 0:
			return 0, fmt.Errorf("merge: run %d: interval_s %v: want a positive interval width", i+1, s.IntervalS)
		case w <= 0:
		case width == 0:
			width = w
		case w != width:
			return 0, fmt.Errorf("merge: run %d has %s intervals, run 1 %s: cannot align them", i+1, w, width)
		}
	}
	return width, nil
}

// MergeHistograms merges the runs' whole-run response and service
// histograms exactly, refusing damaged ones or values beyond range.
func MergeHistograms(sums []*Summary) (resp, svc *hdrhistogram.Histogram, err error) {
	resp, svc = metrics.NewHistogram(), metrics.NewHistogram()
	for i, s := range sums {
		r, v, err := s.Histograms()
		if err != nil {
			return nil, nil, fmt.Errorf("merge: run %d: %w", i+1, err)
		}
		if resp.Merge(r)+svc.Merge(v) > 0 {
			return nil, nil, fmt.Errorf("merge: run %d: latencies beyond disload's range (%dns..%dns)",
				i+1, metrics.LowestNs, metrics.HighestNs)
		}
	}
	return resp, svc, nil
}

// reevaluate evaluates the runs' thresholds (each expression once) on s.
func (s *Summary) reevaluate(sums []*Summary) error {
	var ts []threshold.Threshold
	seen := map[string]bool{}
	for i, run := range sums {
		for _, r := range run.Thresholds {
			if seen[r.Expr] {
				continue
			}
			seen[r.Expr] = true
			t, err := threshold.Parse(r.Expr)
			if err != nil {
				return fmt.Errorf("merge: run %d: %w", i+1, err)
			}
			ts = append(ts, t)
		}
	}
	EvalAll(s, ts)
	return nil
}

// JoinDistinct joins the distinct non-empty values of field, in order.
func JoinDistinct(sums []*Summary, sep string, field func(*Summary) string) string {
	var vals []string
	for _, s := range sums {
		if v := field(s); v != "" && !slices.Contains(vals, v) {
			vals = append(vals, v)
		}
	}
	return strings.Join(vals, sep)
}

// mergeIntervals aligns the runs' intervals by wall-clock time on a grid
// starting at start and adds them; every slot from the first to the last
// holding data gets an entry.
func mergeIntervals(sums []*Summary, start time.Time, width time.Duration) ([]IntervalFigures, error) {
	slots := map[int64]*IntervalFigures{}
	for _, s := range sums {
		for _, iv := range s.Intervals {
			at := s.Started.Sub(start) + hlog.SecondsDuration(iv.TS)
			slot := hlog.NearestSlot(at, width)
			if dst := slots[slot]; dst != nil {
				if err := dst.add(&iv); err != nil {
					return nil, fmt.Errorf("merge: interval at %vs: %w", c0(slot, width), err)
				}
				continue
			}
			c := iv
			c.TS = (time.Duration(slot) * width).Seconds()
			c.Errors = maps.Clone(iv.Errors)
			if c.Errors == nil {
				c.Errors = map[string]int64{}
			}
			slots[slot] = &c
		}
	}
	out := []IntervalFigures{}
	if len(slots) == 0 {
		return out, nil
	}
	keys := slices.Sorted(maps.Keys(slots))
	if err := hlog.CheckSpan(keys[0], keys[len(keys)-1], width); err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	for slot := keys[0]; slot <= keys[len(keys)-1]; slot++ {
		if f := slots[slot]; f != nil {
			out = append(out, *f)
			continue
		}
		out = append(out, IntervalFigures{TS: (time.Duration(slot) * width).Seconds(), Errors: map[string]int64{}})
	}
	return out, nil
}

// c0 is the start of a slot in seconds.
func c0(slot int64, width time.Duration) float64 { return (time.Duration(slot) * width).Seconds() }

// add adds o's counts to f, refusing a sum that overflows; latency figures
// become the larger of the two (an upper bound for percentiles, exact for
// the max).
func (f *IntervalFigures) add(o *IntervalFigures) error {
	if err := addCounts(f.countPointers(), o.countFields()); err != nil {
		return err
	}
	if err := addMap(f.Errors, o.Errors, "errors."); err != nil {
		return err
	}
	r, q := &f.ResponseMs, o.ResponseMs
	r.P50, r.P90, r.P99, r.Max = max(r.P50, q.P50), max(r.P90, q.P90), max(r.P99, q.P99), max(r.Max, q.Max)
	f.ServiceMs.P50 = max(f.ServiceMs.P50, o.ServiceMs.P50)
	f.ServiceMs.P99 = max(f.ServiceMs.P99, o.ServiceMs.P99)
	return nil
}
