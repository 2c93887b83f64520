package reports

import (
	"encoding/json"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/golden"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/metrics/metricstest"
	"github.com/disload/disload/internal/threshold"
)

func fixtureFacts() RunFacts {
	return RunFacts{
		Scenario: "clicks", Target: "inproc:echo", Mode: "open", Seed: 42,
		Started: metricstest.Start, Elapsed: 10 * time.Second, Interrupted: true,
		AskedRate: 120, AchievedRate: 100.3, RateHeld: false,
		Behind: 3200 * time.Millisecond, RateNote: "in-flight cap 64 reached",
		ColdStarts: []time.Duration{120 * time.Millisecond, 80 * time.Millisecond, 300 * time.Millisecond},
		Interval:   time.Second, RunID: "5f3c9a1e0b7d2468", Shard: "1/3",
	}
}

func fixtureSummary(t testing.TB) *Summary {
	s := NewSummary(fixtureFacts(), metricstest.Total())
	var ts []threshold.Threshold
	for _, e := range []string{"p99<200ms", "service.p50 < 1ms", "error_rate<0.1%", "dropped==0"} {
		th, err := threshold.Parse(e)
		if err != nil {
			t.Fatal(err)
		}
		ts = append(ts, th)
	}
	EvalAll(s, ts)
	return s
}

func jsonKeys(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }

func TestSummaryKeys(t *testing.T) {
	m := jsonKeys(t, fixtureSummary(t))
	want := []string{"abandoned", "achieved_rate", "asked_rate", "behind_schedule_ms", "cold_starts", "connections", "duration_s",
		"error_samples", "errors", "events", "histograms", "interrupted", "interval_s", "intervals", "latency_ms",
		"mode", "payload_bytes", "rate_held", "rate_note", "records", "run_id", "scenario", "scheduled", "schema", "seed",
		"shard", "started", "target", "thresholds", "throughput", "unsent"}
	if got := sortedKeys(m); !slices.Equal(got, want) {
		t.Errorf("top-level keys\n got %v\nwant %v", got, want)
	}
	nested := map[string][]string{
		"events":      {"dropped", "failed", "ok", "retried", "sent"},
		"throughput":  {"events_per_s", "payload_bytes_per_s", "records_per_s"},
		"latency_ms":  {"response", "service"},
		"histograms":  {"response", "service"},
		"cold_starts": {"all_ms", "count", "max_ms", "p50_ms"},
	}
	for key, want := range nested {
		if got := sortedKeys(m[key].(map[string]any)); !slices.Equal(got, want) {
			t.Errorf("%s keys: got %v, want %v", key, got, want)
		}
	}
	lat := m["latency_ms"].(map[string]any)["service"].(map[string]any)
	if got, want := sortedKeys(lat), []string{"max", "mean", "min", "p50", "p75", "p90", "p95", "p99", "p999", "p9999"}; !slices.Equal(got, want) {
		t.Errorf("latency keys: got %v, want %v", got, want)
	}
	if m["schema"] != "disload/summary/v1" || m["started"] != "2025-03-14T09:26:53.589Z" {
		t.Errorf("schema %v started %v", m["schema"], m["started"])
	}
}

func TestSummaryEmptyRunShape(t *testing.T) {
	s := NewSummary(RunFacts{RateHeld: true, RateNote: "ignored when held", AskedRate: math.NaN(),
		AchievedRate: math.Inf(1)}, nil)
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	for _, want := range []string{`"errors":{}`, `"error_samples":{}`, `"thresholds":[]`, `"intervals":[]`, `"asked_rate":0`,
		`"achieved_rate":0`, `"events_per_s":0`, `"p99":0`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s:\n%s", want, b)
		}
	}
	for _, absent := range []string{"rate_note", "trigger", "cold_starts", "scenario_yaml"} {
		if strings.Contains(string(b), `"`+absent+`"`) {
			t.Errorf("JSON has %q, want it omitted", absent)
		}
	}
}

