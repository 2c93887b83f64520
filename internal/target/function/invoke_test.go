package function

import (
	"context"
	"fmt"
	"net/http"
	"net/rpc"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/disload/disload/internal/harness"
)

// TestFaultClasses drives every class the runtime reports through the real
// binary: the second of three calls fails, the third succeeds on the same
// instance (no restart).
func TestFaultClasses(t *testing.T) {
	tests := []struct {
		name      string
		env       map[string]string
		async     bool
		maxResp   int
		nilSecond bool
		want      harness.Class
		wantMsg   string
	}{
		{name: "success", want: "", wantMsg: ""},
		{name: "return error", env: map[string]string{"FN_FAIL_EVERY": "2"}, want: ClassReturnError, wantMsg: "failed at call 2"},
		{name: "empty result", env: map[string]string{"FN_EMPTY_EVERY": "2"}, want: ClassReturnError, wantMsg: "response is empty"},
		{name: "sync panic", env: map[string]string{"FN_PANIC_EVERY": "2"}, want: ClassPanic, wantMsg: "boom at call 2"},
		{name: "async panic", env: map[string]string{"FN_PANIC_EVERY": "2"}, async: true, want: ClassPanic, wantMsg: "status 0"},
		{name: "too large", env: map[string]string{"FN_HUGE_EVERY": "2"}, maxResp: 1000, want: ClassTooLarge,
			wantMsg: "Response body size '1001' larger than max value '1000'."},
		{name: "async skips the size check", env: map[string]string{"FN_HUGE_EVERY": "2"}, async: true, maxResp: 1000, want: ""},
		{name: "bad request", nilSecond: true, want: ClassBadRequest, wantMsg: "bad request parameters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts := Options{Env: tt.env, MaxRespBodySize: tt.maxResp}
			if tt.async {
				opts.InvokeType = "async"
			}
			p := newPool(t, opts)
			start(t, p)
			ev := okEvent(t)
			var got []harness.Outcome
			for i := range 3 {
				e := *ev
				if i == 1 && tt.nilSecond {
					e.Payload = nil
				}
				got = append(got, p.Invoke(t.Context(), &e))
			}
			if !got[0].OK() || !got[2].OK() || got[1].Class != tt.want || !strings.Contains(got[1].Message, tt.wantMsg) {
				t.Errorf("outcomes %+v, want ok, {%s %q...}, ok", got, tt.want, tt.wantMsg)
			}
			if n := len(p.ColdStarts()); n != 1 {
				t.Errorf("%d starts, want 1 (no restart)", n)
			}
		})
	}
}

func TestTimeoutKillsAndRestarts(t *testing.T) {
	slow := filepath.Join(t.TempDir(), "slow")
	if err := os.WriteFile(slow, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	p := newPool(t, Options{Instances: Instances{1, 1}, Timeout: 200 * time.Millisecond,
		Env: map[string]string{"FN_SLOW_FILE": slow, "FN_SLOW": "1m"}})
	start(t, p)
	first := p.startedPIDs()[0]
	out := p.Invoke(t.Context(), okEvent(t))
	if out.Class != ClassTimeout || !hasAll(out.Message, "200ms", "instance 0 killed") {
		t.Fatalf("slow call: %+v, want a timeout that killed instance 0", out)
	}
	if err := os.Remove(slow); err != nil {
		t.Fatal(err)
	}
	if got := invokeN(t, p, okEvent(t), 3); !slices.Equal(got, []harness.Class{"", "", ""}) {
		t.Errorf("calls after the restart: %q, want all ok", got)
	}
	assertGone(t, []int{first})
	if n, pids := len(p.ColdStarts()), p.startedPIDs(); n != 2 || len(pids) != 2 || p.Instances() != 1 {
		t.Errorf("%d starts, %d processes, %d instances; want 2, 2, 1", n, len(pids), p.Instances())
	}
}

// TestCallerCancelAbandonsWithoutKill: a caller that cancels stops waiting
// for the answer; the instance is not killed and serves the next call.
func TestCallerCancelAbandonsWithoutKill(t *testing.T) {
	p := newPool(t, Options{Instances: Instances{1, 1}, Env: map[string]string{"FN_SLEEP": "150ms"}})
	start(t, p)
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(20*time.Millisecond, cancel)
	out := p.Invoke(ctx, okEvent(t))
	if out.Class != ClassCanceled || !strings.Contains(out.Message, "waiting for the function") {
		t.Fatalf("outcome %+v, want a caller cancel", out)
	}
	if out := p.Invoke(t.Context(), okEvent(t)); !out.OK() {
		t.Errorf("next call: %+v", out)
	}
	if n := len(p.ColdStarts()); n != 1 {
		t.Errorf("%d starts, want 1: an abandoned call does not kill the instance", n)
	}
}

// TestCallerDeadlineIsNotTheFunctionTimeout: a caller's deadline that
// passes while the function runs (within its own timeout) or while the
// call waits for an instance does not fail the call: the function timeout
// runs from the call's start, as on the platform.
func TestCallerDeadlineIsNotTheFunctionTimeout(t *testing.T) {
	var longQueues []time.Duration // OnLongQueue runs at most once, under no lock of ours
	p := newPool(t, Options{Instances: Instances{1, 1}, Timeout: time.Second, Env: map[string]string{"FN_SLEEP": "150ms"},
		OnLongQueue: func(max int, wait time.Duration) {
			if max == 1 {
				longQueues = append(longQueues, wait)
			}
		}})
	start(t, p)
	var wg sync.WaitGroup
	outs := make([]harness.Outcome, 3)
	for i := range outs {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
			defer cancel()
			outs[i] = p.Invoke(ctx, okEvent(t))
		})
	}
	wg.Wait()
	for i, out := range outs {
		if !out.OK() {
			t.Errorf("call %d: %+v, want ok (the function answers within its timeout)", i, out)
		}
	}
	st := p.Stats()
	if st.QueuedAtMax != 2 || st.LongestQueue < 150*time.Millisecond || st.PeakInstances != 1 {
		t.Errorf("stats %+v: want 2 calls queued at max, the longest for at least one call's time, peak 1", st)
	}
	if len(longQueues) != 1 || longQueues[0] < LongQueue {
		t.Errorf("OnLongQueue calls %v: want one, the first wait past %v", longQueues, LongQueue)
	}
}

