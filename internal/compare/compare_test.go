package compare

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/golden"
	"github.com/disload/disload/internal/metrics/metricstest"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/reports/reportstest"
)

// handlerRun is 10 s at 300 events/s of a handler taking base ± 25%.
func handlerRun(t *testing.T, base time.Duration, seed uint64) *reports.Summary {
	t.Helper()
	s, _ := reportstest.Summary(t, metricstest.Spec{Start: metricstest.Start, Seconds: 10, PerSec: 300, Latency: metricstest.Jitter(base), Seed: seed})
	return s
}

func figure(t *testing.T, c *Comparison, name string) *Figure {
	t.Helper()
	for i := range c.Figures {
		if c.Figures[i].Name == name {
			return &c.Figures[i]
		}
	}
	t.Fatalf("no figure %q", name)
	return nil
}

// handlerRunLog is handlerRun with its interval log.
func handlerRunLog(t *testing.T, base time.Duration, seed uint64) *Run {
	t.Helper()
	return run(t, metricstest.Spec{Start: metricstest.Start, Seconds: 10, PerSec: 300, Latency: metricstest.Jitter(base), Seed: seed})
}

func TestCompareFlagsSlowerHandler(t *testing.T) {
	c := Runs([]*Run{handlerRunLog(t, time.Millisecond, 1)}, []*Run{handlerRunLog(t, 2*time.Millisecond, 2)})
	for _, name := range []string{"response.p50", "response.p90", "response.mean", "service.p50", "service.mean"} {
		f := figure(t, c, name)
		if !f.Tested || !f.Worse() || *f.ChangePct < 80 || *f.ChangePct > 120 {
			t.Errorf("%s: %+v, want a significant rise of about 100%%", name, *f)
		}
	}
	// One run per side: tails are shown with their CI, not judged.
	for _, name := range []string{"response.p99", "response.p99.9"} {
		if f := figure(t, c, name); f.Tested || f.Worse() || len(f.ChangeCI) != 2 {
			t.Errorf("%s with one run per side: %+v, want a CI but no judgement", name, *f)
		}
	}
	regs := c.Regressions(50)
	if !slices.ContainsFunc(regs, func(r string) bool { return strings.HasPrefix(r, "response.p50: ") }) ||
		slices.ContainsFunc(regs, func(r string) bool { return strings.HasPrefix(r, "response.p99: ") }) {
		t.Errorf("regressions beyond 50%% = %q, want response.p50 among them and no tail", regs)
	}
	// Two runs per side: the tails are judged too.
	c2 := Runs([]*Run{handlerRunLog(t, time.Millisecond, 1), handlerRunLog(t, time.Millisecond, 3)},
		[]*Run{handlerRunLog(t, 2*time.Millisecond, 2), handlerRunLog(t, 2*time.Millisecond, 4)})
	for _, name := range []string{"response.p99", "response.p99.9"} {
		if f := figure(t, c2, name); !f.Tested || !f.Worse() {
			t.Errorf("%s with two runs per side: %+v, want a significant rise", name, *f)
		}
	}
	if regs := c.Regressions(150); len(regs) != 0 {
		t.Errorf("regressions beyond 150%% = %q, want none (the change is about 100%%)", regs)
	}
	if f := figure(t, c, "events_per_s"); f.Worse() {
		t.Errorf("throughput flagged although both runs held 300/s: %+v", *f)
	}
}

func TestCompareSameDistributionIsNoise(t *testing.T) {
	for seed := range uint64(5) {
		c := Runs([]*Run{handlerRunLog(t, time.Millisecond, 10+seed)}, []*Run{handlerRunLog(t, time.Millisecond, 20+seed)})
		if regs := c.Regressions(0); len(regs) != 0 {
			t.Errorf("seeds %d/%d: regressions %q between two draws of one distribution", 10+seed, 20+seed, regs)
		}
		for _, f := range c.Figures {
			if f.Kind == KindLatency && f.Worse() {
				t.Errorf("seed %d: %s called significant: %+v", seed, f.Name, f)
			}
		}
	}
}

