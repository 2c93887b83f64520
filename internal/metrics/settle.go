package metrics

import (
	"math"
	"time"
)

// noPending is a recorder's pending index when its batch is empty.
const noPending = math.MaxInt64

// MarkStart tells the collector when the run's clock started (the time
// results' offsets count from), so that Settled can tell a closed interval.
func (c *Collector) MarkStart(t time.Time) {
	c.mu.Lock()
	c.start = t
	c.mu.Unlock()
}

// Started returns the time given to MarkStart (zero when none).
func (c *Collector) Started() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.start
}

// Settled reports whether interval index is final: the run's clock is past
// its end and no recorder still holds a result of it (or of an earlier
// one). Without MarkStart it is never settled.
func (c *Collector) Settled(index int64) bool {
	c.mu.Lock()
	start, recs := c.start, c.recs
	c.mu.Unlock()
	if start.IsZero() || time.Since(start) < time.Duration(index+1)*c.width {
		return false
	}
	for _, r := range recs {
		if r.pending.Load() <= index {
			return false
		}
	}
	return true
}