func TestWaitForBusyInstance(t *testing.T) {
	p := newPool(t, Options{Instances: Instances{1, 1}, Env: map[string]string{"FN_SLEEP": "150ms"}})
	start(t, p)
	var wg sync.WaitGroup
	var first harness.Outcome
	wg.Go(func() { first = p.Invoke(t.Context(), okEvent(t)) })
	p.waitFor(t, func() bool { return len(p.idle) == 0 }) // the first call holds the only instance
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(20*time.Millisecond, cancel)
	if out := p.Invoke(ctx, okEvent(t)); out.Class != ClassCanceled || !strings.Contains(out.Message, "free instance") {
		t.Errorf("second call: %+v, want canceled waiting for a free instance", out)
	}
	canceled, stop := context.WithCancel(t.Context())
	stop()
	if out := p.Invoke(canceled, okEvent(t)); out.Class != ClassCanceled {
		t.Errorf("call with a canceled context: %+v", out)
	}
	wg.Wait()
	if !first.OK() {
		t.Errorf("first call: %+v", first)
	}
	p.mu.Lock()
	idle, waiters := len(p.idle), len(p.waiters)
	p.mu.Unlock()
	if idle != 1 || waiters != 0 {
		t.Errorf("%d idle slots, %d waiters after all calls; want 1, 0", idle, waiters)
	}
}

// TestScalesOnDemandByDefault: with no instance settings, concurrent calls
// start instances instead of queueing on one.
func TestScalesOnDemandByDefault(t *testing.T) {
	p := newPool(t, Options{Env: map[string]string{"FN_SLEEP": "300ms"}})
	start(t, p)
	var wg sync.WaitGroup
	outs := make([]harness.Outcome, 4)
	for i := range outs {
		wg.Go(func() { outs[i] = p.Invoke(t.Context(), okEvent(t)) })
	}
	wg.Wait()
	for i, out := range outs {
		if !out.OK() {
			t.Errorf("call %d: %+v", i, out)
		}
	}
	st := p.Stats()
	if st.PeakInstances < 2 || st.MaxInstances != DefaultMaxInstances || st.ColdStarts != p.Instances() {
		t.Errorf("stats %+v, %d instances: want more than one instance at once, max %d, a cold start each",
			st, p.Instances(), DefaultMaxInstances)
	}
}

// TestConcurrencyPerInstance: 8 concurrent calls of a 50 ms function on one
// instance never overlap inside the process with the default of 1.
func TestConcurrencyPerInstance(t *testing.T) {
	for _, conc := range []int{1, 2} {
		t.Run(fmt.Sprint(conc), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			p := newPool(t, Options{ConcurrencyPerInstance: conc,
				Env: map[string]string{"FN_SLEEP": "50ms", "FN_COUNT_DIR": dir}})
			start(t, p)
			var wg sync.WaitGroup
			var failed atomic.Int32
			for range 8 {
				wg.Go(func() {
					if !p.Invoke(t.Context(), okEvent(t)).OK() {
						failed.Add(1)
					}
				})
			}
			wg.Wait()
			p.Close()
			c := sumCounts(readCounts(t, dir))
			if failed.Load() != 0 || c.Calls != 8 || c.MaxConcurrent != int64(conc) {
				t.Errorf("%d failed, %d calls, at most %d at once in the process; want 0, 8, %d",
					failed.Load(), c.Calls, c.MaxConcurrent, conc)
			}
		})
	}
}

