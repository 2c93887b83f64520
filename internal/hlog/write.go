// Package hlog is the HDR interval log of a run (latency.hlog): one
// response-time and one service-time histogram per interval in the
// HdrHistogram log format (V2 compressed, values in nanoseconds), written
// from the recorded intervals (Write), read back with every problem named
// by line (Read), and merged per interval across runs that went on side by
// side (Merge, MergeLogs).
package hlog

import (
	"fmt"
	"io"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/disload/disload/internal/metrics"
)

// File is the name of the HDR interval log in a result directory.
const File = "latency.hlog"

// Tags of the two histograms written per interval.
const (
	TagResponse = "response" // end − intended start (coordinated omission corrected)
	TagService  = "service"  // end − actual start
)

// Timeline is a run's intervals in order; *metrics.Collector is one.
type Timeline interface {
	Each(fn func(*metrics.Interval) error) error
	Width() time.Duration
}

var _ Timeline = (*metrics.Collector)(nil)

// Write writes the run's intervals as an HdrHistogram interval
// log (format 1.3, as read by HistogramLogProcessor and HdrHistogram's log
// readers): a header with the start and base times, then per interval one
// histogram tagged "response" and one tagged "service".
//
// Values are nanoseconds; the per-line max column is in milliseconds. For
// milliseconds from HistogramLogProcessor use -outputValueUnitRatio 1e6.
// Interval timestamps are seconds relative to the base time, which is the
// run's start time truncated to the whole second (the header's precision),
// so readers recover each interval's absolute start exactly.
func Write(w io.Writer, start time.Time, col Timeline) error {
	startMs := start.UnixMilli()
	baseMs := startMs - startMs%1000
	lw := hdrhistogram.NewHistogramLogWriter(w)
	if err := writeLogHeader(lw, startMs, baseMs); err != nil {
		return fmt.Errorf("histogram log: %w", err)
	}
	width := col.Width()
	err := col.Each(func(iv *metrics.Interval) error {
		from := start.Add(time.Duration(iv.Index) * width)
		for _, h := range []struct {
			tag  string
			hist *hdrhistogram.Histogram
		}{{TagResponse, iv.Response}, {TagService, iv.Service}} {
			if err := writeInterval(lw, h.hist, h.tag, from, from.Add(width)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("histogram log: %w", err)
	}
	return nil
}

func writeLogHeader(lw *hdrhistogram.HistogramLogWriter, startMs, baseMs int64) error {
	lw.SetBaseTime(baseMs)
	steps := []func() error{
		lw.OutputLogFormatVersion,
		func() error { return lw.OutputStartTime(startMs) },
		func() error { return lw.OutputBaseTime(baseMs) },
		func() error {
			return lw.OutputComment("[disload latency log: values in nanoseconds; " +
				"tags: response (from intended start), service (from actual start)]")
		},
		lw.OutputLegend,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// writeInterval writes h tagged and stamped with [from, to), leaving h's own
// tag and timestamps as they were.
func writeInterval(lw *hdrhistogram.HistogramLogWriter, h *hdrhistogram.Histogram, tag string, from, to time.Time) error {
	oldTag, oldStart, oldEnd := h.Tag(), h.StartTimeMs(), h.EndTimeMs()
	defer func() {
		h.SetTag(oldTag)
		h.SetStartTimeMs(oldStart)
		h.SetEndTimeMs(oldEnd)
	}()
	h.SetTag(tag)
	h.SetStartTimeMs(from.UnixMilli())
	h.SetEndTimeMs(to.UnixMilli())
	return lw.OutputIntervalHistogram(h)
}
