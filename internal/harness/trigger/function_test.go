package trigger

import (
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/target/function"
)

// The real-time tests below run the engine's rules against the compiled
// test function (../../target/function/testdata/fn), as `disload run -t function:`
// does. Each is a few seconds; the capacity searches (about 20 s each) are
// skipped with -short.

var (
	fnOnce sync.Once
	fnPath string
	fnErr  error
)

// testFunction builds the test function once per test binary.
func testFunction(t *testing.T) string {
	t.Helper()
	fnOnce.Do(func() {
		dir, err := os.MkdirTemp("", "disload-trigger-fn-")
		if err != nil {
			fnErr = err
			return
		}
		fnPath = filepath.Join(dir, "fn")
		if out, err := exec.Command("go", "build", "-o", fnPath, "../../target/function/testdata/fn").CombinedOutput(); err != nil {
			fnErr = err
			fnPath = string(out)
		}
	})
	if fnErr != nil {
		t.Fatalf("build the test function: %v\n%s", fnErr, fnPath)
	}
	return fnPath
}

// recording passes calls to a function pool and records, per partition,
// overlaps and order, as fakeTarget does.
type recording struct {
	*function.Pool
	seen *fakeTarget
}

func (r *recording) Invoke(ctx context.Context, ev *harness.Event) harness.Outcome {
	first, last, _ := seqRange(ev.Payload)
	r.seen.enter(batchTrace{partition: ev.Partition, first: first, last: last, start: time.Now()})
	defer r.seen.leave(ev.Partition)
	return r.Pool.Invoke(ctx, ev)
}

// functionTarget is a pool on the test function with env and opts, closed
// at the end of the test.
func functionTarget(t *testing.T, opts function.Options, env ...string) *recording {
	t.Helper()
	opts.Path = testFunction(t)
	opts.Env = map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		opts.Env[k] = v
	}
	p, err := function.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	// Its owner starts a target, once (Run and FindMax do not).
	if err := p.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	seen := newFakeTarget(0)
	return &recording{Pool: p, seen: seen}
}

