package reports

import (
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/metrics/metricstest"
	"github.com/disload/disload/internal/threshold"
)

// twoRuns are runs that overlap in time: b starts 2.5 s after a, has other
// latencies, rates and error classes.
func twoRuns(t *testing.T) (a, b *Summary) {
	a, _ = summary(t, metricstest.Spec{Start: metricstest.Start, Seconds: 10, PerSec: 100, Latency: metricstest.Jitter(time.Millisecond), Fail: 10, Seed: 1})
	b, _ = summary(t, metricstest.Spec{Start: metricstest.Start.Add(2500 * time.Millisecond), Seconds: 8, PerSec: 150,
		Latency: metricstest.Jitter(3 * time.Millisecond), Fail: 7, Seed: 2})
	b.Errors["panic"] = 2 // a second class, only in b
	b.Events.Failed += 2
	b.Events.Sent += 2
	b.ErrorSamples["timeout"] = []string{"deadline exceeded", "late by 3s"}
	b.ErrorSamples["panic"] = []string{"nil map"}
	return a, b
}

func TestMergeAddsUpExactly(t *testing.T) {
	a, b := twoRuns(t)
	m, err := Merge([]*Summary{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if m.Events != (Events{Sent: a.Events.Sent + b.Events.Sent, OK: a.Events.OK + b.Events.OK,
		Failed: a.Events.Failed + b.Events.Failed}) {
		t.Errorf("events %+v, want the sums of %+v and %+v", m.Events, a.Events, b.Events)
	}
	if m.Records != a.Records+b.Records || m.PayloadBytes != a.PayloadBytes+b.PayloadBytes {
		t.Errorf("records %d bytes %d", m.Records, m.PayloadBytes)
	}
	wantErrors := map[string]int64{"timeout": a.Errors["timeout"] + b.Errors["timeout"], "panic": 2}
	if !maps.Equal(m.Errors, wantErrors) {
		t.Errorf("errors %v, want %v", m.Errors, wantErrors)
	}
	if got := m.ErrorSamples["timeout"]; !slices.Equal(got, []string{"deadline exceeded", "late by 3s"}) {
		t.Errorf("timeout samples %q: want each distinct message once", got)
	}
	if m.Latency.Response.Max != max(a.Latency.Response.Max, b.Latency.Response.Max) {
		t.Errorf("merged max %v, want the larger of %v and %v", m.Latency.Response.Max, a.Latency.Response.Max, b.Latency.Response.Max)
	}
	resp, _, err := m.Histograms()
	if err != nil || resp.TotalCount() != a.Events.Sent+b.Events.Sent-2 {
		t.Errorf("merged histogram holds %d values (%v)", resp.TotalCount(), err)
	}
	// The union of the runs' times: a from 0 to 10 s, b from 2.5 to 10.5 s.
	if !m.Started.Equal(a.Started) || m.DurationS != 10.5 {
		t.Errorf("started %v, duration %vs; want %v and 10.5s", m.Started, m.DurationS, a.Started)
	}
	if want := float64(m.Events.OK) / 10.5; math.Abs(m.Throughput.EventsPerS-want) > 1e-9 {
		t.Errorf("events/s %v, want %v", m.Throughput.EventsPerS, want)
	}
	if m.AskedRate != 250 || !m.RateHeld {
		t.Errorf("asked rate %v held %v", m.AskedRate, m.RateHeld)
	}
}

func TestMergeAlignsIntervals(t *testing.T) {
	a, b := twoRuns(t)
	m, err := Merge([]*Summary{a, b})
	if err != nil {
		t.Fatal(err)
	}
	// 2.5 s rounds to the slot 3 s on: b's interval k lands in slot k+3.
	if len(m.Intervals) != 11 {
		t.Fatalf("%d intervals, want 11 (0..10)", len(m.Intervals))
	}
	var sent int64
	for i, iv := range m.Intervals {
		want := int64(0)
		if i < len(a.Intervals) {
			want += a.Intervals[i].Sent
		}
		if k := i - 3; k >= 0 && k < len(b.Intervals) {
			want += b.Intervals[k].Sent
		}
		if iv.Sent != want || iv.TS != float64(i) {
			t.Errorf("interval %d: t_s %v sent %d, want %d", i, iv.TS, iv.Sent, want)
		}
		sent += iv.Sent
	}
	if sent != a.Events.Sent+b.Events.Sent-2 {
		t.Errorf("intervals add up to %d sent", sent)
	}
	// Where both runs share an interval its max is the larger max.
	if got, want := m.Intervals[5].ResponseMs.Max, max(a.Intervals[5].ResponseMs.Max, b.Intervals[2].ResponseMs.Max); got != want {
		t.Errorf("interval 5 max %v, want %v", got, want)
	}
}

func TestMergeOneRunIsTheRun(t *testing.T) {
	a, _ := twoRuns(t)
	m, err := Merge([]*Summary{a})
	if err != nil {
		t.Fatal(err)
	}
	if m.Events != a.Events || m.Latency != a.Latency || m.DurationS != a.DurationS || m.Throughput != a.Throughput ||
		len(m.Intervals) != len(a.Intervals) || m.Intervals[4].ResponseMs != a.Intervals[4].ResponseMs || m.HDR != a.HDR {
		t.Errorf("merging one run changed it:\n got %+v\nwant %+v", m, a)
	}
}

func TestMergeReevaluatesThresholds(t *testing.T) {
	a, b := twoRuns(t)
	for _, s := range []*Summary{a, b} {
		th, err := threshold.Parse("sent > 2000")
		if err != nil {
			t.Fatal(err)
		}
		EvalAll(s, []threshold.Threshold{th})
	}
	m, err := Merge([]*Summary{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if a.Thresholds[0].OK || b.Thresholds[0].OK || len(m.Thresholds) != 1 || !m.Thresholds[0].OK {
		t.Errorf("thresholds: a %+v b %+v merged %+v; want only the merged run to pass", a.Thresholds, b.Thresholds, m.Thresholds)
	}
}

func TestMergeSetUp(t *testing.T) {
	a, b := twoRuns(t)
	b.Scenario, b.RateHeld, b.RateNote, b.Interrupted = "other", false, "cap reached", true
	b.ScenarioYAML, a.ScenarioYAML = "name: other\n", "name: synthetic\n"
	m, err := Merge([]*Summary{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if m.Scenario != "synthetic,other" || m.Mode != "open" || m.RateHeld || !strings.Contains(m.RateNote, "(cap reached)") || !m.Interrupted {
		t.Errorf("scenario %q mode %q held %v note %q interrupted %v", m.Scenario, m.Mode, m.RateHeld, m.RateNote, m.Interrupted)
	}
	if m.ScenarioYAML != "name: synthetic\n\n---\nname: other\n" {
		t.Errorf("scenario YAML %q", m.ScenarioYAML)
	}
}

func TestMergeErrors(t *testing.T) {
	a, b := twoRuns(t)
	broken := *b
	broken.HDR.Response = "garbage"
	wide := *b
	wide.IntervalS = 5
	badThreshold := *b
	badThreshold.Thresholds = []ThresholdResult{{Expr: "p99 <"}}
	cases := []struct {
		name string
		sums []*Summary
		want string
	}{
		{"no runs", nil, "merge: no runs"},
		{"nil run", []*Summary{a, nil}, "merge: run 2: no summary"},
		{"widths differ", []*Summary{a, &wide}, "run 2 has 5s intervals, run 1 1s"},
		{"broken histogram", []*Summary{a, &broken}, "merge: run 2: histograms.response"},
		{"bad threshold", []*Summary{a, &badThreshold}, "merge: run 2: threshold"},
	}
	for _, c := range cases {
		_, err := Merge(c.sums)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to contain %q", c.name, err, c.want)
		}
	}
}

func TestMergeTriggers(t *testing.T) {
	a, b := twoRuns(t)
	e2e := func(ms ...int64) *Trigger {
		h := metrics.NewHistogram()
		for _, v := range ms {
			_ = h.RecordValue(v * int64(time.Millisecond))
		}
		tr := &Trigger{}
		tr.SetEndToEnd(h)
		return tr
	}
	a.Trigger, b.Trigger = e2e(10, 20, 30), e2e(40, 500)
	a.Trigger.Verdict, b.Trigger.Verdict = "kept up", "fell behind on partition 1"
	a.Trigger.MaxLagMs, b.Trigger.MaxLagMs = 100, 900
	a.Trigger.FinalLagRecords, b.Trigger.FinalLagRecords = 0, 70
	a.Trigger.Partitions = []PartitionFigures{{Partition: 0, Produced: 10, Delivered: 10, MaxLag: 3, Rate: 1}}
	b.Trigger.Partitions = []PartitionFigures{{Partition: 1, Produced: 9, Delivered: 2, FinalLag: 7, LimitHit: true},
		{Partition: 0, Produced: 1, Delivered: 1, MaxLag: 5, Rate: 2}}
	a.Trigger.Lag = []LagPoint{{TS: 1, Partition: 0, LagRecords: 3}, {TS: 3, Partition: 0}}
	b.Trigger.Lag = []LagPoint{{TS: 0, Partition: 1, LagRecords: 7}}
	m, err := Merge([]*Summary{a, b})
	if err != nil {
		t.Fatal(err)
	}
	tr := m.Trigger
	if tr.Verdict != "kept up; fell behind on partition 1" || tr.MaxLagMs != 900 || tr.FinalLagRecords != 70 {
		t.Errorf("trigger %+v", tr)
	}
	if e := tr.EndToEndMs; e.Max < 499 || e.Min > 10.01 || tr.EndToEndHDR == "" {
		t.Errorf("end-to-end %+v: want the merged histogram's figures", e)
	}
	wantParts := []PartitionFigures{{Partition: 0, Produced: 11, Delivered: 11, MaxLag: 5, Rate: 3},
		{Partition: 1, Produced: 9, Delivered: 2, FinalLag: 7, LimitHit: true}}
	if !slices.Equal(tr.Partitions, wantParts) {
		t.Errorf("partitions %+v, want %+v", tr.Partitions, wantParts)
	}
	wantLag := []LagPoint{{TS: 1, Partition: 0, LagRecords: 3}, {TS: 2.5, Partition: 1, LagRecords: 7}, {TS: 3, Partition: 0}}
	if !slices.Equal(tr.Lag, wantLag) {
		t.Errorf("lag %+v, want %+v (b's re-based by 2.5 s)", tr.Lag, wantLag)
	}
	b.Trigger.EndToEndHDR = "" // without a histogram the figures are bounds
	m, err = Merge([]*Summary{a, b})
	if err != nil || m.Trigger.EndToEndMs.Max != b.Trigger.EndToEndMs.Max || m.Trigger.EndToEndHDR != "" {
		t.Errorf("without histograms: %v %+v", err, m.Trigger)
	}
}

func TestMergeColdStarts(t *testing.T) {
	a, b := twoRuns(t)
	a.ColdStarts = coldStarts([]time.Duration{10 * time.Millisecond, 30 * time.Millisecond})
	b.ColdStarts = coldStarts([]time.Duration{20 * time.Millisecond})
	m, err := Merge([]*Summary{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if c := m.ColdStarts; c.Count != 3 || c.P50Ms != 20 || c.MaxMs != 30 || !slices.Equal(c.AllMs, []float64{10, 20, 30}) {
		t.Errorf("cold starts %+v", c)
	}
	b.ColdStarts.AllMs = nil // an older summary: figures are bounds
	m, _ = Merge([]*Summary{a, b})
	if c := m.ColdStarts; c.Count != 3 || c.MaxMs != 30 || c.AllMs != nil {
		t.Errorf("cold starts without all_ms %+v", c)
	}
}

// TestMergeEngineCounts: the engine's counts, stale resends and a function
// target's instances add up; aborted_by is carried; a part that did not
// hold its rate is named with its own figures, and the merged table says so.
func TestMergeEngineCounts(t *testing.T) {
	a, b := twoRuns(t)
	a.Scheduled, a.Unsent, a.Abandoned, a.Connections.StaleRetries = 1200, 3, 1, 4
	b.Scheduled, b.Unsent, b.Abandoned, b.Connections.StaleRetries = 1300, 5, 2, 6
	a.Instances = &InstanceFigures{Max: 4, Peak: 3, ColdStarts: 3, QueuedAtMax: 10, LongestQueueMs: 20}
	b.Instances = &InstanceFigures{Max: 4, Peak: 4, ColdStarts: 5, QueuedAtMax: 1, LongestQueueMs: 90}
	b.AbortedBy = "error_rate<1%"
	a.Engine = &EngineFigures{Ended: "duration", DrainS: 0.2, BehindLimitMs: 100, Workers: 3, WorkersStarted: 4}
	b.Engine = &EngineFigures{Ended: "interrupted", DrainS: 0.5, BehindLimitMs: 50, Workers: 2, WorkersStarted: 2}
	a.Shard, b.Shard = "0/2", "1/2"
	b.RateHeld, b.AskedRate, b.AchievedRate, b.BehindScheduleMs, b.RateNote = false, 300, 300, 1500, "in-flight cap 64 reached"
	m, err := Merge([]*Summary{a, b})
	if err != nil {
		t.Fatal(err)
	}
	got := [4]int64{m.Scheduled, m.Unsent, m.Abandoned, m.Connections.StaleRetries}
	if want := [4]int64{2500, 8, 3, 10}; got != want {
		t.Errorf("scheduled, unsent, abandoned, stale retries = %v, want %v", got, want)
	}
	wantIn := InstanceFigures{Max: 8, Peak: 7, ColdStarts: 8, QueuedAtMax: 11, LongestQueueMs: 90}
	if m.Instances == nil || *m.Instances != wantIn || m.PeakInstances != 7 {
		t.Errorf("instances %+v peak %d, want %+v", m.Instances, m.PeakInstances, wantIn)
	}
	wantEngine := EngineFigures{Ended: "duration, interrupted", DrainS: 0.5, BehindLimitMs: 100, Workers: 5, WorkersStarted: 6}
	if m.Engine == nil || *m.Engine != wantEngine {
		t.Errorf("engine %+v, want %+v", m.Engine, wantEngine)
	}
	if m.AbortedBy != "error_rate<1%" {
		t.Errorf("aborted_by %q", m.AbortedBy)
	}
	if want := "1/2 asked 300/s, achieved 300/s, fell 1.5s behind schedule (in-flight cap 64 reached)"; m.RateHeld || m.RateNote != want {
		t.Errorf("rate held %v note %q, want not held and %q", m.RateHeld, m.RateNote, want)
	}
}

// TestMergeOverflow: every added count refuses a sum beyond 64 bits,
// naming the field.
func TestMergeOverflow(t *testing.T) {
	cases := []struct {
		name string
		set  func(s *Summary)
		want string
	}{
		{"unsent", func(s *Summary) { s.Unsent = math.MaxInt64 }, "unsent"},
		{"stale retries", func(s *Summary) { s.Connections.StaleRetries = math.MaxInt64 }, "connections.stale_retries"},
		{"queued", func(s *Summary) { s.Instances = &InstanceFigures{QueuedAtMax: math.MaxInt64} }, "instances"},
		{"trigger duplicates", func(s *Summary) { s.Trigger = &Trigger{Duplicates: math.MaxInt64} }, "trigger 2: duplicates"},
		{"partition produced", func(s *Summary) {
			s.Trigger = &Trigger{Partitions: []PartitionFigures{{Partition: 3, Produced: math.MaxInt64}}}
		}, "partitions[3]: produced"},
	}
	for _, c := range cases {
		a, b := twoRuns(t)
		c.set(a)
		c.set(b)
		_, err := Merge([]*Summary{a, b})
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "overflows") {
			t.Errorf("%s: err = %v, want an overflow naming %q", c.name, err, c.want)
		}
	}
}

func BenchmarkMerge(b *testing.B) {
	var sums []*Summary
	for i := range 8 {
		s, _ := summary(b, metricstest.Spec{Start: metricstest.Start.Add(time.Duration(i) * 100 * time.Millisecond), Seconds: 600, PerSec: 20,
			Latency: metricstest.Jitter(time.Millisecond), Seed: uint64(i)})
		sums = append(sums, s)
	}
	for b.Loop() {
		if _, err := Merge(sums); err != nil {
			b.Fatal(err)
		}
	}
}
