package function

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/disload/disload/internal/harness"
)

func TestStartAndClose(t *testing.T) {
	p := newPool(t, Options{Instances: Instances{2, 2}})
	start(t, p)
	if n, cold := p.Instances(), p.ColdStarts(); n != 2 || len(cold) != 2 || cold[0] <= 0 || cold[1] <= 0 {
		t.Errorf("%d instances, cold starts %v; want 2 measured", n, cold)
	}
	if err := p.Start(t.Context()); err == nil {
		t.Error("second Start succeeded")
	}
	pids := p.startedPIDs()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	assertGone(t, pids)
	if err := p.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if out := p.Invoke(t.Context(), okEvent(t)); out.Class != ClassCanceled || out.Message != "function pool closed" {
		t.Errorf("Invoke after Close: %+v", out)
	}
}

// TestDieAtStart: a binary that exits at once fails Start quickly with its
// log tail, after MaxFailedStarts tries, not in a loop.
func TestDieAtStart(t *testing.T) {
	secret := "sk-do-not-print"
	h := http.Header{}
	h.Set("X-CFF-Secret-Key", secret)
	p := newPool(t, Options{Headers: h, Env: map[string]string{"FN_DIE_AT_START": "1"}})
	err := p.Start(t.Context())
	if err == nil || !hasAll(err.Error(), "3 failed starts in a row", "instance 0", "exited during start (exit status 2)",
		"dying at start as asked") {
		t.Fatalf("Start error %v", err)
	}
	if p.Err() == nil {
		t.Error("Err is nil after a failed start")
	}
	out := p.Invoke(t.Context(), okEvent(t))
	if out.Class != ClassFatal || len(out.Message) > maxMessage {
		t.Errorf("Invoke: %+v, want ClassFatal", out)
	}
	for _, s := range []string{err.Error(), out.Message, strings.Join(p.LogTail(0, 50), "\n")} {
		if strings.Contains(s, secret) {
			t.Errorf("a credential leaked into %q", s)
		}
	}
	if n := len(p.startedPIDs()); n != 3 {
		t.Errorf("%d processes started, want 3", n)
	}
}

func TestStartTimeout(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep binary")
	}
	p := newPool(t, Options{Path: sleep, Args: []string{"60"}, StartTimeout: 300 * time.Millisecond})
	err = p.Start(t.Context())
	if err == nil || !hasAll(err.Error(), "0 of 1 instances healthy after 300ms", "instance 0") {
		t.Fatalf("Start error %v", err)
	}
}

// TestContextCancelKills: canceling Start's context kills every instance
// once a call in flight had its function timeout to finish.
func TestContextCancelKills(t *testing.T) {
	p := newPool(t, Options{Instances: Instances{2, 2}, Timeout: 300 * time.Millisecond,
		Env: map[string]string{"FN_SLEEP": "100ms"}})
	ctx, cancel := context.WithCancel(t.Context())
	if err := p.Start(ctx); err != nil {
		t.Fatal(err)
	}
	inFlight := make(chan harness.Outcome)
	go func() { inFlight <- p.Invoke(t.Context(), okEvent(t)) }()
	p.waitFor(t, func() bool { return len(p.idle) == 1 }) // the call holds one instance
	cancel()
	if out := <-inFlight; !out.OK() {
		t.Errorf("call in flight at cancel: %+v, want it to finish", out)
	}
	p.wg.Wait() // every instance goroutine has stopped its process
	assertGone(t, p.startedPIDs())
	if out := p.Invoke(t.Context(), okEvent(t)); out.Class != ClassCanceled {
		t.Errorf("Invoke after cancel: %+v", out)
	}
}

func TestCloseWhileCalling(t *testing.T) {
	p := newPool(t, Options{Env: map[string]string{"FN_SLEEP": "50ms"}})
	start(t, p)
	var wg sync.WaitGroup
	outs := make([]harness.Outcome, 4)
	for i := range outs {
		wg.Go(func() { outs[i] = p.Invoke(t.Context(), okEvent(t)) })
	}
	p.waitFor(t, func() bool { return len(p.waiters) == 3 }) // one call runs, three queue
	p.Close()
	wg.Wait()
	for i, o := range outs {
		if !o.OK() && o.Class != ClassCanceled {
			t.Errorf("call %d: %+v, want ok or canceled", i, o)
		}
	}
}

func TestCloseDuringStart(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep binary")
	}
	p := newPool(t, Options{Path: sleep, Args: []string{"60"}})
	errc := make(chan error, 1)
	go func() { errc <- p.Start(t.Context()) }()
	p.waitFor(t, func() bool { return len(p.pids) == 1 })
	p.Close()
	if err := <-errc; err == nil || !strings.Contains(err.Error(), "function pool closed") {
		t.Errorf("Start = %v, want it ended by Close", err)
	}
}

