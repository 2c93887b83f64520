package main

import (
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// Stats is what GET /_sink/stats answers.
type Stats struct {
	Requests int64   `json:"requests"`
	Bytes    int64   `json:"bytes"`
	P50us    float64 `json:"p50_us"`
	P99us    float64 `json:"p99_us"`
	Maxus    float64 `json:"max_us"`
}

// maxValue is the longest service time the histogram holds, in ns; longer
// ones are recorded as this.
const maxValue = int64(time.Minute)

// sink answers every request and records its own service time.
type sink struct {
	delay time.Duration

	mu    sync.Mutex
	hist  *hdrhistogram.Histogram
	bytes int64
}

func newSink(delay time.Duration) *sink {
	return &sink{delay: delay, hist: hdrhistogram.New(1, maxValue, 3)}
}

// ServeHTTP answers the stats and reset paths, and anything else as an
// event: it reads the body and answers "ok".
func (s *sink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/_sink/stats":
		s.serveStats(w)
		return
	case "/_sink/reset":
		s.reset()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	start := time.Now()
	n, _ := io.Copy(io.Discard, r.Body)
	if s.delay > 0 {
		time.Sleep(s.delay)
	}
	w.Header().Set("Content-Type", "text/plain")
	_, _ = w.Write([]byte("ok"))
	s.record(time.Since(start), n)
}

func (s *sink) record(d time.Duration, n int64) {
	s.mu.Lock()
	_ = s.hist.RecordValue(min(int64(d), maxValue))
	s.bytes += n
	s.mu.Unlock()
}

func (s *sink) reset() {
	s.mu.Lock()
	s.hist.Reset()
	s.bytes = 0
	s.mu.Unlock()
}

// stats returns the figures since the start or the last reset.
func (s *sink) stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{
		Requests: s.hist.TotalCount(),
		Bytes:    s.bytes,
		P50us:    float64(s.hist.ValueAtQuantile(50)) / 1e3,
		P99us:    float64(s.hist.ValueAtQuantile(99)) / 1e3,
		Maxus:    float64(s.hist.Max()) / 1e3,
	}
}

func (s *sink) serveStats(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(s.stats())
}
