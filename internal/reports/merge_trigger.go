package reports

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/metrics"
)

// mergeTriggers adds up the runs' trigger figures (nil when no run has
// any): lag counts add, maxima take the largest, partitions add by index
// and the lag timeline is re-based on the merged start.
func mergeTriggers(sums []*Summary, start time.Time) (*Trigger, error) {
	var ts []*Trigger
	var offsets []time.Duration
	for _, s := range sums {
		if s.Trigger != nil {
			ts = append(ts, s.Trigger)
			offsets = append(offsets, s.Started.Sub(start))
		}
	}
	if len(ts) == 0 {
		return nil, nil
	}
	m := &Trigger{}
	var verdicts []string
	for i, t := range ts {
		if t.Verdict != "" && !slices.Contains(verdicts, t.Verdict) {
			verdicts = append(verdicts, t.Verdict)
		}
		m.MaxLagMs = max(m.MaxLagMs, t.MaxLagMs)
		m.MaxSustainableRecordsPerS += t.MaxSustainableRecordsPerS
		m.LagSlope += t.LagSlope
		if err := m.addCounts(t); err != nil {
			return nil, fmt.Errorf("merge: trigger %d: %w", i+1, err)
		}
	}
	m.Verdict = strings.Join(verdicts, "; ")
	if err := m.mergeEndToEnd(ts); err != nil {
		return nil, err
	}
	var err error
	if m.Partitions, err = mergePartitions(ts); err != nil {
		return nil, err
	}
	m.Lag = mergeLag(ts, offsets)
	return m, nil
}

// mergeEndToEnd merges the end-to-end histograms exactly when every run
// kept one; otherwise min is the least min and every other figure the
// largest of the runs' (exact for max, an upper bound for the rest).
func (t *Trigger) mergeEndToEnd(ts []*Trigger) error {
	h := metrics.NewHistogram()
	exact := true
	for i, run := range ts {
		if run.EndToEndHDR == "" {
			exact = false
			break
		}
		d, err := hdrhistogram.Decode([]byte(run.EndToEndHDR))
		if err != nil {
			return fmt.Errorf("merge: trigger %d: end_to_end_histogram: %w", i+1, err)
		}
		h.Merge(d)
	}
	if exact {
		t.SetEndToEnd(h)
		return nil
	}
	e := &t.EndToEndMs
	for i, run := range ts {
		o := run.EndToEndMs
		if i == 0 || o.Min < e.Min {
			e.Min = o.Min
		}
		e.Mean, e.P50, e.P90 = max(e.Mean, o.Mean), max(e.P50, o.P50), max(e.P90, o.P90)
		e.P99, e.P999, e.Max = max(e.P99, o.P99), max(e.P999, o.P999), max(e.Max, o.Max)
		e.P75, e.P95, e.P9999 = max(e.P75, o.P75), max(e.P95, o.P95), max(e.P9999, o.P9999)
	}
	return nil
}

// mergePartitions adds the figures of each partition over the runs.
func mergePartitions(ts []*Trigger) ([]PartitionFigures, error) {
	byIndex := map[int]*PartitionFigures{}
	for i, t := range ts {
		for _, p := range t.Partitions {
			d := byIndex[p.Partition]
			if d == nil {
				c := p
				byIndex[p.Partition] = &c
				continue
			}
			if err := d.addCounts(&p); err != nil {
				return nil, fmt.Errorf("merge: trigger %d: partitions[%d]: %w", i+1, p.Partition, err)
			}
			d.MaxLag = max(d.MaxLag, p.MaxLag)
			d.MaxIteratorAgeMs = max(d.MaxIteratorAgeMs, p.MaxIteratorAgeMs)
			d.Rate += p.Rate
			d.LimitHit = d.LimitHit || p.LimitHit
		}
	}
	var out []PartitionFigures
	for _, i := range slices.Sorted(maps.Keys(byIndex)) {
		out = append(out, *byIndex[i])
	}
	return out, nil
}

// addCounts adds o's record counts into t, refusing an overflow.
func (t *Trigger) addCounts(o *Trigger) error {
	return firstErr(
		named("final_lag_records", addCount(&t.FinalLagRecords, o.FinalLagRecords)),
		named("duplicates", addCount(&t.Duplicates, o.Duplicates)),
		named("skipped_records", addCount(&t.SkippedRecords, o.SkippedRecords)),
		named("undelivered_records", addCount(&t.UndeliveredRecords, o.UndeliveredRecords)),
		named("abandoned", addInt(&t.Abandoned, o.Abandoned)))
}

