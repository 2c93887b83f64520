package live

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// server is the /metrics endpoint.
type server struct {
	ln   net.Listener
	srv  *http.Server
	done chan struct{}

	mu        sync.Mutex
	final     bool          // the run is over: scrapes serve its final figures
	scrapedCh chan struct{} // closed when a scrape of the final figures is served
}

// listen opens addr and serves reg's metrics on /metrics.
func listen(addr string, reg *prometheus.Registry) (*server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--metrics-addr %s: %w", addr, err)
	}
	s := &server{ln: ln, done: make(chan struct{}), scrapedCh: make(chan struct{})}
	metrics := promhttp.HandlerFor(reg, promhttp.HandlerOpts{EnableOpenMetrics: true})
	mux := http.NewServeMux()
	mux.Handle("/metrics", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		final := s.isFinal()
		metrics.ServeHTTP(w, r)
		if final {
			s.scraped()
		}
	}))
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		defer close(s.done)
		// Serve returns when the server is shut down: nothing more to serve.
		_ = s.srv.Serve(ln)
	}()
	return s, nil
}

func (s *server) addr() string { return s.ln.Addr().String() }

// markFinal tells the server that the figures are final from now on.
func (s *server) markFinal() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.final = true
}

func (s *server) isFinal() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.final
}

// scraped notes that the final figures were served.
func (s *server) scraped() {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.scrapedCh:
	default:
		close(s.scrapedCh)
	}
}

// lingerThenClose waits until the final figures have been scraped once,
// for linger at most (or until stop is closed), then stops.
func (s *server) lingerThenClose(linger time.Duration, stop <-chan struct{}) {
	s.markFinal()
	if linger > 0 {
		t := time.NewTimer(linger)
		defer t.Stop()
		select {
		case <-t.C:
		case <-stop:
		case <-s.scrapedCh:
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
