package trigger

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/metrics"
)

// sizeSample is how many records of each partition Run generates before
// the clock starts to learn their mean size, when a byte limit is set.
const sizeSample = 64

// Run produces the stream, feeds tgt as the DIS trigger would and returns
// the lag figures and the verdict. Every invocation is recorded in col
// (Intended: when the batch was pulled; Start, End: the invocation), retries
// counted with Recorder.Retried; col may be nil. Run neither starts nor
// closes tgt: its owner does, once (a target that needs starting must be
// started before Run).
//
// The producers stop at cfg.Duration; consumption goes on for up to
// cfg.Drain more, then the stop protocol of every engine (harness.Stop):
// invocations in flight get cfg.Grace (cut short when cfg.Hurry is
// closed), are canceled, and those whose target does not return are
// abandoned; both are recorded as class interrupted. When ctx is
// canceled, producing and polling stop at once and the Result says
// Interrupted. Errors come only from a bad
// configuration or stream, a target that fails to start, or a target that
// gives up during the run (one with an Err method, such as a function
// pool whose instances fail every start): the run then stops at once
// rather than judge a stream nobody consumes.
func Run(ctx context.Context, cfg Config, stream Stream, tgt harness.Target, col *metrics.Collector) (*Result, error) {
	cfg = cfg.WithDefaults()
	errs := []error{cfg.Validate()}
	if stream == nil {
		errs = append(errs, errors.New("trigger: stream: required"))
	} else {
		errs = append(errs, checkStream(stream))
	}
	if tgt == nil {
		errs = append(errs, errors.New("trigger: target: required"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if col == nil {
		col = metrics.NewCollector(cfg.Interval)
	}
	r := newRunner(cfg, stream, tgt, col)
	r.begin(ctx)
	r.wait(ctx)
	r.finish()
	if err := r.fatalErr(); err != nil {
		return nil, fmt.Errorf("trigger: %s: %w", VerdictGaveUp, err)
	}
	return r.result(), nil
}

// failing is a target that can give up for good (function.Pool).
type failing interface{ Err() error }

// checkFatal stops the run when the target gave up; true when it did.
func (r *runner) checkFatal() bool {
	f, ok := r.tgt.(failing)
	if !ok || f.Err() == nil {
		return false
	}
	r.fatalOnce.Do(func() { close(r.gaveUp) })
	return true
}

// fatalErr is the target's error once it gave up, else nil.
func (r *runner) fatalErr() error {
	select {
	case <-r.gaveUp:
		return r.tgt.(failing).Err()
	default:
		return nil
	}
}

// runner is one run's state.
type runner struct {
	cfg      Config
	stream   Stream
	tgt      harness.Target
	col      *metrics.Collector
	parts    []*partition
	warnings []string
	capacity int

	start  time.Time
	wallMs int64         // the start as Unix milliseconds (cursor timestamps)
	stop   chan struct{} // closed at the stop
	del    *harness.Deliverer

	jobs      chan *job
	jobPool   sync.Pool
	spawned   atomic.Int64
	workersMu sync.Mutex
	workers   []*worker
	workerWG  sync.WaitGroup
	pollers   sync.WaitGroup
	pending   sync.WaitGroup // batches submitted and not yet done with

	pulls, sent, unsent   atomic.Int64 // batches pulled, invocations started, batches pulled but never handed to a worker
	inFlight, maxInFlight atomic.Int64
	maxEvent              atomic.Int64 // bytes of the largest event
	maxCall               atomic.Int64 // ns of the longest invocation
	lateDelivered         atomic.Int64 // records delivered by invocations ending in the window's last half

	timeline    []LagSample // the sampler's until samplerDone
	samplerDone chan struct{}

	gaveUp    chan struct{} // closed when the target gave up
	fatalOnce sync.Once

	window      time.Duration // producing window: Duration, or less when interrupted
	endLag      int64         // total lag at the end of the window
	interrupted bool
	abandoned   int
	drainTime   time.Duration // the stop to the end of the stop protocol
}

// newRunner sets up the partitions: rates within the write limits, the
// backlog, and where reading starts.
func newRunner(cfg Config, stream Stream, tgt harness.Target, col *metrics.Collector) *runner {
	r := &runner{cfg: cfg, stream: stream, tgt: tgt, col: col,
		stop: make(chan struct{}), jobs: make(chan *job), samplerDone: make(chan struct{}), gaveUp: make(chan struct{})}
	for _, id := range stream.Partitions() {
		r.parts = append(r.parts, r.newPartition(id))
	}
	r.capacity = cfg.maxInFlight(len(r.parts))
	if cfg.Duration < 2*cfg.Poll {
		r.warnings = append(r.warnings, fmt.Sprintf(
			"the run (%v) is shorter than two polling intervals (%v): the verdict has little to go on", cfg.Duration, cfg.Poll))
	}
	return r
}

// newPartition sets up partition id: its asked and written rates, its
// backlog and, for LATEST, its first record to pull.
func (r *runner) newPartition(id int) *partition {
	cfg := &r.cfg
	p := &partition{id: id, done: make(chan struct{}, 1), asked: cfg.RecordRate * r.stream.Weight(id)}
	p.winTrough.Store(math.MaxInt64)
	if cfg.LimitBytes > 0 && p.asked > 0 {
		for range sizeSample {
			p.recs.gen(r.stream, id)
		}
		p.meanBytes = float64(len(p.recs.data)) / sizeSample
	}
	rate := p.asked
	if lim := cfg.limit(p.meanBytes); rate > lim {
		p.limitHit = true
		r.warnings = append(r.warnings, cfg.limitWarning(id, p.asked, p.meanBytes))
		if cfg.EnforceLimit {
			rate = lim
		}
	}
	p.prod = newProducer(rate, cfg.Backlog, cfg.Duration)
	if cfg.Iterator == IteratorLatest {
		r.skip(p, p.prod.backlog)
		p.first = p.prod.backlog
	}
	return p
}

// skip discards partition p's first n records (LATEST starts after them).
func (r *runner) skip(p *partition, n int64) {
	if k := min(int64(p.recs.len()), n); k > 0 {
		p.recs.drop(int(k))
		n -= k
	}
	var scratch []byte
	for ; n > 0; n-- {
		scratch, _, _ = r.stream.Next(p.id, scratch[:0])
	}
}

// since is the run's clock: the time since the start, monotonic.
func (r *runner) since() time.Duration { return time.Since(r.start) }

// begin starts the clock, the pollers and the sampler.
func (r *runner) begin(ctx context.Context) {
	r.start = time.Now()
	r.col.MarkStart(r.start)
	r.wallMs = r.start.UnixMilli()
	r.del = harness.NewDeliverer(ctx, r.tgt, r.cfg.Timeout, r.cfg.Grace)
	for _, p := range r.parts {
		p.cursor.Store(p.first)
		r.pollers.Add(1)
		go r.poll(p)
	}
	go r.sample()
}

// wait returns at the stop: the end of the window plus Drain (or earlier,
// when every record has been pulled and handled), or when ctx is canceled.
func (r *runner) wait(ctx context.Context) {
	t := time.NewTimer(r.cfg.Duration)
	defer t.Stop()
	select {
	case <-ctx.Done():
		r.interrupt()
		return
	case <-r.gaveUp:
		r.interrupt()
		return
	case <-t.C:
	}
	r.window = r.cfg.Duration
	r.endLag = r.snapshot(r.window)
	if r.cfg.Drain > 0 {
		t.Reset(r.cfg.Duration + r.cfg.Drain - r.since())
		r.drain(ctx, t.C)
	}
}

// drain waits until deadline, or until the pollers have pulled every
// record (and exited) and every batch has been handled.
func (r *runner) drain(ctx context.Context, deadline <-chan time.Time) {
	// pending gets no Add once the pollers are done: waiting on it is safe.
	for _, wg := range []*sync.WaitGroup{&r.pollers, &r.pending} {
		select {
		case <-ctx.Done():
			r.interrupted = true
			return
		case <-r.gaveUp:
			return
		case <-deadline:
			return
		case <-waitChan(wg):
		}
	}
}

// waitChan returns a channel closed when wg's count reaches zero.
func waitChan(wg *sync.WaitGroup) <-chan struct{} {
	ch := make(chan struct{})
	go func() {
		wg.Wait()
		close(ch)
	}()
	return ch
}

// interrupt ends the window now.
func (r *runner) interrupt() {
	r.interrupted = true
	r.window = min(r.since(), r.cfg.Duration)
	r.endLag = r.snapshot(r.window)
}

// snapshot returns the total lag at t, noting each partition's.
func (r *runner) snapshot(t time.Duration) int64 {
	var total int64
	for _, p := range r.parts {
		lag, age := p.prod.lagAt(t, p.cursor.Load())
		p.noteLag(lag, age)
		total += lag
	}
	return total
}

// finish stops pulling, then runs the stop protocol (harness.Stop): an
// abandoned invocation is a result of class interrupted, and its batch's
// records are undelivered.
func (r *runner) finish() {
	stopAt := r.since()
	close(r.stop)
	r.pollers.Wait()
	close(r.jobs)
	<-r.samplerDone
	stop := harness.Stop{Grace: r.cfg.Grace, Hurry: r.cfg.Hurry, Deliverer: r.del, Now: r.since}
	r.abandoned = stop.Finish(waitChan(&r.workerWG), r.slots, r.reapAbandoned)
	r.drainTime = r.since() - stopAt
}

// slots yields the workers' slots; called once no worker is started any
// more.
func (r *runner) slots(yield func(*harness.Slot) bool) {
	r.workersMu.Lock()
	ws := r.workers
	r.workersMu.Unlock()
	for _, w := range ws {
		if !yield(&w.Slot) {
			return
		}
	}
}

// reapAbandoned counts the records of an abandoned invocation's batch as
// undelivered.
func (r *runner) reapAbandoned(s *harness.Slot) {
	r.workersMu.Lock()
	defer r.workersMu.Unlock()
	for _, w := range r.workers {
		if &w.Slot == s {
			w.cur.p.undelivered.Add(int64(w.cur.ev.Records))
		}
	}
	r.inFlight.Add(-1)
}