// addCounts adds o's record counts into p, refusing an overflow.
func (p *PartitionFigures) addCounts(o *PartitionFigures) error {
	return firstErr(
		named("produced", addCount(&p.Produced, o.Produced)),
		named("delivered", addCount(&p.Delivered, o.Delivered)),
		named("attempted", addCount(&p.Attempted, o.Attempted)),
		named("skipped", addCount(&p.Skipped, o.Skipped)),
		named("final_lag", addCount(&p.FinalLag, o.FinalLag)))
}

// named prefixes err with the field it is about.
func named(field string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", field, err)
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// mergeLag re-bases each run's lag timeline on the merged start and sorts
// the points by time, then partition.
func mergeLag(ts []*Trigger, offsets []time.Duration) []LagPoint {
	var out []LagPoint
	for i, t := range ts {
		for _, p := range t.Lag {
			p.TS = (offsets[i] + hlog.SecondsDuration(p.TS)).Seconds()
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b LagPoint) int {
		return cmp.Or(cmp.Compare(a.TS, b.TS), cmp.Compare(a.Partition, b.Partition))
	})
	return out
}

// mergeColdStarts pools the runs' start-up times: exactly when every run
// lists them all (all_ms), else with the largest median as an upper bound.
func mergeColdStarts(sums []*Summary) *ColdStarts {
	var all []float64
	exact := true
	var m ColdStarts
	for _, s := range sums {
		c := s.ColdStarts
		if c == nil {
			continue
		}
		exact = exact && len(c.AllMs) == c.Count
		all = append(all, c.AllMs...)
		m.Count += c.Count
		m.P50Ms, m.MaxMs = max(m.P50Ms, c.P50Ms), max(m.MaxMs, c.MaxMs)
	}
	if exact {
		return coldStartsMs(all)
	}
	return &m
}

// mergeInstances adds the runs' instance figures (nil when no run has
// any): max, cold starts and queued calls add; peak adds too (the parts ran
// side by side, so their peaks together are an upper bound of the merged
// peak); the longest queue wait is the longest of the runs'.
func mergeInstances(sums []*Summary) (*InstanceFigures, error) {
	var m *InstanceFigures
	for i, s := range sums {
		in := s.Instances
		if in == nil {
			continue
		}
		if m == nil {
			m = &InstanceFigures{}
		}
		err := errors.Join(addInt(&m.Max, in.Max), addInt(&m.Peak, in.Peak), addInt(&m.ColdStarts, in.ColdStarts),
			addCount(&m.QueuedAtMax, in.QueuedAtMax))
		if err != nil {
			return nil, fmt.Errorf("merge: run %d: instances: %w", i+1, errOverflow)
		}
		m.LongestQueueMs = max(m.LongestQueueMs, in.LongestQueueMs)
	}
	return m, nil
}

// rateNotes says, for each part that did not hold its rate, which part
// and what it measured; the rates of the parts add up, so the merged
// figures alone may look held.
func rateNotes(sums []*Summary) string {
	var notes []string
	for i, s := range sums {
		if s.RateHeld {
			continue
		}
		part := cmp.Or(s.Shard, fmt.Sprintf("run %d", i+1))
		note := fmt.Sprintf("%s asked %s/s, achieved %s/s, fell %s behind schedule", part,
			Num(s.AskedRate, 1), Num(s.AchievedRate, 1), Seconds(s.BehindScheduleMs/1e3))
		if s.RateNote != "" {
			note += " (" + s.RateNote + ")"
		}
		notes = append(notes, note)
	}
	return strings.Join(notes, "; ")
}

// mergeEngines joins the engines' accounts (nil when no run has one): why
// each ended (each reason once), the longest drain, the largest behind
// limit, workers added (the parts ran side by side).
func mergeEngines(sums []*Summary) *EngineFigures {
	var m *EngineFigures
	var ended []string
	for _, s := range sums {
		e := s.Engine
		if e == nil {
			continue
		}
		if m == nil {
			m = &EngineFigures{}
		}
		if e.Ended != "" && !slices.Contains(ended, e.Ended) {
			ended = append(ended, e.Ended)
		}
		m.DrainS, m.BehindLimitMs = max(m.DrainS, e.DrainS), max(m.BehindLimitMs, e.BehindLimitMs)
		m.Workers += e.Workers
		m.WorkersStarted += e.WorkersStarted
	}
	if m != nil {
		m.Ended = strings.Join(ended, ", ")
	}
	return m
}