// realRun runs cfg against tgt for real.
func realRun(t *testing.T, cfg Config, s Stream, tgt harness.Target) *Result {
	t.Helper()
	res, err := Run(t.Context(), cfg, s, tgt, nil)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

// TestFunctionIssueBars: the issue's bars with the compiled function and
// no instance settings: at 600 records/s no two calls of a partition
// overlap, batches come in order and the lag stays under 1.5 s; at 3,600
// it passes 1 s.
func TestFunctionIssueBars(t *testing.T) {
	for _, tc := range []struct {
		rate      float64
		keepingUp bool
	}{{600, true}, {3600, false}} {
		t.Run(grouped(tc.rate), func(t *testing.T) {
			tgt := functionTarget(t, function.Options{}, "FN_SLEEP=200ms")
			cfg := issueBar(tc.rate)
			cfg.Duration = 3 * time.Second
			res := realRun(t, cfg, uniform(4, 50), tgt)
			checkSerial(t, tgt.seen, res, 4)
			if res.KeepingUp != tc.keepingUp || tc.keepingUp && res.MaxLagMs >= 1500 || !tc.keepingUp && res.MaxLagMs <= 1000 {
				t.Errorf("%v records/s: verdict %q, max lag %v ms", tc.rate, res.Verdict, res.MaxLagMs)
			}
			if st := tgt.Stats(); tc.keepingUp && (st.PeakInstances < 2 || st.QueuedAtMax != 0) {
				t.Errorf("instances %+v: want them started on demand, none queued at the max", st)
			}
		})
	}
}

// TestFunctionQueueingIsNotTimeout: a 600 ms function with a 1 s timeout
// on 4 partitions at 400 records/s: no timeout and no failure, with the
// default instances and with a single instance, on which the calls of the
// 4 partitions queue (up to 1.8 s) before they start.
func TestFunctionQueueingIsNotTimeout(t *testing.T) {
	for _, tc := range []struct {
		name      string
		instances function.Instances
	}{{"default instances", function.Instances{}}, {"one instance", function.Instances{Min: 1, Max: 1}}} {
		t.Run(tc.name, func(t *testing.T) {
			tgt := functionTarget(t, function.Options{Timeout: time.Second, Instances: tc.instances}, "FN_SLEEP=600ms")
			cfg := issueBar(400)
			// The grace outlasts the queue (4 calls of 600 ms on one
			// instance), so the stop interrupts none: this test is about
			// timeouts, not the stop.
			cfg.Duration, cfg.Timeout, cfg.Grace = 3*time.Second, time.Second, 5*time.Second
			col := metrics.NewCollector(time.Second)
			res, err := Run(t.Context(), cfg, uniform(4, 50), tgt, col)
			if err != nil {
				t.Fatal(err)
			}
			tot := col.Total()
			if tot.Failed != 0 || tot.Errors["timeout"] != 0 || res.Skipped != 0 || tot.OK == 0 {
				t.Errorf("ok %d, failed %d, errors %v, skipped %d: want no failure", tot.OK, tot.Failed, tot.Errors, res.Skipped)
			}
			if st := tgt.Stats(); tc.instances.Max == 1 && (st.QueuedAtMax == 0 || st.LongestQueue < 600*time.Millisecond) {
				t.Errorf("one instance: stats %+v, want calls queued behind each other", st)
			}
		})
	}
}

// TestFunctionFailingEveryCall: retries 0, skip, a function that fails
// every call: delivered 0, and the verdict says data is dropped.
func TestFunctionFailingEveryCall(t *testing.T) {
	tgt := functionTarget(t, function.Options{}, "FN_FAIL_EVERY=1")
	cfg := issueBar(400)
	cfg.Duration, cfg.Retries, cfg.OnFailure = 2*time.Second, 0, OnFailureSkip
	res := realRun(t, cfg, uniform(4, 50), tgt)
	if res.KeepingUp || res.Delivered != 0 || res.Skipped == 0 || !strings.HasPrefix(res.Verdict, VerdictDropping) {
		t.Errorf("keeping up %v, delivered %d, skipped %d, verdict %q", res.KeepingUp, res.Delivered, res.Skipped, res.Verdict)
	}
}

// TestFunctionGivingUpStopsTheRun: a function that dies in every first
// call makes the pool give up; the run stops with that error at once.
func TestFunctionGivingUpStopsTheRun(t *testing.T) {
	tgt := functionTarget(t, function.Options{Instances: function.Instances{Min: 1, Max: 1}}, "FN_EXIT_AT=1")
	cfg := issueBar(400)
	cfg.Duration = 10 * time.Second
	start := time.Now()
	res, err := Run(t.Context(), cfg, uniform(4, 50), tgt, nil)
	if err == nil || res != nil || !strings.Contains(err.Error(), VerdictGaveUp) || !strings.Contains(err.Error(), "failed starts in a row") {
		t.Fatalf("Run = %v, %v; want the pool's error", res, err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the run went on for %v after the pool gave up", d)
	}
}

// TestFunctionFindMax: the capacity search with default steps finds a
// 200 ms function's capacity, batch 100: 500 records/s on 1 partition,
// 2,000 on 4, within 10%, then the confirmation run on the same pool.
func TestFunctionFindMax(t *testing.T) {
	if testing.Short() {
		t.Skip("about 20 s per case")
	}
	for _, tc := range []struct {
		partitions int
		capacity   float64
	}{{1, 500}, {4, 2000}} {
		t.Run(grouped(tc.capacity), func(t *testing.T) {
			tgt := functionTarget(t, function.Options{}, "FN_SLEEP=200ms")
			base := Config{Format: testFormat, RecordRate: 1000, BatchSize: 100, Poll: 100 * time.Millisecond, Serial: true}
			streams := func(float64) (Stream, error) { return uniform(tc.partitions, 50), nil }
			capa, err := FindMax(t.Context(), base, streams, tgt, Steps{})
			if err != nil {
				t.Fatal(err)
			}
			if d := math.Abs(capa.MaxSustainable-tc.capacity) / tc.capacity; d > 0.10 {
				t.Errorf("max sustainable %.0f, %.1f%% off %.0f; steps %+v", capa.MaxSustainable, 100*d, tc.capacity, capa.Steps)
			}
			cfg := base
			cfg.RecordRate, cfg.Duration = capa.MaxSustainable, 2*time.Second
			res, err := Run(t.Context(), cfg, uniform(tc.partitions, 50), tgt, nil)
			if err != nil || res.Delivered == 0 {
				t.Fatalf("confirmation run on the started pool: %v", err)
			}
		})
	}
}
