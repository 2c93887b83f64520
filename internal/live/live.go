// Package live exposes a run's figures while it goes on: a Prometheus
// endpoint to scrape (/metrics), and pushes to a Prometheus remote-write
// receiver or an OpenTelemetry (OTLP/HTTP) collector. Everything is read
// from what the run already keeps (the collector's running total, the
// engine's status): the load's hot path does no extra work, and a slow or
// failing sink never stops or slows the load.
package live

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/harness/trigger"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/redact"
	"github.com/disload/disload/internal/reports"
)

// Config selects the live outputs of a run.
type Config struct {
	// Addr, when set, serves /metrics on HOST:PORT during the run.
	Addr string
	// Linger keeps the endpoint up this long after the run, so that the
	// final figures are scraped (the CLI's default is DefaultLinger).
	Linger time.Duration
	// RemoteWrite, when set, is a Prometheus remote-write URL pushed to
	// every PushEvery.
	RemoteWrite string
	// OTLP, when set, is an OTLP/HTTP metrics URL pushed to every PushEvery.
	OTLP string
	// PushEvery is the push period (default DefaultPushEvery).
	PushEvery time.Duration
	// Warn receives one line per sink failure kind (nil: not printed).
	Warn io.Writer
}

// Defaults of Config.
const (
	DefaultLinger    = 5 * time.Second
	DefaultPushEvery = time.Second
)

// Enabled reports whether any live output is asked for.
func (c Config) Enabled() bool { return c.Addr != "" || c.RemoteWrite != "" || c.OTLP != "" }

// Labels identify a run on every series.
type Labels struct {
	Scenario, Target, Shard, RunID string
}

// Exporter is the live side of one run. Its methods are safe for concurrent
// use; a nil *Exporter does nothing.
type Exporter struct {
	cfg    Config
	reg    *prometheus.Registry
	figs   *figures
	server *server
	pushes []*pusher
	warn   *warner
	once   sync.Once

	attached atomic.Bool // Attach was called: there is a run to linger for
}

// New checks cfg and opens the endpoint, so that a port in use fails the
// run before its load starts. Attach then starts the figures and pushes.
func New(cfg Config) (*Exporter, error) {
	if cfg.Linger < 0 {
		return nil, fmt.Errorf("--metrics-linger: %v is negative", cfg.Linger)
	}
	if cfg.PushEvery <= 0 {
		cfg.PushEvery = DefaultPushEvery
	}
	e := &Exporter{cfg: cfg, reg: prometheus.NewRegistry(), figs: &figures{}, warn: &warner{w: cfg.Warn}}
	var err error
	if cfg.Addr != "" {
		if e.server, err = listen(cfg.Addr, e.reg); err != nil {
			return nil, err
		}
	}
	sinks, err := newSinks(cfg)
	if err != nil {
		e.server.close(0)
		return nil, err
	}
	for _, s := range sinks {
		e.pushes = append(e.pushes, newPusher(s, e.reg, cfg.PushEvery, e.warn))
	}
	return e, nil
}

// Addr is the endpoint's address (HOST:PORT, the port chosen when the
// configured one was 0), "" without an endpoint.
func (e *Exporter) Addr() string {
	if e == nil || e.server == nil {
		return ""
	}
	return e.server.addr()
}

// Attach starts exposing the run whose results col records; an Exporter
// serves one run, attached once (a second Attach does nothing).
func (e *Exporter) Attach(col *metrics.Collector, l Labels) {
	if e == nil || e.attached.Swap(true) {
		return
	}
	l.Target = redact.URL(l.Target)
	e.figs.setCollector(col)
	e.reg.MustRegister(newRunCollector(e.figs, l))
	for _, p := range e.pushes {
		p.start()
	}
}

// Status takes the engine's live status (in flight, rate held).
func (e *Exporter) Status(st harness.Status) {
	if e == nil {
		return
	}
	e.figs.setStatus(st)
}

// CountInstances sets how the function instances are counted (the most
// running at once so far), read at each scrape or push.
func (e *Exporter) CountInstances(count func() int) {
	if e == nil {
		return
	}
	e.figs.setInstances(count)
}

// ObserveLag takes one sampling of the trigger's lag per partition
// (trigger.LagObserver).
func (e *Exporter) ObserveLag(samples []trigger.LagSample) {
	if e == nil {
		return
	}
	e.figs.observeLag(samples)
}

// Finish takes the run's final facts (rate held, trigger partitions), makes
// a last push to every sink and returns the sinks' figures for the summary.
// It waits for pushes at most about one push period more.
func (e *Exporter) Finish(sum *reports.Summary) *reports.LiveMetrics {
	if e == nil {
		return nil
	}
	e.figs.finish(sum)
	out := &reports.LiveMetrics{Endpoint: e.Addr()}
	e.once.Do(func() {
		for _, p := range e.pushes {
			out.Sinks = append(out.Sinks, p.stop())
		}
	})
	return out
}

// Close keeps the endpoint up for the linger (so that the final figures
// are scraped), then stops it. It returns early when stop is closed.
func (e *Exporter) Close(stop <-chan struct{}) {
	if e == nil {
		return
	}
	e.Finish(nil)
	if e.server != nil {
		linger := e.cfg.Linger
		if !e.attached.Load() {
			linger = 0 // the run's set-up failed: no figures to wait for
		}
		e.server.lingerThenClose(linger, stop)
	}
}