// hiccupRun is 10 s at 300/s of a 1 ms handler, but for one second in
// which the machine stalls and every event takes 3 ms: a slow second that
// moves the whole run's tail, as a shared machine does.
func hiccupRun(t *testing.T, seed uint64, slowSecond int) *Run {
	t.Helper()
	n := 0
	lat := func(r *rand.Rand) time.Duration {
		n++
		d := metricstest.Jitter(time.Millisecond)(r)
		if (n-1)/300 == slowSecond {
			d *= 3
		}
		return d
	}
	return run(t, metricstest.Spec{Start: metricstest.Start, Seconds: 10, PerSec: 300, Latency: lat, Seed: seed})
}

// TestCompareOneSlowSecondIsNoise: a stall of one second in ten lifts the
// run's p99 and p99.9 far beyond the events' sampling error (what the
// order-statistic test judged), but one block in ten is no evidence that
// the configuration changed.
func TestCompareOneSlowSecondIsNoise(t *testing.T) {
	for seed := range uint64(4) {
		old, new := handlerRunLog(t, time.Millisecond, 30+seed), hiccupRun(t, 40+seed, int(seed)*3)
		c := Runs([]*Run{old}, []*Run{new})
		if p99 := figure(t, c, "response.p99"); *p99.ChangePct < 50 {
			t.Fatalf("seed %d: p99 %+.0f%%: the stall should lift the run's p99", seed, *p99.ChangePct)
		}
		if regs := c.Regressions(10); len(regs) != 0 {
			t.Errorf("seed %d: one slow second in ten fails the 10%% gate: %q", seed, regs)
		}
	}
}

// levelRun is a run of a 1 ms handler whose machine is level percent
// slower throughout the run (run-to-run variation).
func levelRun(t *testing.T, seed uint64, level float64) *Run {
	t.Helper()
	base := time.Duration(float64(time.Millisecond) * (1 + level/100))
	return run(t, metricstest.Spec{Start: metricstest.Start, Seconds: 5, PerSec: 300, Latency: metricstest.Jitter(base), Seed: seed})
}

// TestCompareSeveralRunsPerSide: runs that differ from each other by up
// to 15% as a whole are judged by the spread of their means, so three runs
// against three read no regression; a 2× slower handler still fails.
func TestCompareSeveralRunsPerSide(t *testing.T) {
	old := []*Run{levelRun(t, 1, 0), levelRun(t, 2, 15), levelRun(t, 3, 5)}
	same := []*Run{levelRun(t, 4, 12), levelRun(t, 5, -2), levelRun(t, 6, 8)}
	slow := []*Run{levelRun(t, 7, 100), levelRun(t, 8, 115), levelRun(t, 9, 105)}
	c := Runs(old, same)
	if regs := c.Regressions(10); len(regs) != 0 {
		t.Errorf("3 runs against 3 of one configuration: regressions %q", regs)
	}
	if c.OldRuns != 3 || c.NewRuns != 3 || !strings.HasPrefix(c.sideLine(c.Old, c.OldRuns), "3 runs · ") {
		t.Errorf("runs %d/%d", c.OldRuns, c.NewRuns)
	}
	if f := figure(t, c, "events.sent"); f.Old != 1500 {
		t.Errorf("events.sent of 3 runs of 1500 = %v, want their mean", f.Old)
	}
	regs := Runs(old, slow).Regressions(10)
	if !slices.ContainsFunc(regs, func(r string) bool { return strings.HasPrefix(r, "response.p50: ") }) {
		t.Errorf("2× slower, 3 runs each: regressions %q, want response.p50 among them", regs)
	}
}

