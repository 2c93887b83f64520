package hlog

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/disload/disload/internal/metrics"
)

// LengthTolerance is how much interval lengths may differ (timestamps in a
// log are written to the millisecond).
const LengthTolerance = time.Millisecond

// maxSlots bounds how many intervals a merge may span (12 days of 1 s
// intervals): logs or summaries further apart are not parts of one run.
const maxSlots = 1 << 20

// Merge adds interval logs up exactly and writes the result as
// one log: intervals are aligned by wall-clock time onto a grid that starts
// at the earliest interval of all the logs (an interval goes to the grid
// slot nearest its start), and histograms of the same slot and tag are
// merged, never averaged. Every slot that holds data is written, with each
// tag seen (an empty histogram where no log had one); a slot no log had is
// left out, as the HdrHistogram log format allows, so two runs days apart
// merge into a small log. All
// intervals must have the same length.
func Merge(dst io.Writer, logs ...io.Reader) error {
	parsed := make([]*Log, len(logs))
	for i, r := range logs {
		l, err := Read(r)
		if err != nil {
			return fmt.Errorf("histogram log %d: %w", i+1, err)
		}
		parsed[i] = l
	}
	return MergeLogs(dst, parsed, time.Time{})
}

// MergeLogs merges parsed logs into dst (see Merge) on a grid starting
// at origin (zero: at the earliest interval), so that a merged log can
// share the grid of the merged summaries.
func MergeLogs(dst io.Writer, logs []*Log, origin time.Time) error {
	var all []Interval
	for _, l := range logs {
		all = append(all, l.Intervals...)
	}
	g, err := newLogGrid(all)
	if err != nil {
		return err
	}
	switch {
	case !origin.IsZero():
		g.start = origin
	case len(all) == 0:
		g.start = earliestStart(logs)
	}
	if err := g.add(all); err != nil {
		return err
	}
	if err := CheckSpan(g.min, g.max, g.width); err != nil {
		return fmt.Errorf("histogram logs: %w", err)
	}
	return g.write(dst)
}

// logGrid accumulates intervals by (slot, tag).
type logGrid struct {
	start    time.Time
	width    time.Duration
	tags     []string
	slots    map[int64]map[string]*hdrhistogram.Histogram
	min, max int64
}

func newLogGrid(all []Interval) (*logGrid, error) {
	g := &logGrid{slots: map[int64]map[string]*hdrhistogram.Histogram{}}
	for i, iv := range all {
		if i == 0 || iv.Start.Before(g.start) {
			g.start = iv.Start
		}
		if i == 0 {
			g.width = iv.Length
		}
		if d := iv.Length - g.width; d > LengthTolerance || d < -LengthTolerance {
			return nil, fmt.Errorf("histogram logs: interval lengths differ (%s and %s): cannot align them", g.width, iv.Length)
		}
		if !slices.Contains(g.tags, iv.Tag) {
			g.tags = append(g.tags, iv.Tag)
		}
	}
	if len(all) > 0 && g.width <= 0 {
		return nil, fmt.Errorf("histogram logs: interval length %s: want a positive length", g.width)
	}
	return g, nil
}

// slot returns the grid slot nearest to t.
func (g *logGrid) slot(t time.Time) int64 {
	return NearestSlot(t.Sub(g.start), g.width)
}

func (g *logGrid) add(all []Interval) error {
	for i, iv := range all {
		s := g.slot(iv.Start)
		if i == 0 || s < g.min {
			g.min = s
		}
		if i == 0 || s > g.max {
			g.max = s
		}
		byTag := g.slots[s]
		if byTag == nil {
			byTag = map[string]*hdrhistogram.Histogram{}
			g.slots[s] = byTag
		}
		if byTag[iv.Tag] == nil {
			if disloadGeometry(iv.Hist) {
				byTag[iv.Tag] = iv.Hist // adopted: the parsed logs are the merge's own
				continue
			}
			byTag[iv.Tag] = metrics.NewHistogram()
		}
		if lost := byTag[iv.Tag].Merge(iv.Hist); lost > 0 {
			return fmt.Errorf("histogram logs: %d values of the interval at %s are beyond disload's range (%dns..%dns)",
				lost, iv.Start.Format(time.RFC3339Nano), metrics.LowestNs, metrics.HighestNs)
		}
	}
	return nil
}

func (g *logGrid) write(dst io.Writer) error {
	startMs := g.start.UnixMilli()
	lw := hdrhistogram.NewHistogramLogWriter(dst)
	if err := writeLogHeader(lw, startMs, startMs-startMs%1000); err != nil {
		return fmt.Errorf("histogram log: %w", err)
	}
	if len(g.slots) == 0 {
		return nil
	}
	empty := metrics.NewHistogram()
	for _, s := range slices.Sorted(maps.Keys(g.slots)) {
		from := g.start.Add(time.Duration(s) * g.width)
		for _, tag := range g.tags {
			h := g.slots[s][tag]
			if h == nil {
				h = empty
			}
			if err := writeInterval(lw, h, tag, from, from.Add(g.width)); err != nil {
				return fmt.Errorf("histogram log: %w", err)
			}
		}
	}
	return nil
}

// earliestStart is the earliest #[StartTime] of the logs (the epoch when
// none has one).
func earliestStart(logs []*Log) time.Time {
	start := time.Unix(0, 0).UTC()
	found := false
	for _, l := range logs {
		if !l.Start.IsZero() && (!found || l.Start.Before(start)) {
			start, found = l.Start, true
		}
	}
	return start
}

// CheckSpan refuses a merge whose slots first..last span more than
// maxSlots intervals (a hand-edited or foreign file, not parts of one run).
func CheckSpan(first, last int64, width time.Duration) error {
	if n := last - first + 1; n > maxSlots {
		return fmt.Errorf("the runs span %d intervals of %s (more than %d): they cannot be parts of one run",
			n, width, maxSlots)
	}
	return nil
}

// disloadGeometry reports whether h has the range and precision of the
// histograms disload records.
func disloadGeometry(h *hdrhistogram.Histogram) bool {
	return h.LowestTrackableValue() == metrics.LowestNs && h.HighestTrackableValue() == metrics.HighestNs &&
		h.SignificantFigures() == metrics.SignificantFigures
}
