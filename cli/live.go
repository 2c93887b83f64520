package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/pflag"

	"github.com/disload/disload/internal/live"
)

// liveFlags are run's live metrics flags.
type liveFlags struct {
	addr, remoteWrite, otlp string
	linger                  time.Duration
}

func addLiveFlags(fl *pflag.FlagSet, f *liveFlags) {
	fl.StringVar(&f.addr, "metrics-addr", "", "serve Prometheus metrics on HOST:PORT/metrics during the run, e.g. :9464 or 127.0.0.1:9464")
	fl.DurationVar(&f.linger, "metrics-linger", live.DefaultLinger, "keep --metrics-addr up after the run until it is scraped once more, this long at most, e.g. 15s (0: stop at once)")
	fl.StringVar(&f.remoteWrite, "prometheus-rw", "", "push metrics every second to a Prometheus remote-write URL, e.g. http://prometheus:9090/api/v1/write")
	fl.StringVar(&f.otlp, "otlp", "", "push metrics every second to an OTLP/HTTP metrics URL, e.g. http://otel-collector:4318/v1/metrics")
}

// openLive opens the live metrics the flags ask for (nil: none); it prints
// the endpoint's address, useful with port 0.
func openLive(f liveFlags, stderr io.Writer) (*live.Exporter, error) {
	cfg := live.Config{Addr: f.addr, Linger: f.linger, RemoteWrite: f.remoteWrite, OTLP: f.otlp, Warn: stderr}
	if !cfg.Enabled() {
		return nil, nil
	}
	e, err := live.New(cfg)
	if err != nil {
		return nil, usageError{err}
	}
	if a := e.Addr(); a != "" {
		fmt.Fprintf(stderr, "metrics on http://%s/metrics\n", a)
	}
	return e, nil
}
