package live

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// server is the /metrics endpoint.
type server struct {
	ln   net.Listener
	srv  *http.Server
	done chan struct{}
}

// listen opens addr and serves reg's metrics on /metrics.
func listen(addr string, reg *prometheus.Registry) (*server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--metrics-addr %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{EnableOpenMetrics: true}))
	s := &server{ln: ln, srv: &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		// Serve returns when the server is shut down: nothing more to serve.
		_ = s.srv.Serve(ln)
	}()
	return s, nil
}

func (s *server) addr() string { return s.ln.Addr().String() }

// lingerThenClose waits linger (or until stop is closed), then stops.
func (s *server) lingerThenClose(linger time.Duration, stop <-chan struct{}) {
	if linger > 0 {
		t := time.NewTimer(linger)
		defer t.Stop()
		select {
		case <-t.C:
		case <-stop:
		}
	}
	s.close(time.Second)
}

// close stops the server, letting scrapes under way finish within wait.
func (s *server) close(wait time.Duration) {
	if s == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if s.srv.Shutdown(ctx) != nil {
		_ = s.srv.Close()
	}
	<-s.done
}
