package function

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/rpc"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/disload/disload/internal/harness"
)

// requestIDKey is the canonical form of X-CFF-Request-Id.
var requestIDKey = http.CanonicalHeaderKey("X-CFF-Request-Id")

// errClosed ends waits when the pool shuts down.
var errClosed = errors.New("function pool closed")

// Pool is a set of function instances behind one harness.Target: it starts
// the binary (or attaches to a running runtime), keeps every instance to
// ConcurrencyPerInstance calls at once, scales out up to Instances.Max when
// all are busy, restarts crashed and timed-out instances, and classifies
// every call's outcome.
type Pool struct {
	cfg        *config
	ids        *idGen
	reqs       sync.Pool // *InvokeRequest with a private header
	timers     sync.Pool // *time.Timer
	failStreak atomic.Int32
	logs       *logBudget // what the instance log files may still take
	reaper     reaper     // kills the instances' groups if disload dies first

	mu           sync.Mutex
	idle         []*proc      // free call slots (an instance appears once per free slot)
	waiters      []chan *proc // Invokes waiting for a slot, first come first served
	slots        []*slot      // instances ever created (each may be restarted)
	starting     int          // instances being started or restarted
	live         int          // healthy instances
	coldStarts   []time.Duration
	peak         int           // most healthy instances at once
	queued       int64         // calls that waited for an instance at Instances.Max
	longestQueue time.Duration // their longest wait
	warnedQueue  bool          // OnLongQueue was called
	pids         []int         // every process started
	err          error         // fatal error
	started      bool
	closed       bool
	ready        chan struct{} // closed when Min instances are healthy
	done         chan struct{} // closed on shutdown
	stopAfter    func() bool   // unregisters the Start context hook
	wg           sync.WaitGroup
	rt           runtime // how instances start and are called
}

var (
	_ harness.Target  = (*Pool)(nil)
	_ harness.Starter = (*Pool)(nil)
)

// New validates opts and returns a pool; it starts nothing.
func New(opts Options) (*Pool, error) {
	cfg, err := opts.validate()
	if err != nil {
		return nil, err
	}
	p := &Pool{
		cfg:   cfg,
		rt:    newRuntime(cfg),
		ids:   newIDGen(),
		logs:  newLogBudget(MaxPoolLogBytes),
		ready: make(chan struct{}),
		done:  make(chan struct{}),
	}
	p.reqs.New = func() any {
		h := cfg.header.Clone()
		h[requestIDKey] = []string{""}
		return &InvokeRequest{Header: h}
	}
	p.timers.New = func() any {
		t := time.NewTimer(time.Hour)
		t.Stop()
		return t
	}
	if cfg.Instances.Min == 0 {
		close(p.ready)
	}
	return p, nil
}

// Start starts Instances.Min instances and waits until each answers a
// health check, at most StartTimeout. ctx also bounds the pool's life: once
// it is canceled, calls in flight get one function timeout to finish (no
// call may run longer anyway), then every instance is killed. On failure
// the error tells why, with the instance's last log lines, and the pool is
// shut down; call Close in every case.
func (p *Pool) Start(ctx context.Context) error {
	p.mu.Lock()
	if p.started || p.closed {
		p.mu.Unlock()
		return errors.New("function pool: Start called twice or after Close")
	}
	p.started = true
	for len(p.slots) < p.cfg.Instances.Min {
		p.newSlotLocked()
	}
	p.stopAfter = context.AfterFunc(ctx, p.drain)
	p.mu.Unlock()
	t := time.NewTimer(p.cfg.StartTimeout)
	defer t.Stop()
	select {
	case <-p.ready:
		return nil
	case <-p.done: // Close, a fatal error or ctx
	case <-ctx.Done():
		p.shutdown()
	case <-t.C:
		p.setFatal(p.notReadyError())
	}
	if err := p.Err(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("function %s: start: %w", p.cfg.target(), err)
	}
	return fmt.Errorf("function %s: start: %w", p.cfg.target(), errClosed)
}

// notReadyError describes a Start that ran out of time.
func (p *Pool) notReadyError() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	err := fmt.Errorf("function %s: %d of %d instances healthy after %v%s",
		p.cfg.target(), p.live, p.cfg.Instances.Min, p.cfg.StartTimeout, readyHint(p.cfg.Runtime))
	for _, s := range p.slots {
		if !s.up {
			return fmt.Errorf("%w; instance %d%s", err, s.idx, formatTail(s.log.tail(tailLines)))
		}
	}
	return err
}

