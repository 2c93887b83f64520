package hlog

import (
	"errors"
	"math/rand/v2"
	"time"

	"github.com/disload/disload/internal/metrics"
)

// fixtureStart is when the synthetic runs start.
var fixtureStart = time.Date(2025, 3, 14, 9, 26, 53, 589_000_000, time.UTC)

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

// failWriter fails after its first `after` writes.
type failWriter struct{ after int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.after <= 0 {
		return 0, errors.New("disk full")
	}
	f.after--
	return len(p), nil
}
