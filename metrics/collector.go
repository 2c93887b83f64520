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

// Collector merges the intervals that per-worker Recorders hand it into a
// timeline and a running total. Workers record without any lock; the
// collector's lock is taken once per worker per interval.
type Collector struct {
	width time.Duration

	mu     sync.Mutex
	total  *Interval
	live   map[int64]*Interval
	packed map[int64]*packedInterval
	newest int64
	pool   sync.Pool
}

type packedInterval struct {
	counts            Counts
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
	c := &Collector{
		width:  width,
		total:  NewInterval(0),
		live:   map[int64]*Interval{},
		packed: map[int64]*packedInterval{},
		newest: -1,
	}
	c.pool.New = func() any { return NewInterval(0) }
	return c
}

// Width is the interval width.
func (c *Collector) Width() time.Duration { return c.width }

// NewRecorder returns a recorder for one worker goroutine.
func (c *Collector) NewRecorder() *Recorder { return &Recorder{c: c} }

func (c *Collector) get(index int64) *Interval {
	iv := c.pool.Get().(*Interval)
	iv.Reset(index)
	return iv
}

// add merges a worker's finished interval and recycles it.
func (c *Collector) add(iv *Interval) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.total.Merge(iv)
	c.mergeTimeline(iv)
	c.pool.Put(iv)
}

func (c *Collector) mergeTimeline(iv *Interval) {
	if live, ok := c.live[iv.Index]; ok {
		live.Merge(iv)
		return
	}
	if p, ok := c.packed[iv.Index]; ok {
		// A late worker: unpack, merge, and pack again (rare).
		u := p.unpack(iv.Index)
		u.Merge(iv)
		c.packed[iv.Index] = pack(u)
		return
	}
	c.live[iv.Index] = iv.Clone()
	c.newest = max(c.newest, iv.Index)
	for idx, old := range c.live {
		if idx <= c.newest-liveIntervals {
			c.packed[idx] = pack(old)
			delete(c.live, idx)
		}
	}
}

func pack(iv *Interval) *packedInterval {
	p := &packedInterval{counts: iv.Counts, errors: iv.Errors, samples: iv.Samples}
	// Encoding an in-memory histogram cannot fail: only a broken writer can.
	p.response, _ = iv.Response.EncodeV2()
	p.service, _ = iv.Service.EncodeV2()
	return p
}

func (p *packedInterval) unpack(index int64) *Interval {
	iv := NewInterval(index)
	iv.Counts = p.counts
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
