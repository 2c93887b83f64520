package render

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/threshold"
)

var update = flag.Bool("update", false, "rewrite golden files")

var fixtureStart = time.Date(2025, 3, 14, 9, 26, 53, 589_000_000, time.UTC)

// fixtureTotal is a run of 1000 successes with response times 10µs..10ms
// (service time a quarter of it) and two failures.
func fixtureTotal() *metrics.Interval {
	iv := metrics.NewInterval(0)
	for i := 1; i <= 1000; i++ {
		d := time.Duration(i) * 10 * time.Microsecond
		iv.Record(&metrics.Result{Intended: 0, Start: d * 3 / 4, End: d, Records: 10, Bytes: 2048})
	}
	iv.Record(&metrics.Result{Start: 10 * time.Millisecond, End: 50 * time.Millisecond,
		Class: "timeout", Message: "deadline exceeded after 3s"})
	iv.Record(&metrics.Result{Start: time.Millisecond, End: 2 * time.Millisecond,
		Class: "FunctionReturnError", Message: "handler: boom\n  at line 3"})
	iv.Record(&metrics.Result{Start: time.Millisecond, End: 3 * time.Millisecond,
		Class: "timeout", Message: "deadline exceeded after 3s"})
	iv.Dropped, iv.Retried = 7, 2
	return iv
}

func fixtureFacts() reports.RunFacts {
	return reports.RunFacts{
		Scenario: "clicks", Target: "inproc:echo", Mode: "open", Seed: 42,
		Started: fixtureStart, Elapsed: 10 * time.Second, Interrupted: true,
		AskedRate: 120, AchievedRate: 100.3, RateHeld: false,
		Behind: 3200 * time.Millisecond, RateNote: "in-flight cap 64 reached",
		ColdStarts: []time.Duration{120 * time.Millisecond, 80 * time.Millisecond, 300 * time.Millisecond},
		Interval:   time.Second, RunID: "5f3c9a1e0b7d2468", Shard: "1/3",
	}
}

func fixtureSummary(t testing.TB) *reports.Summary {
	s := reports.NewSummary(fixtureFacts(), fixtureTotal())
	var ts []threshold.Threshold
	for _, e := range []string{"p99<200ms", "service.p50 < 1ms", "error_rate<0.1%", "dropped==0"} {
		th, err := threshold.Parse(e)
		if err != nil {
			t.Fatal(err)
		}
		ts = append(ts, th)
	}
	reports.EvalAll(s, ts)
	return s
}

// runSpec describes a synthetic run: perSec events a second for seconds
// seconds, each taking latency(rng), every fail-th one failing.
type runSpec struct {
	start   time.Time
	seconds int
	perSec  int
	latency func(r *rand.Rand) time.Duration
	fail    int
	seed    uint64
	delay   time.Duration // nothing happens before it
}

// jitter returns a latency of base ± up to a quarter of base, uniform.
func jitter(base time.Duration) func(r *rand.Rand) time.Duration {
	return func(r *rand.Rand) time.Duration {
		return base + time.Duration((r.Float64()-0.5)*0.5*float64(base))
	}
}

// record runs the spec into a collector with 1 s intervals, as two workers.
func (sp runSpec) record() *metrics.Collector {
	col := metrics.NewCollector(time.Second)
	rng := rand.New(rand.NewPCG(sp.seed, 42))
	recs := []*metrics.Recorder{col.NewRecorder(), col.NewRecorder()}
	period := time.Second / time.Duration(sp.perSec)
	for i := range sp.seconds * sp.perSec {
		intended := sp.delay + time.Duration(i)*period
		lat := sp.latency(rng)
		r := metrics.Result{Intended: intended, Start: intended + lat/10, End: intended + lat, Records: 10, Bytes: 1000}
		if sp.fail > 0 && i%sp.fail == sp.fail-1 {
			r.Class, r.Message = "timeout", "deadline exceeded"
		}
		recs[i%2].Record(&r)
	}
	for _, r := range recs {
		r.Flush()
	}
	return col
}

