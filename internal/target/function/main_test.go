package function

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/disload/disload/internal/harness"
)

// fnBin is the test function binary (testdata/fn), built once in TestMain.
var fnBin string

func TestMain(m *testing.M) {
	if fnBin = os.Getenv(helperFnEnv); fnBin != "" { // a helper process of a test
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "disload-fn-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fnBin = filepath.Join(dir, "fn")
	if out, err := exec.Command("go", "build", "-o", fnBin, "./testdata/fn").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build testdata/fn: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fnCounts mirrors the counts the test binary writes (testdata/fn/stats.go).
type fnCounts struct {
	Calls         int64 `json:"calls"`
	Valid         int64 `json:"valid"`
	Invalid       int64 `json:"invalid"`
	Records       int64 `json:"records"`
	Bytes         int64 `json:"bytes"`
	WithID        int64 `json:"with_id"`
	UniqueIDs     int64 `json:"unique_ids"`
	HeadersOK     int64 `json:"headers_ok"`
	Async         int64 `json:"async"`
	MaxConcurrent int64 `json:"max_concurrent"`
}

// readCounts reads every process's counts from dir (after Close).
func readCounts(t *testing.T, dir string) []fnCounts {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var all []fnCounts
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c fnCounts
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		all = append(all, c)
	}
	return all
}

// sumCounts adds per-process counts (MaxConcurrent: the largest).
func sumCounts(all []fnCounts) fnCounts {
	var s fnCounts
	for _, c := range all {
		s.Calls += c.Calls
		s.Valid += c.Valid
		s.Invalid += c.Invalid
		s.Records += c.Records
		s.Bytes += c.Bytes
		s.WithID += c.WithID
		s.UniqueIDs += c.UniqueIDs
		s.HeadersOK += c.HeadersOK
		s.Async += c.Async
		s.MaxConcurrent = max(s.MaxConcurrent, c.MaxConcurrent)
	}
	return s
}

// newPool makes a pool on the test binary with the given knobs; Close and
// a check that no process it started is left run in t.Cleanup.
func newPool(t *testing.T, opts Options) *Pool {
	t.Helper()
	if opts.Path == "" && opts.Addr == "" {
		opts.Path = fnBin
	}
	p, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		assertGone(t, p.startedPIDs())
	})
	return p
}

// startedPIDs returns every process the pool started.
func (p *Pool) startedPIDs() []int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.pids)
}

// assertGone fails unless every pid is gone (reaped, not a zombie).
func assertGone(t *testing.T, pids []int) {
	t.Helper()
	for _, pid := range pids {
		if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
			t.Errorf("process %d still exists after Close (kill 0: %v)", pid, err)
		}
	}
}

// start starts p or fails the test.
func start(t *testing.T, p *Pool) {
	t.Helper()
	if err := p.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// disEvent builds a valid DIS trigger event of n records for partition part.
func disEvent(t testing.TB, part, seq, n int) (payload []byte, records, bytes int64) {
	type rec struct {
		PartitionKey   string `json:"partition_key"`
		Data           string `json:"data"`
		SequenceNumber string `json:"sequence_number"`
	}
	type msg struct {
		NextPartitionCursor string `json:"next_partition_cursor"`
		Records             []rec  `json:"records"`
		MillisBehindLatest  string `json:"millis_behind_latest"`
	}
	ev := struct {
		ShardID    string
		Message    msg
		Tag        string
		StreamName string
	}{ShardID: fmt.Sprintf("shardId-%010d", part), Tag: "latest", StreamName: "dis-test"}
	for i := range n {
		data := fmt.Sprintf(`{"user":"u%d","seq":%d}`, (seq+i)%97, seq+i)
		ev.Message.Records = append(ev.Message.Records, rec{PartitionKey: fmt.Sprintf("u%d", (seq+i)%97),
			Data: base64.StdEncoding.EncodeToString([]byte(data)), SequenceNumber: fmt.Sprint(seq + i)})
		bytes += int64(len(data))
	}
	cursor := fmt.Sprintf(`{"getIteratorParam":{"stream-name":"dis-test","partition-id":%q,"cursor-type":"TRIM_HORIZON","starting-sequence-number":"%d"},"generateTimestamp":1}`,
		ev.ShardID, seq+n)
	ev.Message.NextPartitionCursor = base64.RawStdEncoding.EncodeToString([]byte(cursor))
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	return b, int64(n), bytes
}

// okEvent is a one-record event.
func okEvent(t testing.TB) *harness.Event {
	b, _, _ := disEvent(t, 0, 0, 1)
	return &harness.Event{Payload: b, Records: 1}
}

// invokeN calls p n times in a row and returns the classes.
func invokeN(t *testing.T, p *Pool, ev *harness.Event, n int) []harness.Class {
	t.Helper()
	var classes []harness.Class
	for range n {
		classes = append(classes, p.Invoke(t.Context(), ev).Class)
	}
	return classes
}

// runFn starts the test binary by hand on a free port (for the attach mode
// and the bare benchmark); it is killed in cleanup.
func runFn(tb testing.TB, env ...string) string {
	tb.Helper()
	addr, err := freeAddr()
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(fnBin)
	cmd.Env = append(os.Environ(), append(env, "RUNTIME_API_ADDR="+addr, "RUNTIME_MAX_RESP_BODY_SIZE=6291456")...)
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		c, err := probe(ctx, addr)
		if err == nil {
			c.Close()
			return addr
		}
		if ctx.Err() != nil {
			tb.Fatalf("fn on %s: %v", addr, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// hasAll reports whether s contains every part.
func hasAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// waitFor polls cond (under the pool lock) until it holds, up to 10 s.
func (p *Pool) waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; {
		p.mu.Lock()
		ok := cond()
		p.mu.Unlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in 10s")
		}
		time.Sleep(time.Millisecond)
	}
}