func TestCompareVerdict(t *testing.T) {
	fast, slow := handlerRunLog(t, time.Millisecond, 1), handlerRunLog(t, 2*time.Millisecond, 2)
	short := run(t, metricstest.Spec{Start: metricstest.Start, Seconds: 1, PerSec: 300, Latency: metricstest.Jitter(time.Millisecond), Seed: 4})
	short2 := run(t, metricstest.Spec{Start: metricstest.Start, Seconds: 1, PerSec: 300, Latency: metricstest.Jitter(2 * time.Millisecond), Seed: 5})
	cases := []struct {
		name     string
		old, new *Run
		want     string
	}{
		{"slower", fast, slow, "verdict: worse: response.mean +"},
		{"faster", slow, fast, "verdict: better: response.mean -"},
		{"same", fast, handlerRunLog(t, time.Millisecond, 3), "verdict: no significant change"},
		{"too short", short, short2, "verdict: latency not tested: each side needs 3 or more complete intervals"},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		if err := Runs([]*Run{c.old}, []*Run{c.new}).WriteTable(&buf); err != nil {
			t.Fatal(err)
		}
		if first, _, _ := strings.Cut(buf.String(), "\n"); !strings.HasPrefix(first, c.want) {
			t.Errorf("%s: first line %q, want %q…", c.name, first, c.want)
		}
	}
}

func TestCompareThroughputDrop(t *testing.T) {
	old := handlerRun(t, time.Millisecond, 1)
	slow, _ := reportstest.Summary(t, metricstest.Spec{Start: metricstest.Start, Seconds: 10, PerSec: 200, Latency: metricstest.Jitter(time.Millisecond), Seed: 2})
	c := Summaries(old, slow)
	f := figure(t, c, "events_per_s")
	if !f.Tested || !f.Worse() {
		t.Errorf("events/s 300 → 200 not a significant drop: %+v", *f)
	}
	if regs := c.Regressions(10); !slices.ContainsFunc(regs, func(r string) bool { return strings.HasPrefix(r, "events_per_s: 300/s → 200/s") }) {
		t.Errorf("regressions %q", regs)
	}
	if !slices.ContainsFunc(c.Notes, func(n string) bool { return strings.Contains(n, "asked rate differs") }) {
		t.Errorf("notes %q lack the differing asked rate", c.Notes)
	}
}

func TestCompareErrorRate(t *testing.T) {
	a, _ := reportstest.Summary(t, metricstest.Spec{Start: metricstest.Start, Seconds: 5, PerSec: 200, Latency: metricstest.Jitter(time.Millisecond), Fail: 100, Seed: 1})
	b, _ := reportstest.Summary(t, metricstest.Spec{Start: metricstest.Start, Seconds: 5, PerSec: 200, Latency: metricstest.Jitter(time.Millisecond), Fail: 10, Seed: 1})
	f := figure(t, Summaries(a, b), "error_rate")
	if !f.Tested || !f.Worse() || math.Abs(f.Old-1) > 1e-9 || math.Abs(f.New-10) > 1e-9 {
		t.Errorf("error rate 1%% → 10%%: %+v", *f)
	}
	if regs := Summaries(a, b).Regressions(0); slices.ContainsFunc(regs, func(r string) bool { return strings.HasPrefix(r, "error_rate") }) {
		t.Error("error rate is a regression; Regressions is for latency and throughput (use thresholds for errors)")
	}
}

func TestCompareWithoutHistograms(t *testing.T) {
	a, b := handlerRun(t, time.Millisecond, 1), handlerRun(t, 2*time.Millisecond, 2)
	b.HDR = reports.EncodedHistograms{}
	c := Summaries(a, b)
	if f := figure(t, c, "response.p99"); f.Tested || f.Significant {
		t.Errorf("p99 tested without histograms: %+v", *f)
	}
	if !slices.ContainsFunc(c.Notes, func(n string) bool { return strings.Contains(n, "histograms are missing") }) {
		t.Errorf("notes %q", c.Notes)
	}
}