func TestPortInUseRetries(t *testing.T) {
	busy, err := freeAddrHeld(t)
	if err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int32
	pickAddr = func() (string, error) {
		if calls.Add(1) == 1 {
			return busy, nil
		}
		return freeAddr()
	}
	t.Cleanup(func() { pickAddr = freeAddr })
	p := newPool(t, Options{})
	start(t, p)
	if n := len(p.startedPIDs()); n != 2 || p.Err() != nil {
		t.Errorf("%d processes, Err %v; want 2 (one on the taken port), nil", n, p.Err())
	}
	if !strings.Contains(strings.Join(p.LogTail(0, 10), "\n"), "address already in use") {
		t.Errorf("log %q lacks the listen error", p.LogTail(0, 10))
	}
	if out := p.Invoke(t.Context(), okEvent(t)); !out.OK() {
		t.Error(out)
	}
}

// freeAddrHeld returns a loopback address kept busy until the test ends.
func freeAddrHeld(t *testing.T) (string, error) {
	addr, err := freeAddr()
	if err != nil {
		return "", err
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	t.Cleanup(func() { l.Close() })
	return addr, nil
}

func TestLogDir(t *testing.T) {
	dir := t.TempDir()
	p := newPool(t, Options{LogDir: dir, Env: map[string]string{"FN_LOG": "1"}})
	start(t, p)
	for range 3 {
		if out := p.Invoke(t.Context(), okEvent(t)); !out.OK() {
			t.Fatal(out)
		}
	}
	p.Close()
	b, err := os.ReadFile(filepath.Join(dir, "instance-0.log"))
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z [0-9a-f-]{36} call 3 ok \(\d+ bytes\)$`)
	if !line.Match(b) {
		t.Errorf("instance-0.log lacks the third call's line:\n%s", b)
	}
	if tail := p.LogTail(0, 1); len(tail) != 1 || !line.MatchString(tail[0]) {
		t.Errorf("LogTail(0, 1) = %q", tail)
	}
	if p.LogTail(1, 5) != nil || p.LogTail(-1, 5) != nil {
		t.Error("LogTail of a missing instance is not nil")
	}
}

func TestAttach(t *testing.T) {
	addr := runFn(t)
	p := newPool(t, Options{Addr: "rpc://" + addr, StartTimeout: 200 * time.Millisecond})
	start(t, p)
	if got := invokeN(t, p, okEvent(t), 2); got[0] != "" || got[1] != "" {
		t.Fatalf("classes %q", got)
	}
	if len(p.startedPIDs()) != 0 {
		t.Error("attach mode started a process")
	}
}

func TestAttachLost(t *testing.T) {
	addr, err := freeAddr()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(fnBin)
	cmd.Env = append(os.Environ(), "RUNTIME_API_ADDR="+addr, "FN_EXIT_AT=2")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	p := newPool(t, Options{Addr: addr, StartTimeout: 100 * time.Millisecond})
	start(t, p)
	got := invokeN(t, p, okEvent(t), 3)
	if got[0] != "" || got[1] != ClassCrash || got[2] != ClassFatal {
		t.Errorf("classes %q, want ok, crash, fatal (nothing to reconnect to)", got)
	}
	if err := p.Err(); err == nil || !hasAll(err.Error(), "rpc://"+addr, "no health check answer") {
		t.Errorf("Err = %v", err)
	}
}

// TestLoad: 500 events/s into the function binary, real time, paced by a
// ticker: every event valid, one invoke per event, a request id on each,
// counts equal on both sides. The 4 s run is skipped with -short.
func TestLoad(t *testing.T) {
	for _, tt := range []struct {
		name string
		secs int
		long bool
	}{{"1s", 1, false}, {"4s", 4, true}} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.long && testing.Short() {
				t.Skip("4 s of real time; the 1 s run covers -short")
			}
			loadRun(t, 500, tt.secs)
		})
	}
}

// loadRun sends rate events/s for secs seconds and compares counts.
func loadRun(t *testing.T, rate, secs int) {
	dir := t.TempDir()
	p := newPool(t, Options{Instances: Instances{1, 4}, Env: map[string]string{"FN_COUNT_DIR": dir}})
	start(t, p)
	n := rate * secs
	events := make([]*harness.Event, n)
	var records, bytes int64
	seq := map[int]int{}
	for i := range events {
		part, size := i%4, 1+i%5
		b, r, by := disEvent(t, part, seq[part], size)
		seq[part] += size
		records, bytes = records+r, bytes+by
		events[i] = &harness.Event{Index: int64(i), Partition: part, Payload: b, Records: size, PayloadBytes: by}
	}
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	var wg sync.WaitGroup
	var ok atomic.Int64
	for _, ev := range events {
		<-tick.C
		wg.Go(func() {
			if out := p.Invoke(t.Context(), ev); out.OK() {
				ok.Add(1)
			} else {
				t.Errorf("event %d: %+v", ev.Index, out)
			}
		})
	}
	wg.Wait()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	c := sumCounts(readCounts(t, dir))
	want := fnCounts{Calls: int64(n), Valid: int64(n), Records: records, Bytes: bytes, WithID: int64(n),
		UniqueIDs: int64(n), HeadersOK: int64(n), MaxConcurrent: 1}
	if ok.Load() != int64(n) || c != want {
		t.Errorf("disload: %d of %d ok\nfunction counts %+v\nwant            %+v", ok.Load(), n, c, want)
	}
}
