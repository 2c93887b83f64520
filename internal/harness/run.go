package harness

import (
	"context"
	"errors"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/disload/disload/internal/metrics"
)

// Source produces the events to send.
type Source interface {
	// Fill writes the next event into ev, reusing the capacity of
	// ev.Payload. It is called from one goroutine at a time.
	Fill(ev *Event)
}

// SourceFunc adapts a function to Source.
type SourceFunc func(ev *Event)

// Fill calls f(ev).
func (f SourceFunc) Fill(ev *Event) { f(ev) }

// Option adjusts a Run.
type Option func(*options)

type options struct {
	every    time.Duration
	progress func(Status)
	hurry    <-chan struct{}
}

// WithHurry ends the grace period after the stop as soon as hurry is
// closed: deliveries still in flight are canceled and, if their target
// does not return at once, abandoned (a second interrupt).
func WithHurry(hurry <-chan struct{}) Option {
	return func(o *options) { o.hurry = hurry }
}

// WithProgress calls fn with a Status every interval while the run goes on
// (sending and draining), from one goroutine, never after Run returns.
func WithProgress(every time.Duration, fn func(Status)) Option {
	return func(o *options) {
		if every > 0 && fn != nil {
			o.every, o.progress = every, fn
		}
	}
}

// RunInfo is how the run went as a whole; the per-event results are in the
// metrics.Collector.
type RunInfo struct {
	Started time.Time     // when the clock started (after the prefetch)
	Elapsed time.Duration // the sending window: start to stop
	Drain   time.Duration // stop to return: waiting for in-flight deliveries
	// Ended says why the run stopped: "duration", "max events", "pacer
	// finished" or "interrupted".
	Ended       string
	Interrupted bool // ctx was canceled before the natural end

	Scheduled int64 // events due before the stop: the pacer's schedule (closed loop: events taken)
	Sent      int64 // deliveries started (each is in the collector as ok or failed)
	Dropped   int64 // on_full drop: due while the in-flight cap was full, never sent
	Unsent    int64 // due before the stop but not sent by then (the engine was behind)
	Abandoned int64 // deliveries still in flight after Grace: class "interrupted"

	AskedRate    float64 // mean events/s the schedule asked for; 0 closed loop without a pacer
	AchievedRate float64 // Sent / Elapsed
	// RateHeld is true when AchievedRate >= 99% of AskedRate and MaxBehind
	// <= BehindLimit (always true without a schedule).
	RateHeld     bool
	MaxBehind    time.Duration // worst lag of a start (or of an unsent event) behind its intended start
	BehindLimit  time.Duration // BehindBound(AskedRate)
	BehindReason string        // why the schedule slipped, when it did
	Workers      int           // the most worker goroutines running at once
	// WorkersStarted counts the worker goroutines started in all: more than
	// Workers when the open loop retired idle workers and later needed more.
	WorkersStarted int
}

// maxWorkQueue bounds the open loop's hand-off queue.
const maxWorkQueue = 1 << 12

// Reasons a run ends (the cause of the run context).
var (
	errDuration  = errors.New("duration")
	errMaxEvents = errors.New("max events")
	errPacerDone = errors.New("pacer finished")
)

// Run sends events from src to tgt as cfg says, records every result in
// col, and returns when the run has stopped and its deliveries are done or
// abandoned (at most Grace plus SettleTime after the stop, whatever the
// target does). Run neither starts nor closes tgt: its owner does, once
// (Start).
//
// The run stops at cfg.Duration, after cfg.MaxEvents, when the pacer stops,
// or when ctx is canceled (RunInfo.Interrupted). Cancelling ctx does not
// cancel deliveries in flight: they get Grace to finish.
func Run(ctx context.Context, cfg Config, src Source, tgt Target, col *metrics.Collector, opts ...Option) (*RunInfo, error) {
	cfg = cfg.WithDefaults()
	if err := errors.Join(cfg.Validate(), checkParts(src, tgt, col)); err != nil {
		return nil, err
	}
	r := newRunner(cfg, src, tgt, col, opts)
	cleanup := r.begin(ctx)
	defer cleanup()
	r.produce()
	r.finish()
	return r.info(), nil
}

func checkParts(src Source, tgt Target, col *metrics.Collector) error {
	var errs []error
	if src == nil {
		errs = append(errs, errors.New("source: required"))
	}
	if tgt == nil {
		errs = append(errs, errors.New("target: required"))
	}
	if col == nil {
		errs = append(errs, errors.New("collector: required"))
	}
	return errors.Join(errs...)
}

