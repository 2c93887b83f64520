package trigger

import (
	"sync/atomic"
	"time"

	"github.com/disload/disload/internal/harness"
)

// partition is one partition's producer, read cursor and figures. The
// poller goroutine owns recs; everything read by other goroutines is
// atomic.
type partition struct {
	id        int
	prod      producer
	asked     float64 // records/s asked of the producer
	limitHit  bool
	meanBytes float64 // mean record size of the sample taken for the byte limit
	first     int64   // the cursor at the start

	cursor  atomic.Int64 // next record to pull
	blocked atomic.Int32 // batches that failed every retry and hold the partition
	done    chan struct{}

	attempted, duplicates, succeeded atomic.Int64
	skipped, undelivered, bytes      atomic.Int64
	maxLag, maxLagNs, maxAge, winAge atomic.Int64
	winTrough                        atomic.Int64 // lowest lag left by a pull since the last sample

	recs recBuf
	pull Pull // the poller's, handed to the Format
}

// noteLag keeps the largest lag seen.
func (p *partition) noteLag(records int64, age time.Duration) {
	atomicMax(&p.maxLag, records)
	atomicMax(&p.maxLagNs, int64(age))
}

// noteAge keeps the largest iterator age seen, over the run and in the
// current sampling interval.
func (p *partition) noteAge(age time.Duration) {
	atomicMax(&p.maxAge, int64(age))
	atomicMax(&p.winAge, int64(age))
}

func atomicMin(a *atomic.Int64, v int64) {
	for {
		old := a.Load()
		if v >= old || a.CompareAndSwap(old, v) {
			return
		}
	}
}

func atomicMax(a *atomic.Int64, v int64) {
	for {
		old := a.Load()
		if v <= old || a.CompareAndSwap(old, v) {
			return
		}
	}
}

// recBuf holds records generated but not yet pulled: the sample taken for
// the byte limit, or a record a pull left for max_fetch_bytes.
type recBuf struct {
	data []byte
	ends []int // end offset of each record in data
	keys []string
	seqs []int64
}

func (b *recBuf) len() int { return len(b.ends) }

func (b *recBuf) record(i int) []byte {
	start := 0
	if i > 0 {
		start = b.ends[i-1]
	}
	return b.data[start:b.ends[i]]
}

// gen appends partition p's next record.
func (b *recBuf) gen(s Stream, p int) {
	data, key, seq := s.Next(p, b.data)
	b.data = data
	b.ends = append(b.ends, len(data))
	b.keys = append(b.keys, key)
	b.seqs = append(b.seqs, seq)
}

// take makes sure the first records of the batch exist and returns how
// many the pull takes: up to want, within maxBytes (at least one record).
func (b *recBuf) take(s Stream, p, want, maxBytes int) (n int, bytes int64) {
	for n < want {
		if n == b.len() {
			b.gen(s, p)
		}
		size := int64(len(b.record(n)))
		if n > 0 && bytes+size > int64(maxBytes) {
			break
		}
		bytes += size
		n++
	}
	return n, bytes
}

// drop removes the first n records.
func (b *recBuf) drop(n int) {
	cut := b.ends[n-1]
	b.data = b.data[:copy(b.data, b.data[cut:])]
	rest := copy(b.ends, b.ends[n:])
	for i := range rest {
		b.ends[i] -= cut
	}
	b.ends = b.ends[:rest]
	b.keys = b.keys[:copy(b.keys, b.keys[n:])]
	b.seqs = b.seqs[:copy(b.seqs, b.seqs[n:])]
}

// job is one batch on its way to the target.
type job struct {
	p      *partition
	buf    []byte
	ev     harness.Event
	first  int64         // index of the batch's first record
	pulled time.Duration // when the batch was pulled
}

// poll is partition p's poller: it pulls a batch whenever the partition has
// records and may take one, and waits Poll after a pull that drained it.
func (r *runner) poll(p *partition) {
	defer r.pollers.Done()
	t := time.NewTimer(time.Hour)
	t.Stop()
	next := time.Duration(0)
	for r.sleepUntil(t, next) {
		now := r.since()
		if p.blocked.Load() > 0 {
			next = now + r.cfg.Poll
			continue
		}
		n, more, ok := r.pull(p, now)
		if !ok {
			return
		}
		if n > 0 && r.cfg.Serial {
			select {
			case <-p.done:
			case <-r.stop:
				return
			}
		}
		if r.since() >= r.cfg.Duration && p.cursor.Load() >= p.prod.total() {
			return // drained after the producers stopped
		}
		next = now + r.cfg.Poll
		if more {
			next = r.since()
		}
	}
}

// sleepUntil waits until run time at; false when the run stopped first.
func (r *runner) sleepUntil(t *time.Timer, at time.Duration) bool {
	d := at - r.since()
	if d <= 0 {
		select {
		case <-r.stop:
			return false
		default:
			return true
		}
	}
	t.Reset(d)
	select {
	case <-r.stop:
		t.Stop()
		return false
	case <-t.C:
		select {
		case <-r.stop: // both ready: the stop wins
			return false
		default:
			return true
		}
	}
}

// pull takes partition p's next batch at now and hands it to a worker. It
// returns the batch's size (0: nothing to pull), whether records remain
// after it, and false when the run stopped before a worker took it.
func (r *runner) pull(p *partition, now time.Duration) (n int, more, ok bool) {
	cur := p.cursor.Load()
	lag, age := p.prod.lagAt(now, cur)
	p.noteLag(lag, age)
	if lag == 0 {
		return 0, false, true
	}
	n, bytes := p.recs.take(r.stream, p.id, int(min(int64(r.cfg.BatchSize), lag)), r.cfg.MaxFetchBytes)
	j := r.getJob()
	j.p, j.first, j.pulled = p, cur, now
	j.buf = r.encode(j.buf[:0], p, n, now, cur, cur+int64(n))
	atomicMax(&r.maxEvent, int64(len(j.buf)))
	p.recs.drop(n)
	p.cursor.Store(cur + int64(n))
	atomicMin(&p.winTrough, lag-int64(n))
	j.ev = harness.Event{Index: r.pulls.Add(1) - 1, Partition: p.id, Payload: j.buf, Records: n, PayloadBytes: bytes}
	if !r.submit(j) {
		p.cursor.Store(cur) // the run stopped: the batch was never delivered
		r.unsent.Add(1)
		return n, false, false
	}
	return n, lag > int64(n), true
}

// encode appends, in the run's Format, the event of p's first n buffered
// records (the first is the partition's record first), pulled at now,
// after which the partition's cursor is next.
func (r *runner) encode(dst []byte, p *partition, n int, now time.Duration, first, next int64) []byte {
	_, behind := p.prod.lagAt(now, next)
	// The poller's own Pull, reused: one per pull would escape to the heap
	// through the Format interface.
	p.pull = Pull{Partition: p.id, PulledAt: r.wallMs + now.Milliseconds(), Behind: behind,
		recs: &p.recs, n: n, first: first, prod: &p.prod, wallMs: r.wallMs}
	return r.cfg.Format.AppendEvent(dst, &p.pull)
}
