package reports

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

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
	for _, t := range ts {
		if t.Verdict != "" && !slices.Contains(verdicts, t.Verdict) {
			verdicts = append(verdicts, t.Verdict)
		}
		m.MaxLagMs = max(m.MaxLagMs, t.MaxLagMs)
		m.FinalLagRecords += t.FinalLagRecords
		m.MaxSustainableRecordsPerS += t.MaxSustainableRecordsPerS
		m.Duplicates += t.Duplicates
		m.SkippedRecords += t.SkippedRecords
		m.UndeliveredRecords += t.UndeliveredRecords
		m.Abandoned += t.Abandoned
		m.LagSlope += t.LagSlope
	}
	m.Verdict = strings.Join(verdicts, "; ")
	if err := m.mergeEndToEnd(ts); err != nil {
		return nil, err
	}
	m.Partitions = mergePartitions(ts)
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
func mergePartitions(ts []*Trigger) []PartitionFigures {
	byIndex := map[int]*PartitionFigures{}
	for _, t := range ts {
		for _, p := range t.Partitions {
			d := byIndex[p.Partition]
			if d == nil {
				c := p
				byIndex[p.Partition] = &c
				continue
			}
			d.Produced += p.Produced
			d.Delivered += p.Delivered
			d.Attempted += p.Attempted
			d.Skipped += p.Skipped
			d.FinalLag += p.FinalLag
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
	return out
}

// mergeLag re-bases each run's lag timeline on the merged start and sorts
// the points by time, then partition.
func mergeLag(ts []*Trigger, offsets []time.Duration) []LagPoint {
	var out []LagPoint
	for i, t := range ts {
		for _, p := range t.Lag {
			p.TS = (offsets[i] + secondsDur(p.TS)).Seconds()
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
