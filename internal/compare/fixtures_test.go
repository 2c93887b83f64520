package compare

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/reports"
)

var update = flag.Bool("update", false, "rewrite golden files")

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

// run runs the spec and returns it as compare reads a result directory:
// the summary with its interval log.
func (sp runSpec) run(t testing.TB) *Run {
	t.Helper()
	s, col := sp.summary(t)
	var buf bytes.Buffer
	if err := hlog.Write(&buf, s.Started, col); err != nil {
		t.Fatal(err)
	}
	l, err := hlog.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return &Run{Summary: s, Log: l}
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

// failWriter fails after its first `after` writes.
type failWriter struct{ after int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.after <= 0 {
		return 0, errors.New("disk full")
	}
	f.after--
	return len(p), nil
}
