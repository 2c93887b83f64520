package live

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/disload/disload/internal/redact"
	"github.com/disload/disload/internal/reports"
)

// sink is a place metrics are pushed to.
type sink interface {
	// Kind names the sink in warnings and in summary.json ("prometheus-rw", "otlp").
	Kind() string
	// URL is the sink's address, secrets redacted.
	URL() string
	// Push sends one gathering, taken at the given time.
	Push(ctx context.Context, fams []*dto.MetricFamily, at time.Time) error
}

// queueLen bounds the gatherings waiting for a slow sink; past it the
// oldest waiting one is dropped (and counted): a later one holds newer
// totals of the same counters.
const queueLen = 4

// pushTimeout bounds one push; finalWait bounds the last push at the end
// (the run's end waits for it, no longer).
const (
	pushTimeout = 5 * time.Second
	finalWait   = 3 * time.Second
)

// gathering is one reading of every metric.
type gathering struct {
	fams []*dto.MetricFamily
	at   time.Time
}

// pusher gathers the registry every period and pushes to one sink from its
// own goroutine: the load never waits for it.
type pusher struct {
	sink  sink
	reg   prometheus.Gatherer
	every time.Duration
	warn  *warner

	queue  chan gathering
	quit   chan struct{}
	ctx    context.Context // canceled by stop: a push under way ends
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu                      sync.Mutex
	started                 bool
	pushed, failed, dropped int64
	lastErr                 string
}

func newPusher(s sink, reg prometheus.Gatherer, every time.Duration, w *warner) *pusher {
	ctx, cancel := context.WithCancel(context.Background())
	return &pusher{sink: s, reg: reg, every: every, warn: w,
		queue: make(chan gathering, queueLen), quit: make(chan struct{}), ctx: ctx, cancel: cancel}
}

func (p *pusher) start() {
	p.mu.Lock()
	p.started = true
	p.mu.Unlock()
	p.wg.Add(2)
	go p.tick()
	go p.send()
}

// tick enqueues a gathering every period.
func (p *pusher) tick() {
	defer p.wg.Done()
	t := time.NewTicker(p.every)
	defer t.Stop()
	for {
		select {
		case <-p.quit:
			return
		case <-t.C:
			p.enqueue()
		}
	}
}

func (p *pusher) enqueue() {
	g, err := p.gather()
	if err != nil {
		p.fail(err)
		return
	}
	for {
		select {
		case p.queue <- g:
			return
		default:
		}
		select {
		case <-p.queue:
			p.count(&p.dropped)
		default:
		}
	}
}

func (p *pusher) gather() (gathering, error) {
	fams, err := p.reg.Gather()
	return gathering{fams: fams, at: time.Now()}, err
}

// send pushes what is queued until quit, then returns.
func (p *pusher) send() {
	defer p.wg.Done()
	for {
		select {
		case <-p.quit:
			return
		case g := <-p.queue:
			select {
			case <-p.quit: // stopping: the final push supersedes g
				return
			default:
				p.push(p.ctx, g, pushTimeout)
			}
		}
	}
}

func (p *pusher) push(parent context.Context, g gathering, timeout time.Duration) {
	ctx, cancel := context.WithTimeout(parent, timeout)
	defer cancel()
	if err := p.sink.Push(ctx, g.fams, g.at); err != nil {
		if parent.Err() != nil {
			return // cut by stop, superseded by the final push
		}
		p.fail(err)
		return
	}
	p.count(&p.pushed)
}

func (p *pusher) count(n *int64) {
	p.mu.Lock()
	*n++
	p.mu.Unlock()
}

func (p *pusher) fail(err error) {
	p.mu.Lock()
	p.failed++
	p.lastErr = oneLine(redact.Text(err.Error()))
	msg := p.lastErr
	p.mu.Unlock()
	p.warn.once(p.sink.Kind(), fmt.Sprintf("metrics sink %s %s: %s (the run goes on; failures are counted in summary.json live_metrics)",
		p.sink.Kind(), p.sink.URL(), msg))
}

// stop ends the ticks, drops what is still queued (the final push holds
// newer totals), makes the final push and returns the sink's figures.
func (p *pusher) stop() reports.LiveSink {
	close(p.quit)
	p.cancel()
	p.wg.Wait()
	for len(p.queue) > 0 {
		<-p.queue // superseded by the final push's newer totals
	}
	p.mu.Lock()
	started := p.started
	p.mu.Unlock()
	if started { // else the run's set-up failed: nothing to push
		p.final()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return reports.LiveSink{Kind: p.sink.Kind(), URL: p.sink.URL(), Pushes: p.pushed,
		Failures: p.failed, Dropped: p.dropped, LastError: p.lastErr}
}

// final pushes the final totals, waiting at most finalWait.
func (p *pusher) final() {
	g, err := p.gather()
	if err != nil {
		p.fail(err)
		return
	}
	p.push(context.Background(), g, finalWait)
}

// warner prints one warning line per kind.
type warner struct {
	mu   sync.Mutex
	w    io.Writer
	seen map[string]bool
}

func (w *warner) once(kind, msg string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.w == nil || w.seen[kind] {
		return
	}
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	w.seen[kind] = true
	fmt.Fprintf(w.w, "warning: %s\n", oneLine(msg))
}

// oneLine flattens a message for a warning line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
