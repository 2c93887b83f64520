package reports

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/threshold"
)

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
func (sp runSpec) summary(t testing.TB) (*Summary, *metrics.Collector) {
	t.Helper()
	col := sp.record()
	s := NewSummary(RunFacts{Scenario: "synthetic", Target: "inproc:sleep", Mode: "open", Seed: int64(sp.seed),
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
func richSummary(t testing.TB) *Summary {
	t.Helper()
	s, _ := runSpec{start: fixtureStart, seconds: 12, perSec: 200, latency: jitter(3 * time.Millisecond),
		fail: 37, seed: 7}.summary(t)
	s.Scenario = "clicks"
	s.ErrorSamples["timeout"] = []string{"deadline exceeded after 3s", "</script><script>alert(1)</script>"}
	s.ColdStarts = coldStarts([]time.Duration{80 * time.Millisecond, 120 * time.Millisecond})
	th, err := threshold.Parse("p99 < 2ms")
	if err != nil {
		t.Fatal(err)
	}
	EvalAll(s, []threshold.Threshold{th})
	s.ScenarioYAML = "name: clicks\nload: {mode: open, rate: 200/s}\n# </pre></script> stays text\n"
	s.Trigger = &Trigger{Verdict: "kept up: lag stayed under 1 batch", MaxLagMs: 850, FinalLagRecords: 0, Duplicates: 3,
		Partitions: []PartitionFigures{
			{Partition: 0, Produced: 1200, Delivered: 1200, MaxLag: 300, MaxIteratorAgeMs: 850, Rate: 100},
			{Partition: 1, Produced: 1200, Delivered: 1200, MaxLag: 100, MaxIteratorAgeMs: 240, Rate: 100, LimitHit: true},
		}}
	for sec := range 12 {
		for p := range 2 {
			s.Trigger.Lag = append(s.Trigger.Lag, LagPoint{TS: float64(sec), Partition: p,
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
