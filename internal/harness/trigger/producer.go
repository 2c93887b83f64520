package trigger

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// producer is one partition's writer, as arithmetic: it writes rate
// records/s from the run's start until end, after backlog records written
// at the same rate before the start. Record k (counting from the oldest
// record of the stream) is written at writeTime(k); written(t) records
// exist at time t.
type producer struct {
	rate    float64       // records/s actually written
	nsPer   float64       // 1e9 / rate
	backlog int64         // records written before the start
	end     time.Duration // when writing stops
}

func newProducer(rate float64, backlog, end time.Duration) producer {
	pr := producer{rate: rate, end: end}
	if rate > 0 {
		pr.nsPer = 1e9 / rate
		pr.backlog = int64(float64(backlog)*rate/1e9 + 1e-6)
	}
	return pr
}

// written returns the number of records written by time t (from the start
// of the run; t < 0 counts as 0, t > end as end): the backlog and the
// records whose writeTime is at most t, so the two always agree.
func (pr *producer) written(t time.Duration) int64 {
	t = min(max(t, 0), pr.end)
	if pr.rate <= 0 || t == 0 {
		return pr.backlog
	}
	n := int64(float64(t) / pr.nsPer) // an estimate, off by one at most
	for n > 0 && pr.after(n-1) > t {
		n--
	}
	for pr.after(n) <= t {
		n++
	}
	return pr.backlog + n
}

// after returns when the j-th record written after the start is written.
func (pr *producer) after(j int64) time.Duration {
	return time.Duration(math.Ceil(float64(j+1) * pr.nsPer))
}

// total is the number of records written by the end.
func (pr *producer) total() int64 { return pr.written(pr.end) }

// writeTime returns when record k was written, from the start of the run
// (at most 0 for the backlog).
func (pr *producer) writeTime(k int64) time.Duration {
	if pr.rate <= 0 {
		return 0
	}
	return pr.after(k - pr.backlog)
}

// lagAt returns a partition's lag at t when its next record to pull is
// cursor: records written but not pulled, and the time since the oldest of
// them was written (0 when none).
func (pr *producer) lagAt(t time.Duration, cursor int64) (records int64, age time.Duration) {
	records = pr.written(t) - cursor
	if records <= 0 {
		return 0, 0
	}
	return records, max(t-pr.writeTime(cursor), 0)
}

// limit is a partition's write limit in records/s given its mean record
// size: the lower of the record and byte limits (+Inf when neither is
// set).
func (c *Config) limit(meanBytes float64) float64 {
	lim := math.Inf(1)
	if c.LimitRecords > 0 {
		lim = float64(c.LimitRecords)
	}
	if c.LimitBytes > 0 && meanBytes > 0 {
		lim = min(lim, float64(c.LimitBytes)/meanBytes)
	}
	return lim
}

// limitWarning says how partition p's asked rate passes the write limit,
// or "" when it does not.
func (c *Config) limitWarning(p int, asked, meanBytes float64) string {
	name := "the limit"
	if c.LimitName != "" {
		name = "the " + c.LimitName + " limit"
	}
	var msg string
	switch {
	case c.LimitRecords > 0 && asked > float64(c.LimitRecords):
		msg = fmt.Sprintf("partition %d asked %s records/s over %s %s/s", p, grouped(asked), name, grouped(float64(c.LimitRecords)))
	case c.LimitBytes > 0 && asked*meanBytes > float64(c.LimitBytes):
		msg = fmt.Sprintf("partition %d asked %s bytes/s (%s records/s of %s B mean) over %s %s B/s",
			p, grouped(asked*meanBytes), grouped(asked), grouped(meanBytes), name, grouped(float64(c.LimitBytes)))
	default:
		return ""
	}
	if c.EnforceLimit {
		msg += fmt.Sprintf(": throttled to %s records/s", grouped(c.limit(meanBytes)))
	}
	return msg
}

// grouped formats v rounded to an integer with thousands separators:
// 1450.2 → "1,450".
func grouped(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) >= 1e18 {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	n := int64(math.Round(v))
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	out := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		out = append(out, '-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
