package reports

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
)

// maxDurationS bounds a run's duration_s and interval_s in a summary read
// back (a year): beyond it a figure is damaged or hand-edited, and reading
// it would size intervals and merges by it.
const maxDurationS = 365 * 24 * 3600

// check reports the problems of a summary read from the file name, one
// line each, "name: field: problem": counts must be non-negative, times
// finite and within range, and every interval must lie within the run. A
// summary disload wrote always passes.
func (s *Summary) check(name string) error {
	var errs []error
	bad := func(field string, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s: %s", name, field, fmt.Sprintf(format, args...)))
	}
	seconds := func(field string, v float64) {
		if math.IsNaN(v) || v < 0 || v > maxDurationS {
			bad(field, "%v: want seconds from 0 to %d", v, maxDurationS)
		}
	}
	seconds("duration_s", s.DurationS)
	seconds("interval_s", s.IntervalS)
	counts := func(prefix string, named map[string]int64) {
		for _, k := range slices.Sorted(maps.Keys(named)) {
			if v := named[k]; v < 0 {
				bad(prefix+k, "%d: a count cannot be negative", v)
			}
		}
	}
	counts("", s.countFields())
	counts("errors.", s.Errors)
	for i := range s.Intervals {
		iv := &s.Intervals[i]
		at := fmt.Sprintf("intervals[%d].", i)
		if math.IsNaN(iv.TS) || iv.TS < 0 || iv.TS > s.DurationS+s.IntervalS {
			bad(at+"t_s", "%v: outside the run (0 to duration_s %v + interval_s %v)", iv.TS, s.DurationS, s.IntervalS)
		}
		counts(at, iv.countFields())
		counts(at+"errors.", iv.Errors)
	}
	return errors.Join(errs...)
}

// countFields are the summary's counts by their JSON names.
func (s *Summary) countFields() map[string]int64 {
	e := &s.Events
	return map[string]int64{"events.sent": e.Sent, "events.ok": e.OK, "events.failed": e.Failed,
		"events.dropped": e.Dropped, "events.retried": e.Retried, "records": s.Records, "payload_bytes": s.PayloadBytes,
		"scheduled": s.Scheduled, "unsent": s.Unsent, "abandoned": s.Abandoned,
		"connections.stale_retries": s.Connections.StaleRetries}
}

// countFields are the interval's counts by their JSON names.
func (f *IntervalFigures) countFields() map[string]int64 {
	out := map[string]int64{}
	f.Counts.Each(func(name string, v *int64) { out[name] = *v })
	return out
}

// countPointers are the summary's counts by their JSON names, to add to.
func (s *Summary) countPointers() map[string]*int64 {
	e := &s.Events
	return map[string]*int64{"events.sent": &e.Sent, "events.ok": &e.OK, "events.failed": &e.Failed,
		"events.dropped": &e.Dropped, "events.retried": &e.Retried, "records": &s.Records, "payload_bytes": &s.PayloadBytes,
		"scheduled": &s.Scheduled, "unsent": &s.Unsent, "abandoned": &s.Abandoned,
		"connections.stale_retries": &s.Connections.StaleRetries}
}

// countPointers are the interval's counts by their JSON names, to add to.
func (f *IntervalFigures) countPointers() map[string]*int64 {
	out := map[string]*int64{}
	f.Counts.Each(func(name string, v *int64) { out[name] = v })
	return out
}

// addCounts adds the named counts src into dst (the same names).
func addCounts(dst map[string]*int64, src map[string]int64) error {
	for _, k := range slices.Sorted(maps.Keys(src)) {
		if err := addCount(dst[k], src[k]); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	return nil
}

// addMap adds the counts of src into dst, by key.
func addMap(dst, src map[string]int64, prefix string) error {
	for _, k := range slices.Sorted(maps.Keys(src)) {
		v := dst[k]
		if err := addCount(&v, src[k]); err != nil {
			return fmt.Errorf("%s%s: %w", prefix, k, err)
		}
		dst[k] = v
	}
	return nil
}

// errOverflow is returned when adding up runs' counts overflows.
var errOverflow = errors.New("the sum overflows a 64-bit count")

// addInt adds b to *a, refusing an overflow (counts kept as int).
func addInt(a *int, b int) error {
	v := int64(*a)
	if err := addCount(&v, int64(b)); err != nil || int64(int(v)) != v {
		return errOverflow
	}
	*a = int(v)
	return nil
}

// addCount adds b to *a, refusing an overflow.
func addCount(a *int64, b int64) error {
	if (b > 0 && *a > math.MaxInt64-b) || (b < 0 && *a < math.MinInt64-b) {
		return errOverflow
	}
	*a += b
	return nil
}