// runner is one run's state. Fields below "live" are read by Status from
// another goroutine; the rest belong to the goroutine that called Run.
type runner struct {
	cfg  Config
	src  Source
	tgt  Target
	col  *metrics.Collector
	opt  options
	feed *feed

	start   time.Time
	runCtx  context.Context         // done at the stop
	stopRun context.CancelCauseFunc // ends the run with a reason
	stopped <-chan struct{}         // runCtx.Done()
	del     *Deliverer              // invokes the target

	work      chan job      // open loop: admitted events (and quit orders) for the workers
	freed     chan struct{} // open loop, queue: a delivery ended
	workers   []*worker     // not yet reaped (see pool.go)
	spareRecs []*metrics.Recorder
	started   int // workers spawned
	peak      int // most workers alive at once
	wg        sync.WaitGroup
	claimed   atomic.Int64 // closed loop: events taken
	delivered atomic.Int64 // closed loop: events whose delivery finished

	stopAt, drain    time.Duration
	capWait, genWait time.Duration // the dispatcher's time blocked, by cause
	abandoned        int64
	behindMu         sync.Mutex // orders updates of maxBehind with maxCause
	maxCause         int32      // the cause at maxBehind
	quitProgress     chan struct{}
	progressDone     chan struct{}
	quitFlush        chan struct{}
	flushDone        chan struct{}

	live
}

// live holds the counters Status reads while the run goes on.
type live struct {
	scheduled, sent, done, dropped, unsent atomic.Int64
	inFlight                               atomic.Int64
	pending                                atomic.Int64 // intended start of the event the dispatcher waits to send; -1 none
	lag                                    atomic.Int64 // lag of the latest dispatch, ns
	maxBehind                              atomic.Int64 // ns
	cause                                  atomic.Int32 // why the dispatcher waits (a cause*)
	idle                                   atomic.Int64 // open loop: see pool.go
	retiring                               atomic.Int64 // open loop: quit orders not yet taken
	nworkers                               atomic.Int32 // worker goroutines running
	svcSum, svcN                           atomic.Int64 // service times of finished workers
}

func newRunner(cfg Config, src Source, tgt Target, col *metrics.Collector, opts []Option) *runner {
	r := &runner{cfg: cfg, src: src, tgt: tgt, col: col}
	for _, o := range opts {
		o(&r.opt)
	}
	r.pending.Store(-1)
	r.feed = newFeed(src, cfg.Prefetch, min(cfg.Concurrency, math.MaxInt32)+1)
	if r.openLoop() {
		// Room for the jobs and quit orders on their way to workers that
		// exist (pool.go), bounded so that the cap costs no memory.
		r.work = make(chan job, min(2*cfg.Concurrency, maxWorkQueue))
		r.freed = make(chan struct{}, 1)
	}
	return r
}

// openLoop reports whether a dispatcher follows a schedule (open mode, or
// closed mode capped by a pacer).
func (r *runner) openLoop() bool { return r.cfg.Mode == Open || r.cfg.Pacer != nil }

// begin fills the prefetch buffer, starts the clock, the generator and the
// progress reporter, and returns the cleanup to run when Run returns.
func (r *runner) begin(ctx context.Context) (cleanup func()) {
	r.feed.prefill(ctx.Done()) // an interrupt during it ends the run at once
	go r.feed.run()
	r.start = time.Now()
	r.col.MarkStart(r.start)
	base, stop := context.WithCancelCause(ctx)
	r.runCtx, r.stopRun = base, stop
	cancelDeadline := context.CancelFunc(func() {})
	if r.cfg.Duration > 0 {
		r.runCtx, cancelDeadline = context.WithDeadlineCause(base, r.start.Add(r.cfg.Duration), errDuration)
	}
	r.stopped = r.runCtx.Done()
	r.del = NewDeliverer(ctx, r.tgt, r.cfg.Timeout, r.cfg.Grace)
	r.startProgress()
	r.startFlusher()
	return func() {
		cancelDeadline()
		stop(nil)
		r.del.Cancel()
	}
}

// produce sends until the stop.
func (r *runner) produce() {
	if r.openLoop() {
		r.dispatch()
	} else {
		r.closedLoop()
	}
}

// markStop notes when sending stopped. A stop by the deadline is at
// Duration, however late the timer fired.
func (r *runner) markStop() {
	r.stopAt = r.since()
	if r.cfg.Duration > 0 {
		r.stopAt = min(r.stopAt, r.cfg.Duration)
	}
}

// since is the run's clock: the time since the start, monotonic.
func (r *runner) since() time.Duration { return time.Since(r.start) }

// endReason names why the run stopped and whether it was interrupted.
func (r *runner) endReason() (string, bool) {
	cause := context.Cause(r.runCtx)
	for _, e := range []error{errDuration, errMaxEvents, errPacerDone} {
		if errors.Is(cause, e) {
			return e.Error(), false
		}
	}
	return "interrupted", true
}
