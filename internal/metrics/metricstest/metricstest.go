// Package metricstest holds the synthetic runs the tests of the report
// packages (internal/hlog, internal/reports, internal/render,
// internal/compare) record into metrics collectors. It is test support:
// only _test.go files import it. It depends on internal/metrics alone, so
// the tests of every package above metrics can use it without an import
// cycle; the summaries built from these runs live in
// internal/reports/reportstest.
package metricstest

import (
	"errors"
	"math/rand/v2"
	"time"

	"github.com/disload/disload/internal/metrics"
)

// Start is when the synthetic runs start.
var Start = time.Date(2025, 3, 14, 9, 26, 53, 589_000_000, time.UTC)

// Spec describes a synthetic run: PerSec events a second for Seconds
// seconds, each taking Latency(rng), every Fail-th one failing.
type Spec struct {
	Start   time.Time
	Seconds int
	PerSec  int
	Latency func(r *rand.Rand) time.Duration
	Fail    int
	Seed    uint64
	Delay   time.Duration // nothing happens before it
}

// Jitter returns a latency of base ± up to a quarter of base, uniform.
func Jitter(base time.Duration) func(r *rand.Rand) time.Duration {
	return func(r *rand.Rand) time.Duration {
		return base + time.Duration((r.Float64()-0.5)*0.5*float64(base))
	}
}

// Record runs the spec into a collector with 1 s intervals, as two workers.
func (sp Spec) Record() *metrics.Collector {
	col := metrics.NewCollector(time.Second)
	rng := rand.New(rand.NewPCG(sp.Seed, 42))
	recs := []*metrics.Recorder{col.NewRecorder(), col.NewRecorder()}
	period := time.Second / time.Duration(sp.PerSec)
	for i := range sp.Seconds * sp.PerSec {
		intended := sp.Delay + time.Duration(i)*period
		lat := sp.Latency(rng)
		r := metrics.Result{Intended: intended, Start: intended + lat/10, End: intended + lat, Records: 10, Bytes: 1000}
		if sp.Fail > 0 && i%sp.Fail == sp.Fail-1 {
			r.Class, r.Message = "timeout", "deadline exceeded"
		}
		recs[i%2].Record(&r)
	}
	for _, r := range recs {
		r.Flush()
	}
	return col
}

// Timeline records into intervals 0, 1 and 3 (2 stays empty) from two
// workers, with different latencies per interval.
func Timeline() *metrics.Collector {
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

// Total is a run of 1000 successes with response times 10µs..10ms (service
// time a quarter of it) and three failures, 7 events dropped, 2 retried.
func Total() *metrics.Interval {
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

// FailWriter fails with "disk full" after its first After writes.
type FailWriter struct{ After int }

// Write counts the write against After, failing once none are left.
func (f *FailWriter) Write(p []byte) (int, error) {
	if f.After <= 0 {
		return 0, errors.New("disk full")
	}
	f.After--
	return len(p), nil
}
