package live

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/disload/disload/internal/metrics"
)

// fakeSink records pushes; block makes each push wait until ctx ends (a
// sink that hangs), err makes it fail.
type fakeSink struct {
	mu     sync.Mutex
	pushes int
	block  bool
	err    error
	last   []*dto.MetricFamily
}

func (f *fakeSink) Kind() string { return "fake" }
func (f *fakeSink) URL() string  { return "http://user:xxxxx@sink/" }
func (f *fakeSink) Push(ctx context.Context, fams []*dto.MetricFamily, _ time.Time) error {
	if f.block {
		<-ctx.Done()
		return ctx.Err()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pushes++
	f.last = fams
	return f.err
}

// testRun is a collector with n ok results and one failure of class
// "timeout", and the registry exposing it.
func testRun(t *testing.T, n int) (*metrics.Collector, *prometheus.Registry, *figures) {
	t.Helper()
	col := metrics.NewCollector(time.Second)
	rec := col.NewRecorder()
	for i := range n {
		at := time.Duration(i) * time.Millisecond
		rec.Record(&metrics.Result{Intended: at, Start: at, End: at + 2*time.Millisecond, Records: 10, Bytes: 100})
	}
	rec.Record(&metrics.Result{End: time.Second, Class: "timeout", Message: "deadline"})
	rec.Flush()
	f := &figures{}
	f.setCollector(col)
	reg := prometheus.NewRegistry()
	reg.MustRegister(newRunCollector(f, Labels{Scenario: "s", Target: "inproc:x", RunID: "r1"}))
	return col, reg, f
}

// TestPusherSinkStates: a sink that works gets every tick's push and the
// final one; one that fails is counted and warned about once, its secrets
// redacted; one that hangs fills the bounded queue and the rest is dropped
// and counted. In every case the ticks (the run's side) never wait.
func TestPusherSinkStates(t *testing.T) {
	for _, tc := range []struct {
		name                        string
		sink                        *fakeSink
		wantFailures, wantWarnLines int
		wantDropped                 bool
	}{
		{"working", &fakeSink{}, 0, 0, false},
		{"failing", &fakeSink{err: errors.New("POST https://user:hunter2@sink/api/v1/write?token=s3cret: 500")}, 11, 1, false},
		{"hanging", &fakeSink{block: true}, 2, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				_, reg, _ := testRun(t, 5)
				var warn bytes.Buffer
				p := newPusher(tc.sink, reg, time.Second, &warner{w: &warn})
				p.start()
				time.Sleep(10*time.Second + time.Millisecond)
				synctest.Wait()
				begin := time.Now()
				st := p.stop()
				if d := time.Since(begin); d > finalWait {
					t.Errorf("stop took %v, more than the final push's bound %v", d, finalWait)
				}
				if st.Failures != int64(tc.wantFailures) {
					t.Errorf("failures %d, want %d", st.Failures, tc.wantFailures)
				}
				if (st.Dropped > 0) != tc.wantDropped {
					t.Errorf("dropped %d, want some: %v", st.Dropped, tc.wantDropped)
				}
				if tc.sink.err == nil && !tc.sink.block && (st.Pushes != 11 || tc.sink.pushes != 11) {
					t.Errorf("pushes %d (sink saw %d), want 10 ticks and the final one", st.Pushes, tc.sink.pushes)
				}
				if got := strings.Count(warn.String(), "\n"); got != tc.wantWarnLines {
					t.Errorf("%d warning lines, want %d: %q", got, tc.wantWarnLines, warn.String())
				}
				for _, secret := range []string{"hunter2", "s3cret"} {
					if strings.Contains(warn.String()+st.LastError, secret) {
						t.Errorf("secret %q in %q / %q", secret, warn.String(), st.LastError)
					}
				}
			})
		})
	}
}

// TestPusherNeverStarted: a run whose set-up failed (never attached)
// pushes nothing at the end.
func TestPusherNeverStarted(t *testing.T) {
	s := &fakeSink{}
	p := newPusher(s, prometheus.NewRegistry(), time.Second, &warner{})
	if st := p.stop(); st.Pushes != 0 || s.pushes != 0 || st.Failures != 0 {
		t.Errorf("a pusher never started pushed: %+v, sink saw %d", st, s.pushes)
	}
}
