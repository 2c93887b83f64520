package metrics

import (
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// liveIntervals is how many of the newest intervals the collector keeps as
// full histograms; older ones are packed (HdrHistogram V2 encoding, a few
// kilobytes) so a long run's memory stays flat.
const liveIntervals = 4

// Collector records the results that per-worker Recorders hand it in
// batches into a timeline of intervals and a running total. Workers gather
// results without any lock; the collector's lock is taken once per batch.
type Collector struct {
	width time.Duration

	mu     sync.Mutex
	total  *Interval
	live   map[int64]*Interval
	packed map[int64]*packedInterval
	newest int64
	start  time.Time   // MarkStart
	recs   []*Recorder // every recorder made, for Settled
}

type packedInterval struct {
	counts            Counts
	billedMs          int64
	errors            map[string]int64
	samples           map[string][]string
	response, service []byte
}

// NewCollector returns a collector cutting time into intervals of width
// (1 s when width <= 0).
func NewCollector(width time.Duration) *Collector {
	if width <= 0 {
		width = time.Second
	}
	return &Collector{
		width:  width,
		total:  NewInterval(0),
		live:   map[int64]*Interval{},
		packed: map[int64]*packedInterval{},
		newest: -1,
	}
}

// Width is the interval width.
func (c *Collector) Width() time.Duration { return c.width }

// NewRecorder returns a recorder for one worker goroutine.
func (c *Collector) NewRecorder() *Recorder {
	r := &Recorder{c: c, index: -1, batch: make([]Result, 0, batchSize)}
	r.pending.Store(noPending)
	c.mu.Lock()
	c.recs = append(c.recs, r)
	c.mu.Unlock()
	return r
}

// add records a recorder's batch, all of interval index.
func (c *Collector) add(index int64, batch []Result, dropped, retried int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	iv := c.interval(index)
	for i := range batch {
		iv.Record(&batch[i])
		c.total.Record(&batch[i])
	}
	iv.Dropped += dropped
	iv.Retried += retried
	c.total.Dropped += dropped
	c.total.Retried += retried
	c.evict()
}

// interval returns the live interval index, unpacking it when a late
// worker reports into one already packed.
func (c *Collector) interval(index int64) *Interval {
	if iv, ok := c.live[index]; ok {
		return iv
	}
	iv := NewInterval(index)
	if p, ok := c.packed[index]; ok {
		iv = p.unpack(index)
		delete(c.packed, index)
	}
	c.live[index] = iv
	c.newest = max(c.newest, index)
	return iv
}

// evict packs the live intervals that are liveIntervals behind the newest.
func (c *Collector) evict() {
	for idx, iv := range c.live {
		if idx <= c.newest-liveIntervals {
			c.packed[idx] = pack(iv)
			delete(c.live, idx)
		}
	}
}

func pack(iv *Interval) *packedInterval {
	p := &packedInterval{counts: iv.Counts, billedMs: iv.BilledMs, errors: iv.Errors, samples: iv.Samples}
	// Encoding an in-memory histogram cannot fail: only a broken writer can.
	p.response, _ = iv.Response.EncodeV2()
	p.service, _ = iv.Service.EncodeV2()
	return p
}

func (p *packedInterval) unpack(index int64) *Interval {
	iv := NewInterval(index)
	iv.Counts, iv.BilledMs = p.counts, p.billedMs
	iv.Errors = p.errors
	iv.Samples = p.samples
	if h, err := hdrhistogram.Decode(p.response); err == nil {
		iv.Response = h
	}
	if h, err := hdrhistogram.Decode(p.service); err == nil {
		iv.Service = h
	}
	return iv
}

// Total returns a copy of everything merged so far.
func (c *Collector) Total() *Interval {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total.Clone()
}

// Indexes returns the indexes of the intervals that hold data, in order.
func (c *Collector) Indexes() []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	idx := make([]int64, 0, len(c.live)+len(c.packed))
	for i := range c.live {
		idx = append(idx, i)
	}
	for i := range c.packed {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	return idx
}

// Interval returns a copy of interval index (empty when nothing ended in it).
func (c *Collector) Interval(index int64) *Interval {
	c.mu.Lock()
	defer c.mu.Unlock()
	if iv, ok := c.live[index]; ok {
		return iv.Clone()
	}
	if p, ok := c.packed[index]; ok {
		return p.unpack(index)
	}
	return NewInterval(index)
}

// Each calls fn with every interval from the first that holds data to the
// last, empty ones included, in order, and stops at fn's first error.
func (c *Collector) Each(fn func(*Interval) error) error {
	idx := c.Indexes()
	if len(idx) == 0 {
		return nil
	}
	for i := idx[0]; i <= idx[len(idx)-1]; i++ {
		if err := fn(c.Interval(i)); err != nil {
			return fmt.Errorf("interval %d: %w", i, err)
		}
	}
	return nil
}
