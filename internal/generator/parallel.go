package generator

import (
	"sync"
	"sync/atomic"
)

// EventStream is what the harness pulls events from: a Source or a
// parallelSource.
type EventStream interface {
	Next(dst []byte) ([]byte, EventMeta)
}

var (
	_ EventStream = (*Source)(nil)
	_ EventStream = (*parallelSource)(nil)
)

// Parallel generation: chunks of chunkEvents consecutive events, chunksAhead
// of them in flight.
const (
	chunkEvents = 32
	chunksAhead = 3
)

// parallelSource generates a Source's events ahead on several goroutines
// and hands them out in order: its Next yields exactly the bytes the
// Source's Next would. Work is split by partition (one partition's events
// depend on each other), so a stream with one hot partition gains little.
// Call Close when done. Like a Source it is not safe for concurrent use.
type parallelSource struct {
	src     *Source
	workers int
	ready   chan *chunk
	free    chan *chunk
	done    chan struct{}
	stopped sync.WaitGroup
	once    sync.Once
	cur     *chunk
	pos     int
}

// chunk is a run of consecutive events and the work split that makes them.
type chunk struct {
	slots [chunkEvents]slot
	tasks [][]int // slot indexes per partition, in event order
	next  atomic.Int64
}

type slot struct {
	p     int
	index int64
	buf   []byte
	meta  EventMeta
}

// newParallel builds a Source from cfg and runs it on workers goroutines
// (at least 1).
func newParallel(cfg Config, workers int) (*parallelSource, error) {
	s, err := New(cfg)
	if err != nil {
		return nil, err
	}
	return s.Parallel(workers), nil
}

// Parallel hands s over to a parallelSource with the given number of
// workers (at least 1); s must not be used directly afterwards.
func (s *Source) Parallel(workers int) *parallelSource {
	ps := &parallelSource{
		src: s, workers: max(workers, 1),
		ready: make(chan *chunk, chunksAhead), free: make(chan *chunk, chunksAhead),
		done: make(chan struct{}),
	}
	for range chunksAhead {
		ps.free <- &chunk{}
	}
	ps.stopped.Add(1)
	go ps.produce()
	return ps
}

// Next appends the next event to dst, exactly as Source.Next would. After
// Close it returns dst unchanged and an EventMeta with Index -1.
func (ps *parallelSource) Next(dst []byte) ([]byte, EventMeta) {
	if ps.cur == nil || ps.pos == chunkEvents {
		if ps.cur != nil {
			ps.free <- ps.cur
			ps.cur = nil
		}
		select {
		case <-ps.done:
			return dst, EventMeta{Index: -1}
		default:
		}
		select {
		case ps.cur = <-ps.ready:
			ps.pos = 0
		case <-ps.done:
			return dst, EventMeta{Index: -1}
		}
	}
	sl := &ps.cur.slots[ps.pos]
	ps.pos++
	return append(dst, sl.buf...), sl.meta
}

// Close stops the generating goroutines and waits for them to end.
func (ps *parallelSource) Close() error {
	ps.once.Do(func() { close(ps.done) })
	ps.stopped.Wait()
	return nil
}

// produce fills chunks in schedule order until Close.
func (ps *parallelSource) produce() {
	defer ps.stopped.Done()
	taskOf := make([]int, len(ps.src.parts))
	for {
		var c *chunk
		select {
		case c = <-ps.free:
		case <-ps.done:
			return
		}
		ps.plan(c, taskOf)
		ps.fill(c)
		select {
		case ps.ready <- c:
		case <-ps.done:
			return
		}
	}
}

// plan takes the next chunkEvents events off the schedule and groups their
// slots by partition.
func (ps *parallelSource) plan(c *chunk, taskOf []int) {
	for i := range c.tasks {
		c.tasks[i] = c.tasks[i][:0]
	}
	c.tasks = c.tasks[:0]
	for i := range taskOf {
		taskOf[i] = -1
	}
	for i := range c.slots {
		p, index := ps.src.nextScheduled()
		c.slots[i].p, c.slots[i].index = p, index
		if taskOf[p] < 0 {
			taskOf[p] = len(c.tasks)
			if len(c.tasks) < cap(c.tasks) {
				c.tasks = c.tasks[:len(c.tasks)+1]
			} else {
				c.tasks = append(c.tasks, nil)
			}
		}
		t := taskOf[p]
		c.tasks[t] = append(c.tasks[t], i)
	}
	c.next.Store(0)
}

// fill makes the chunk's events, partitions shared out among the workers.
func (ps *parallelSource) fill(c *chunk) {
	var wg sync.WaitGroup
	for range min(ps.workers, len(c.tasks)) - 1 {
		wg.Go(func() { ps.work(c) })
	}
	ps.work(c)
	wg.Wait()
}

// work makes the events of partitions taken from the chunk until none is left.
func (ps *parallelSource) work(c *chunk) {
	for {
		t := int(c.next.Add(1)) - 1
		if t >= len(c.tasks) {
			return
		}
		for _, i := range c.tasks[t] {
			sl := &c.slots[i]
			sl.buf, sl.meta = ps.src.parts[sl.p].appendEvent(sl.buf[:0], ps.src.cfg.BatchSize, sl.index)
		}
	}
}