func TestNewSummaryFigures(t *testing.T) {
	s := NewSummary(fixtureFacts(), metricstest.Total())
	checks := []struct {
		name      string
		got, want float64
	}{
		{"sent", float64(s.Events.Sent), 1003},
		{"ok", float64(s.Events.OK), 1000},
		{"failed", float64(s.Events.Failed), 3},
		{"dropped", float64(s.Events.Dropped), 7},
		{"retried", float64(s.Events.Retried), 2},
		{"records", float64(s.Records), 10000},
		{"payload_bytes", float64(s.PayloadBytes), 2048000},
		{"events_per_s", s.Throughput.EventsPerS, 100},
		{"records_per_s", s.Throughput.RecordsPerS, 1000},
		{"payload_bytes_per_s", s.Throughput.PayloadBytesPerS, 204800},
		{"duration_s", s.DurationS, 10},
		{"behind_schedule_ms", s.BehindScheduleMs, 3200},
		{"interval_s", s.IntervalS, 1},
		{"errors.timeout", float64(s.Errors["timeout"]), 2},
		{"cold_starts.count", float64(s.ColdStarts.Count), 3},
		{"cold_starts.p50_ms", s.ColdStarts.P50Ms, 120},
		{"cold_starts.max_ms", s.ColdStarts.MaxMs, 300},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if s.RateNote != "in-flight cap 64 reached" || s.RateHeld {
		t.Errorf("rate_held %v note %q", s.RateHeld, s.RateNote)
	}
	if got := s.ErrorSamples["timeout"]; len(got) != 2 || got[0] != "deadline exceeded after 3s" {
		t.Errorf("timeout samples %q", got)
	}
}

func TestNewSummaryLatencyFromHistograms(t *testing.T) {
	total := metricstest.Total()
	s := NewSummary(fixtureFacts(), total)
	resp := total.Response
	cases := []struct {
		name string
		got  float64
		ns   int64
	}{
		{"min", s.Latency.Response.Min, resp.Min()},
		{"p50", s.Latency.Response.P50, resp.ValueAtQuantile(50)},
		{"p90", s.Latency.Response.P90, resp.ValueAtQuantile(90)},
		{"p99", s.Latency.Response.P99, resp.ValueAtQuantile(99)},
		{"p999", s.Latency.Response.P999, resp.ValueAtQuantile(99.9)},
		{"max", s.Latency.Response.Max, resp.Max()},
		{"service.p50", s.Latency.Service.P50, total.Service.ValueAtQuantile(50)},
	}
	for _, c := range cases {
		if want := float64(c.ns) / 1e6; c.got != want {
			t.Errorf("%s = %vms, want %vms", c.name, c.got, want)
		}
	}
	// Known data: response times 10µs..10ms in 10µs steps, plus 2, 3 and 50 ms.
	if p50 := s.Latency.Response.P50; math.Abs(p50-5) > 0.01 {
		t.Errorf("p50 = %vms, want about 5ms", p50)
	}
	if mx := s.Latency.Response.Max; math.Abs(mx-50) > 0.05 {
		t.Errorf("max = %vms, want about 50ms", mx)
	}
	if mean := s.Latency.Response.Mean; math.Abs(mean-5.05) > 0.05 {
		t.Errorf("mean = %vms, want about 5.05ms", mean)
	}
}

func TestSummaryHistogramsRoundTrip(t *testing.T) {
	total := metricstest.Total()
	resp, svc, err := NewSummary(fixtureFacts(), total).Histograms()
	if err != nil {
		t.Fatal(err)
	}
	if !resp.Equals(total.Response) || !svc.Equals(total.Service) {
		t.Errorf("decoded histograms differ from the recorded ones")
	}
}

func TestSummaryHistogramsErrors(t *testing.T) {
	good := NewSummary(fixtureFacts(), metricstest.Total()).HDR
	cases := []struct {
		name string
		hdr  EncodedHistograms
		want string
	}{
		{"missing response", EncodedHistograms{Service: good.Service}, "histograms.response: missing"},
		{"garbage service", EncodedHistograms{Response: good.Response, Service: "not base64 !"}, "histograms.service:"},
		{"truncated response", EncodedHistograms{Response: good.Response[:12], Service: good.Service}, "histograms.response:"},
	}
	for _, c := range cases {
		s := &Summary{HDR: c.hdr}
		if _, _, err := s.Histograms(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to contain %q", c.name, err, c.want)
		}
	}
}

func TestColdStartsMedian(t *testing.T) {
	cases := []struct {
		in       []time.Duration
		p50, max float64
	}{
		{[]time.Duration{5 * time.Millisecond}, 5, 5},
		{[]time.Duration{4 * time.Millisecond, 2 * time.Millisecond}, 2, 4},
		{[]time.Duration{9, 1, 5, 7}, 5e-6, 9e-6},
	}
	for _, c := range cases {
		got := coldStarts(c.in)
		if got.Count != len(c.in) || got.P50Ms != c.p50 || got.MaxMs != c.max {
			t.Errorf("coldStarts(%v) = %+v, want p50 %v max %v", c.in, got, c.p50, c.max)
		}
	}
}

func BenchmarkNewSummary(b *testing.B) {
	total := metricstest.Total()
	facts := fixtureFacts()
	for b.Loop() {
		NewSummary(facts, total)
	}
}

func BenchmarkRecordHDR(b *testing.B) {
	// Latencies spread over 1µs..~1s, one RecordValue per operation.
	var values [1024]int64
	for i := range values {
		values[i] = int64(time.Microsecond) << (i % 20) * int64(1+i%7)
	}
	h := metrics.NewHistogram()
	i := 0
	for b.Loop() {
		_ = h.RecordValue(values[i&1023])
		i++
	}
}

func writeGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}
