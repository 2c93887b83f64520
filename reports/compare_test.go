package reports

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/metrics"
)

// handlerRun is 10 s at 300 events/s of a handler taking base ± 25%.
func handlerRun(t *testing.T, base time.Duration, seed uint64) *Summary {
	t.Helper()
	s, _ := runSpec{start: fixtureStart, seconds: 10, perSec: 300, latency: jitter(base), seed: seed}.summary(t)
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

func TestCompareFlagsSlowerHandler(t *testing.T) {
	c := Compare(handlerRun(t, time.Millisecond, 1), handlerRun(t, 2*time.Millisecond, 2))
	for _, name := range []string{"response.p50", "response.p90", "response.p99", "response.mean", "service.p50"} {
		f := figure(t, c, name)
		if !f.Tested || !f.Worse() || *f.ChangePct < 80 || *f.ChangePct > 120 {
			t.Errorf("%s: %+v, want a significant rise of about 100%%", name, *f)
		}
	}
	regs := c.Regressions(50)
	if !slices.ContainsFunc(regs, func(r string) bool { return strings.HasPrefix(r, "response.p99: ") }) {
		t.Errorf("regressions beyond 50%% = %q, want response.p99 among them", regs)
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
		c := Compare(handlerRun(t, time.Millisecond, 10+seed), handlerRun(t, time.Millisecond, 20+seed))
		if regs := c.Regressions(0); len(regs) != 0 {
			t.Errorf("seeds %d/%d: regressions %q between two draws of one distribution", 10+seed, 20+seed, regs)
		}
		for _, f := range c.Figures {
			if f.Kind == KindLatency && f.Significant && strings.Contains(f.Method, "order-statistic") {
				t.Errorf("seed %d: %s called significant: %+v", seed, f.Name, f)
			}
		}
	}
}

func TestCompareThroughputDrop(t *testing.T) {
	old := handlerRun(t, time.Millisecond, 1)
	slow, _ := runSpec{start: fixtureStart, seconds: 10, perSec: 200, latency: jitter(time.Millisecond), seed: 2}.summary(t)
	c := Compare(old, slow)
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
	a, _ := runSpec{start: fixtureStart, seconds: 5, perSec: 200, latency: jitter(time.Millisecond), fail: 100, seed: 1}.summary(t)
	b, _ := runSpec{start: fixtureStart, seconds: 5, perSec: 200, latency: jitter(time.Millisecond), fail: 10, seed: 1}.summary(t)
	f := figure(t, Compare(a, b), "error_rate")
	if !f.Tested || !f.Worse() || math.Abs(f.Old-1) > 1e-9 || math.Abs(f.New-10) > 1e-9 {
		t.Errorf("error rate 1%% → 10%%: %+v", *f)
	}
	if regs := Compare(a, b).Regressions(0); slices.ContainsFunc(regs, func(r string) bool { return strings.HasPrefix(r, "error_rate") }) {
		t.Error("error rate is a regression; Regressions is for latency and throughput (use thresholds for errors)")
	}
}

func TestCompareWithoutHistograms(t *testing.T) {
	a, b := handlerRun(t, time.Millisecond, 1), handlerRun(t, 2*time.Millisecond, 2)
	b.HDR = EncodedHistograms{}
	c := Compare(a, b)
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
	a.Trigger, b.Trigger = &Trigger{MaxLagMs: 10}, &Trigger{MaxLagMs: 0}
	var buf bytes.Buffer
	if err := Compare(a, b).WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	writeGolden(t, "compare.golden", buf.Bytes())
	if err := Compare(a, b).WriteTable(&failWriter{}); err == nil {
		t.Error("no error from a failing writer")
	}
}

func TestCompareJSON(t *testing.T) {
	a := handlerRun(t, time.Millisecond, 1)
	var buf bytes.Buffer
	if err := Compare(a, handlerRun(t, 2*time.Millisecond, 2)).WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Confidence float64
		Figures    []struct {
			Name      string
			ChangePct *float64   `json:"change_pct"`
			OldCI     []*float64 `json:"old_ci"`
			NewCI     []*float64 `json:"new_ci"`
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
		if f.Name == "response.p99" && (len(f.OldCI) != 2 || f.OldCI[1] == nil || *f.OldCI[0] > *f.OldCI[1]) {
			t.Errorf("p99 CI %v, want a bounded interval at n=3000", f.OldCI)
		}
		// 3000 values cannot bound the 99.9th percentile from above at 99%.
		if f.Name == "response.p99.9" && len(f.OldCI) != 0 {
			t.Errorf("p99.9 CI %v, want none (not tested)", f.OldCI)
		}
	}
}

func TestQuantileCI(t *testing.T) {
	h := metrics.NewHistogram()
	for i := 1; i <= 10000; i++ {
		_ = h.RecordValue(int64(i) * int64(time.Microsecond))
	}
	cases := []struct {
		q      float64
		lo, hi float64 // µs, the exact order statistics
	}{
		// n·q ∓ 2.576·sqrt(n·q·(1−q)): 5000 ∓ 128.8 → ranks 4871, 5129.
		{0.5, 4871, 5129},
		// 9900 ∓ 25.63 → ranks 9874, 9926.
		{0.99, 9874, 9926},
	}
	for _, c := range cases {
		ci, ok := quantileCI(h, c.q)
		if !ok || math.Abs(ci.Lo/1e3-c.lo) > c.lo*1e-3 || math.Abs(ci.Hi/1e3-c.hi) > c.hi*1e-3 {
			t.Errorf("q %v: CI [%v, %v] µs, want [%v, %v] within the histogram's precision", c.q, ci.Lo/1e3, ci.Hi/1e3, c.lo, c.hi)
		}
	}
	// 10 values cannot bound the 99.9th percentile from above.
	small := metrics.NewHistogram()
	for i := range 10 {
		_ = small.RecordValue(int64(i+1) * 1e6)
	}
	if ci, ok := quantileCI(small, 0.999); !ok || !math.IsInf(ci.Hi, 1) {
		t.Errorf("small sample p99.9 CI %+v, want unbounded above", ci)
	}
	if _, ok := quantileCI(metrics.NewHistogram(), 0.5); ok {
		t.Error("CI of an empty histogram")
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
	for _, c := range []struct{ df, want float64 }{{5, 4.032}, {9, 3.250}, {30, 2.750}, {1e9, 2.576}} {
		if got := tCrit(c.df); math.Abs(got-c.want)/c.want > 0.01 {
			t.Errorf("tCrit(%v) = %v, want %v within 1%%", c.df, got, c.want)
		}
	}
}

func BenchmarkCompare(b *testing.B) {
	a, _ := runSpec{start: fixtureStart, seconds: 60, perSec: 200, latency: jitter(time.Millisecond), seed: 1}.summary(b)
	c, _ := runSpec{start: fixtureStart, seconds: 60, perSec: 200, latency: jitter(2 * time.Millisecond), seed: 2}.summary(b)
	for b.Loop() {
		Compare(a, c)
	}
}