// drain shuts the pool down one function timeout from now (or at Close).
func (p *Pool) drain() {
	t := time.NewTimer(p.cfg.timeout)
	defer t.Stop()
	select {
	case <-t.C:
	case <-p.done:
	}
	p.shutdown()
}

// Close stops every instance (SIGTERM to its process group, SIGKILL after a
// grace period) and waits until all are gone. It is safe to call more than
// once.
func (p *Pool) Close() error {
	p.shutdown()
	p.wg.Wait()
	p.reaper.stop()
	p.rt.close()
	p.mu.Lock()
	stop := p.stopAfter
	p.mu.Unlock()
	if stop != nil {
		stop()
	}
	return nil
}

// shutdown marks the pool closed, wakes waiting Invokes and tells every
// instance to stop; it does not wait.
func (p *Pool) shutdown() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	p.closed = true
	close(p.done)
	p.wakeWaitersLocked()
}

// setFatal records the error that makes the pool unusable and shuts it down.
func (p *Pool) setFatal(err error) {
	p.mu.Lock()
	if p.err == nil {
		p.err = err
	}
	p.mu.Unlock()
	p.shutdown()
}

// Err returns the error that made the pool give up (ClassFatal), or nil.
func (p *Pool) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// ColdStarts returns the time from spawn to a healthy instance of every
// start so far: the initial Min instances, scale-outs and restarts.
func (p *Pool) ColdStarts() []time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.coldStarts)
}

// Stats are a pool's figures so far.
type Stats struct {
	MaxInstances  int // Instances.Max in effect
	PeakInstances int // most healthy instances at once
	ColdStarts    int // instance starts: Min, scale-outs and restarts
	// QueuedAtMax counts the calls that waited for a free instance while
	// the pool was at MaxInstances; LongestQueue is their longest wait.
	QueuedAtMax  int64
	LongestQueue time.Duration
}

// Stats returns the pool's figures so far.
func (p *Pool) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return Stats{MaxInstances: p.cfg.Instances.Max, PeakInstances: p.peak, ColdStarts: len(p.coldStarts),
		QueuedAtMax: p.queued, LongestQueue: p.longestQueue}
}

// String names the function (its binary or address) without any setting:
// no environment value or header ever appears in a message.
func (p *Pool) String() string { return "function " + p.cfg.target() }

// GoString is String, so that %#v shows no setting either.
func (p *Pool) GoString() string { return p.String() }

// Instances returns how many instances the pool has created (at most
// Instances.Max; a restarted instance counts once).
func (p *Pool) Instances() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.slots)
}

// LogTail returns the last n lines (at most 50) instance i (0-based, the
// i of LogDir/instance-i.log) wrote to stdout and stderr.
func (p *Pool) LogTail(i, n int) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if i < 0 || i >= len(p.slots) {
		return nil
	}
	return p.slots[i].log.tail(n)
}

// target names the function for messages (never with credentials).
func (c *config) target() string {
	switch {
	case c.addr != "":
		return attachScheme + c.addr
	case c.Runtime == RuntimePython || c.Runtime == RuntimeNode:
		return string(c.Runtime) + ":" + filepath.Join(c.Path, c.Handler)
	case c.Runtime != RuntimeGo:
		return string(c.Runtime) + ":" + c.Path
	}
	return c.Path
}

// timer returns a stopped timer set to fire after the function timeout.
func (p *Pool) timer() *time.Timer {
	t := p.timers.Get().(*time.Timer)
	t.Reset(p.cfg.timeout)
	return t
}

// putTimer stops t and keeps it for reuse.
func (p *Pool) putTimer(t *time.Timer) {
	t.Stop()
	p.timers.Put(t)
}

// newCall sends one Function.Invoke on pr with a fresh request id.
func (p *Pool) newCall(pr *proc, payload []byte) *rpc.Call {
	req := p.reqs.Get().(*InvokeRequest)
	req.Payload = payload
	req.Header[requestIDKey][0] = p.ids.next()
	call := pr.client.invoke(req)
	req.Payload = nil // the request is encoded once Go returns
	p.reqs.Put(req)
	return call
}
