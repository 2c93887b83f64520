package generator

import "time"

// defaultStart is the virtual clock's origin when Config.StartTime is zero.
var defaultStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// clock is a partition's virtual clock: record k of the partition happens at
// start + k*step. It never reads the wall clock, so output is reproducible.
type clock struct {
	start int64   // Unix nanoseconds
	step  float64 // nanoseconds between two records of the partition
}

// at returns the Unix-nanosecond time of record k.
func (c clock) at(k int64) int64 { return c.start + int64(float64(k)*c.step) }

// tsFormatter appends RFC 3339 UTC timestamps with milliseconds
// (2026-01-01T00:00:05.123Z), formatting the date and time once per second.
type tsFormatter struct {
	sec    int64
	prefix []byte // "2026-01-01T00:00:05."
}

// appendTS appends the timestamp of the Unix-nanosecond time t.
func (f *tsFormatter) appendTS(b []byte, t int64) []byte {
	sec, ms := floorDiv(t, 1e9), floorMod(t, 1e9)/1e6
	if f.prefix == nil || sec != f.sec {
		f.sec = sec
		f.prefix = time.Unix(sec, 0).UTC().AppendFormat(f.prefix[:0], "2006-01-02T15:04:05.")
	}
	b = append(b, f.prefix...)
	return append(b, byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10), 'Z')
}

// floorDiv divides rounding toward negative infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// floorMod is the remainder matching floorDiv (always in [0, b)).
func floorMod(a, b int64) int64 {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}
