package main

import (
	"context"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSinkProc builds and starts the real sink, sends it two events, and
// reads and resets its figures.
func TestSinkProc(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "sink")
	if out, err := exec.Command("go", "build", "-o", bin, "./sink").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	s, err := startSink(context.Background(), bin, dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.stop()
	if !strings.HasPrefix(s.url(), "http://127.0.0.1:") {
		t.Errorf("url %q: want loopback", s.url())
	}
	for range 2 {
		resp, err := http.Post(s.url(), "application/json", strings.NewReader(`{"ShardID":"x"}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	st, err := s.stats()
	if err != nil || st.Requests != 2 || st.P99us <= 0 {
		t.Errorf("stats = %+v, %v; want 2 requests", st, err)
	}
	if err := s.reset(); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.stats(); st.Requests != 0 {
		t.Errorf("after reset: %+v", st)
	}
}

// TestSinkProcDelay starts the real sink with a delay: its own service p99
// includes it.
func TestSinkProcDelay(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "sink")
	if out, err := exec.Command("go", "build", "-o", bin, "./sink").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	s, err := startSink(context.Background(), bin, dir, 3*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer s.stop()
	resp, err := http.Post(s.url(), "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if st, err := s.stats(); err != nil || st.Requests != 1 || st.P99us < 3000 {
		t.Errorf("stats = %+v, %v; want 1 request of at least 3000 µs", st, err)
	}
}