// summary runs the spec and returns its summary with intervals.
func (sp runSpec) summary(t testing.TB) (*reports.Summary, *metrics.Collector) {
	t.Helper()
	col := sp.record()
	s := reports.NewSummary(reports.RunFacts{Scenario: "synthetic", Target: "inproc:sleep", Mode: "open", Seed: int64(sp.seed),
		Started: sp.start, Elapsed: sp.delay + time.Duration(sp.seconds)*time.Second, AskedRate: float64(sp.perSec),
		AchievedRate: float64(sp.perSec), RateHeld: true, Interval: time.Second,
		RunID: fmt.Sprintf("fixture-%d-%d", sp.seed, sp.start.UnixMilli())}, col.Total())
	if err := s.AddIntervals(col); err != nil {
		t.Fatal(err)
	}
	return s, col
}

// richSummary is a run with errors, thresholds, a trigger section with a
// lag timeline, cold starts and a scenario: every part of a report.
func richSummary(t testing.TB) *reports.Summary {
	t.Helper()
	s, _ := runSpec{start: fixtureStart, seconds: 12, perSec: 200, latency: jitter(3 * time.Millisecond),
		fail: 37, seed: 7}.summary(t)
	s.Scenario = "clicks"
	s.ErrorSamples["timeout"] = []string{"deadline exceeded after 3s", "</script><script>alert(1)</script>"}
	s.ColdStarts = reports.NewSummary(reports.RunFacts{ColdStarts: []time.Duration{80 * time.Millisecond, 120 * time.Millisecond}}, nil).ColdStarts
	th, err := threshold.Parse("p99 < 2ms")
	if err != nil {
		t.Fatal(err)
	}
	reports.EvalAll(s, []threshold.Threshold{th})
	s.ScenarioYAML = "name: clicks\nload: {mode: open, rate: 200/s}\n# </pre></script> stays text\n"
	s.Trigger = &reports.Trigger{Verdict: "kept up: lag stayed under 1 batch", MaxLagMs: 850, FinalLagRecords: 0, Duplicates: 3,
		Partitions: []reports.PartitionFigures{
			{Partition: 0, Produced: 1200, Delivered: 1200, MaxLag: 300, MaxIteratorAgeMs: 850, Rate: 100},
			{Partition: 1, Produced: 1200, Delivered: 1200, MaxLag: 100, MaxIteratorAgeMs: 240, Rate: 100, LimitHit: true},
		}}
	for sec := range 12 {
		for p := range 2 {
			s.Trigger.Lag = append(s.Trigger.Lag, reports.LagPoint{TS: float64(sec), Partition: p,
				LagRecords: int64((sec%4 + 1) * 50 * (2 - p)), IteratorAgeMs: float64((sec%4 + 1) * 100 * (2 - p))})
		}
	}
	h := metrics.NewHistogram()
	for i := 1; i <= 100; i++ {
		_ = h.RecordValue(int64(i) * int64(time.Millisecond))
	}
	s.Trigger.SetEndToEnd(h)
	return s
}

// two workers, with different latencies per interval.
func fixtureTimeline() *metrics.Collector {
	col := metrics.NewCollector(time.Second)
	for w := range 2 {
		rec := col.NewRecorder()
		for _, sec := range []int{0, 1, 3} {
			for i := range 200 {
				end := time.Duration(sec)*time.Second + time.Duration(i)*time.Millisecond
				lat := time.Duration((sec+1)*(i+1)*(w+1)) * 37 * time.Microsecond
				rec.Record(&metrics.Result{Intended: end - lat, Start: end - lat/3, End: end, Records: 1})
			}
		}
		rec.Flush()
	}
	return col
}

// writeGolden compares got with testdata/name (rewriting it under -update).
func writeGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs (go test -update rewrites it)\n got:\n%s\nwant:\n%s", path, got, want)
	}
}
