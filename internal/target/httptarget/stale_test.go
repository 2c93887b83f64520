package httptarget

import (
	"bytes"
	"io"
	"net/http"
	"testing"
	"time"
)

// TestStaleKeepAliveResent: a server that closes idle keep-alive
// connections after 1 s without saying so (no Connection: close), hit at
// 0.7 events/s: every request finds its pooled connection closed. Each must
// go again on a fresh connection, as net/http does, and be counted: 0
// failures, and the resends reported in Outcome.StaleRetries.
func TestStaleKeepAliveResent(t *testing.T) {
	if testing.Short() {
		t.Skip("real-time: 6 s")
	}
	const (
		idle   = time.Second
		gap    = time.Second * 10 / 7 // 0.7 events/s
		events = 5
	)
	eachClient(t, func(t *testing.T, c client) {
		t.Parallel()
		srv := server(t, reply(http.StatusOK, "ok"), func(s *http.Server) { s.IdleTimeout = idle })
		tgt := newTestTarget(t, c, srv.URL, Options{})
		var failed, stale int
		for i := range events {
			if i > 0 {
				time.Sleep(gap)
			}
			out := tgt.Invoke(t.Context(), event)
			if !out.OK() {
				failed++
				t.Logf("event %d: %s: %s", i, out.Class, out.Message)
			}
			stale += out.StaleRetries
		}
		if failed != 0 {
			t.Errorf("%d of %d events failed against a server with a %v idle timeout; want 0", failed, events, idle)
		}
		if c == clientFast && stale == 0 {
			t.Errorf("no resend counted; want the stale connections counted")
		}
		t.Logf("%d stale connections resent", stale)
	})
}

// endless answers 200 with a chunked body that never ends (until the
// client goes away).
func endless(w http.ResponseWriter, r *http.Request) {
	buf := bytes.Repeat([]byte("e"), 64<<10)
	for {
		if _, err := w.Write(buf); err != nil {
			return
		}
	}
}

// TestLatencyCoversTheBody: a response whose body comes 300 ms after its
// header is done when the body is read, not at the header.
func TestLatencyCoversTheBody(t *testing.T) {
	const delay = 300 * time.Millisecond
	eachClient(t, func(t *testing.T, c client) {
		srv := server(t, func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(200)
			w.(http.Flusher).Flush()
			time.Sleep(delay)
			io.WriteString(w, "the rest")
		})
		tgt := newTestTarget(t, c, srv.URL, Options{})
		start := time.Now()
		out := tgt.Invoke(t.Context(), event)
		if took := time.Since(start); !out.OK() || took < delay {
			t.Errorf("Invoke = %+v after %v; want ok after the body, >= %v", out, took, delay)
		}
	})
}
