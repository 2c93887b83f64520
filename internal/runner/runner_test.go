package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/scenarios"
)

// fnBin is the project's test function binary (internal/target/function/testdata/fn),
// built once.
var fnBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "disload-runner-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fnBin = filepath.Join(dir, "fn")
	if out, err := exec.Command("go", "build", "-o", fnBin, "../target/function/testdata/fn").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build fn: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// scenario parses a scenario file's text.
func scenario(t *testing.T, yaml string) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Parse("test.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// fnCounts is what the test function writes at exit (testdata/fn/stats.go).
type fnCounts struct {
	Calls, Valid, Invalid, Records, WithID, UniqueIDs, MaxConcurrent int64
}

func readCounts(t *testing.T, dir string) (sum fnCounts) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c struct {
			Calls         int64 `json:"calls"`
			Valid         int64 `json:"valid"`
			Invalid       int64 `json:"invalid"`
			Records       int64 `json:"records"`
			WithID        int64 `json:"with_id"`
			UniqueIDs     int64 `json:"unique_ids"`
			MaxConcurrent int64 `json:"max_concurrent"`
		}
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatal(err)
		}
		sum.Calls += c.Calls
		sum.Valid += c.Valid
		sum.Invalid += c.Invalid
		sum.Records += c.Records
		sum.WithID += c.WithID
		sum.UniqueIDs += c.UniqueIDs
		sum.MaxConcurrent = max(sum.MaxConcurrent, c.MaxConcurrent)
	}
	return sum
}

// TestFunctionFaultsByClass: a function that fails every 10th call, panics
// every 25th and exits at its 300th call: each class is reported apart,
// and the run goes on after the restart.
func TestFunctionFaultsByClass(t *testing.T) {
	sc := scenario(t, fmt.Sprintf(`
stream: {partitions: 2}
batch: {size: 5}
load: {rate: 400/s, duration: 1500ms, concurrency: 8}
target:
  path: %s
  instances: {min: 1, max: 2}
  env: {FN_FAIL_EVERY: "10", FN_PANIC_EVERY: "25", FN_EXIT_AT: "300"}
`, fnBin))
	res, err := Run(context.Background(), Options{Scenario: sc, OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	s := res.Summary
	for _, class := range []string{"FunctionReturnError", "panic", "crash"} {
		if s.Errors[class] == 0 {
			t.Errorf("no %s reported; errors %v", class, s.Errors)
		}
	}
	if s.Events.Sent != 600 || s.Events.OK < 450 {
		t.Errorf("events %+v: want 600 sent and the run going on after the crash", s.Events)
	}
	if s.ColdStarts == nil || s.ColdStarts.Count < 2 {
		t.Errorf("cold starts %+v: want the first start and the restart", s.ColdStarts)
	}
}

// TestFunctionCountsMatch: every event reaches the function once, valid,
// with a request id, at most one call at a time per instance.
func TestFunctionCountsMatch(t *testing.T) {
	counts := t.TempDir()
	sc := scenario(t, fmt.Sprintf(`
stream: {partitions: 3}
batch: {size: 10}
load: {rate: 500/s, duration: 1s, concurrency: 4}
target:
  path: %s
  env: {FN_COUNT_DIR: %q}
`, fnBin, counts))
	res, err := Run(context.Background(), Options{Scenario: sc})
	if err != nil {
		t.Fatal(err)
	}
	c := readCounts(t, counts)
	s := res.Summary
	if s.Events.OK != 500 || c.Calls != s.Events.Sent || c.Valid != s.Events.OK || c.Invalid != 0 {
		t.Errorf("disload %+v, function %+v", s.Events, c)
	}
	if c.UniqueIDs != c.Calls || c.WithID != c.Calls || c.MaxConcurrent != 1 || c.Records != s.Records {
		t.Errorf("function counts %+v, records %d", c, s.Records)
	}
}

// TestTriggerAgainstFunction is trigger mode in real time against the
// function binary: 4 partitions, batch 100, 20 ms per call.
func TestTriggerAgainstFunction(t *testing.T) {
	for _, tc := range []struct {
		rate      string
		keepingUp bool
	}{{"2000/s", true}, {"40000/s", false}} {
		t.Run(tc.rate, func(t *testing.T) {
			counts := t.TempDir()
			sc := scenario(t, fmt.Sprintf(`
stream: {partitions: 4}
batch: {size: 100}
load: {mode: trigger, rate: %s, duration: 2s}
trigger: {poll: 50ms}
target:
  path: %s
  env: {FN_SLEEP: 20ms, FN_COUNT_DIR: %q}
`, tc.rate, fnBin, counts))
			res, err := Run(context.Background(), Options{Scenario: sc})
			if err != nil {
				t.Fatal(err)
			}
			tr := res.Summary.Trigger
			if tr == nil {
				t.Fatal("no trigger block in the summary")
			}
			if keepingUp := !strings.HasPrefix(tr.Verdict, "falling behind"); keepingUp != tc.keepingUp {
				t.Errorf("verdict %q, want keeping up %v", tr.Verdict, tc.keepingUp)
			}
			if !tc.keepingUp && tr.MaxLagMs < 1000 {
				t.Errorf("max lag %.0f ms, want past a second", tr.MaxLagMs)
			}
			c := readCounts(t, counts)
			if c.Valid != res.Summary.Events.OK || c.Invalid != 0 || c.MaxConcurrent != 1 {
				t.Errorf("function %+v, disload %+v", c, res.Summary.Events)
			}
		})
	}
}

// TestIntervalStream: every interval reaches the sink once, in order, and
// they add up to the run's totals.
func TestIntervalStream(t *testing.T) {
	sc := scenario(t, "load: {rate: 400/s, duration: 2500ms}\nbatch: {size: 2}\n")
	var got []reports.IntervalFigures
	res, err := Run(context.Background(), Options{Scenario: sc, Interval: 500 * time.Millisecond,
		Intervals: func(f reports.IntervalFigures) error { got = append(got, f); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	var sent int64
	for i, f := range got {
		if want := float64(i) * 0.5; f.TS != want {
			t.Errorf("interval %d starts at %v s, want %v", i, f.TS, want)
		}
		sent += f.Sent
	}
	if len(got) < 5 || sent != res.Summary.Events.Sent || sent != 1000 {
		t.Errorf("%d intervals adding up to %d sent; summary %d", len(got), sent, res.Summary.Events.Sent)
	}
}