func TestCompareTableGolden(t *testing.T) {
	a, b := handlerRun(t, time.Millisecond, 1), handlerRun(t, 2*time.Millisecond, 2)
	b.Scenario = "synthetic-v2"
	a.Trigger, b.Trigger = &reports.Trigger{MaxLagMs: 10}, &reports.Trigger{MaxLagMs: 0}
	var buf bytes.Buffer
	if err := Summaries(a, b).WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "compare.golden"), buf.Bytes())
	if err := Summaries(a, b).WriteTable(&metricstest.FailWriter{}); err == nil {
		t.Error("no error from a failing writer")
	}
}

func TestCompareJSON(t *testing.T) {
	a := handlerRun(t, time.Millisecond, 1)
	var buf bytes.Buffer
	if err := Summaries(a, handlerRun(t, 2*time.Millisecond, 2)).WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Confidence float64
		Figures    []struct {
			Name      string
			ChangePct *float64  `json:"change_pct"`
			ChangeCI  []float64 `json:"change_ci"`
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Confidence != 0.99 || len(back.Figures) == 0 {
		t.Fatalf("JSON %s", buf.String())
	}
	for _, f := range back.Figures {
		if f.Name == "events.dropped" && (f.ChangePct == nil || *f.ChangePct != 0) {
			t.Errorf("0 → 0 change = %v, want 0", f.ChangePct)
		}
		if f.Name == "response.p99" && (len(f.ChangeCI) != 2 || f.ChangeCI[0] > *f.ChangePct || f.ChangeCI[1] < f.ChangeCI[0]) {
			t.Errorf("p99 change %v, CI %v: want an interval around a rise", *f.ChangePct, f.ChangeCI)
		}
		// summary.json's intervals hold no p99.9: without latency.hlog it is not tested.
		if f.Name == "response.p99.9" && len(f.ChangeCI) != 0 {
			t.Errorf("p99.9 CI %v, want none (not tested)", f.ChangeCI)
		}
	}
}

func TestSignificanceTests(t *testing.T) {
	cases := []struct {
		name string
		got  bool
		want bool
	}{
		{"welch: clearly apart", welch(10, 1, 30, 12, 1, 30), true},
		{"welch: within noise", welch(10, 1, 30, 10.3, 1, 30), false},
		{"welch: no spread, same", welch(5, 0, 10, 5, 0, 10), false},
		{"welch: no spread, apart", welch(5, 0, 10, 6, 0, 10), true},
		{"welch: one value", welch(5, 1, 1, 50, 1, 1), false},
		{"proportions: 1% vs 10% of 1000", proportions(10, 1000, 100, 1000), true},
		{"proportions: 1% vs 1.2% of 1000", proportions(10, 1000, 12, 1000), false},
		{"proportions: none failed", proportions(0, 100, 0, 100), false},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	// Student t quantiles for 99% two-sided confidence.
	for _, c := range []struct{ df, want float64 }{{1, 63.657}, {2, 9.925}, {3, 5.841}, {5, 4.032}, {9, 3.250},
		{30, 2.750}, {1e9, 2.576}} {
		if got := tCrit(c.df); math.Abs(got-c.want)/c.want > 0.001 {
			t.Errorf("tCrit(%v) = %v, want %v within 0.1%%", c.df, got, c.want)
		}
	}
}

func BenchmarkCompare(b *testing.B) {
	a, _ := reportstest.Summary(b, metricstest.Spec{Start: metricstest.Start, Seconds: 60, PerSec: 200, Latency: metricstest.Jitter(time.Millisecond), Seed: 1})
	c, _ := reportstest.Summary(b, metricstest.Spec{Start: metricstest.Start, Seconds: 60, PerSec: 200, Latency: metricstest.Jitter(2 * time.Millisecond), Seed: 2})
	for b.Loop() {
		Summaries(a, c)
	}
}