// TestRequestIDsAndHeaders: a fresh request id on every call and canonical
// header keys the function finds with Header.Get.
func TestRequestIDsAndHeaders(t *testing.T) {
	dir := t.TempDir()
	hdr := http.Header{"x-cff-workflow-id": {"wf-1"}} // a raw, non-canonical key
	hdr.Set("X-CFF-Access-Key", "ak-test")
	p := newPool(t, Options{Headers: hdr, ConcurrencyPerInstance: 4, Env: map[string]string{"FN_COUNT_DIR": dir,
		"FN_EXPECT_HEADERS": "X-CFF-Workflow-Id=wf-1,X-CFF-Access-Key=ak-test,X-CFF-Invoke-Type=sync"}})
	start(t, p)
	const n = 200
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range n / 8 {
				if out := p.Invoke(t.Context(), okEvent(t)); !out.OK() {
					t.Error(out)
				}
			}
		})
	}
	wg.Wait()
	p.Close()
	c := sumCounts(readCounts(t, dir))
	if c.Calls != n || c.WithID != n || c.UniqueIDs != n || c.HeadersOK != n || c.Valid != n {
		t.Errorf("counts %+v, want %d calls, each valid with a unique request id and the headers", c, n)
	}
}

func TestRawHeaderKeyIsNotFound(t *testing.T) {
	// The surprise of docs/PROTOCOL.md: a raw map key is not found by Header.Get.
	addr := runFn(t)
	c, err := DialContext(t.Context(), addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, tt := range []struct {
		name   string
		header http.Header
		want   string
	}{
		{"raw key", http.Header{"X-CFF-Invoke-Type": {"async"}}, "sync"},
		{"canonical key", http.Header{"X-Cff-Invoke-Type": {"async"}}, "async"},
	} {
		// async answers with an empty payload, sync with "ok".
		_, body, err := c.Invoke(t.Context(), okEvent(t).Payload, tt.header)
		got := "sync"
		if len(body) == 0 {
			got = "async"
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: runtime saw %s (err %v), want %s", tt.name, got, err, tt.want)
		}
	}
}

// noopPayload is the event the benchmarks send.
func noopPayload(b *testing.B) []byte {
	p, _, _ := disEvent(b, 0, 0, 1)
	return p
}

// runParallel calls fn b.N times from g goroutines and reports invokes/s
// and the CPU time disload's process spent per call (less sensitive than
// wall time to other load on the machine).
func runParallel(b *testing.B, g int, fn func() error) {
	var next atomic.Int64
	var wg sync.WaitGroup
	cpu0 := cpuTime()
	b.ResetTimer()
	for range g {
		wg.Go(func() {
			for next.Add(1) <= int64(b.N) {
				if err := fn(); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "invokes/s")
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the user + system CPU time of this process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var benchGoroutines = []int{1, 8}

// BenchmarkPoolNoop: Pool.Invoke against the no-op binary (one instance
// taking g calls at once) from g goroutines. Compare with BenchmarkBareRPC.
func BenchmarkPoolNoop(b *testing.B) {
	for _, g := range benchGoroutines {
		b.Run(fmt.Sprintf("g=%d", g), func(b *testing.B) {
			p, err := New(Options{Path: fnBin, ConcurrencyPerInstance: g, Env: map[string]string{"FN_NOOP": "1"}})
			if err != nil {
				b.Fatal(err)
			}
			defer p.Close()
			if err := p.Start(b.Context()); err != nil {
				b.Fatal(err)
			}
			ev := &harness.Event{Payload: noopPayload(b)}
			runParallel(b, g, func() error {
				if out := p.Invoke(context.Background(), ev); !out.OK() {
					return fmt.Errorf("%+v", out)
				}
				return nil
			})
		})
	}
}

// BenchmarkBareRPC: a bare net/rpc client (rpc.DialHTTP, one connection)
// calling the same binary from g goroutines, with a fixed header.
func BenchmarkBareRPC(b *testing.B) {
	for _, g := range benchGoroutines {
		b.Run(fmt.Sprintf("g=%d", g), func(b *testing.B) {
			addr := runFn(b, "FN_NOOP=1")
			c, err := rpc.DialHTTP("tcp", addr)
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			payload := noopPayload(b)
			hdr := http.Header{}
			hdr.Set("X-CFF-Request-Id", "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b")
			hdr.Set("X-CFF-Invoke-Type", "sync")
			runParallel(b, g, func() error {
				var resp InvokeResponse
				if err := c.Call(invokeMethod, &InvokeRequest{Payload: payload, Header: hdr}, &resp); err != nil {
					return err
				}
				if resp.StatusCode != 200 {
					return fmt.Errorf("status %d", resp.StatusCode)
				}
				return nil
			})
		})
	}
}
