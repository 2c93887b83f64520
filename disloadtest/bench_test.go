package disloadtest

import (
	"errors"
	"flag"
	"math"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/inproc"
)

// runBench runs fn as a benchmark of n iterations (-benchtime Nx).
func runBench(t *testing.T, n string, fn func(b *testing.B)) testing.BenchmarkResult {
	t.Helper()
	bt := flag.Lookup("test.benchtime")
	old := bt.Value.String()
	if err := bt.Value.Set(n); err != nil {
		t.Fatal(err)
	}
	defer bt.Value.Set(old)
	return testing.Benchmark(fn)
}

func TestBenchmarkReports(t *testing.T) {
	var calls, records atomic.Int64
	h := func(payload []byte, ctx inproc.RuntimeContext) (any, error) {
		calls.Add(1)
		ev, err := dis.Decode(payload)
		if err != nil {
			return "invalid data", err
		}
		records.Add(int64(len(ev.Message.Records)))
		time.Sleep(200 * time.Microsecond)
		return "ok", nil
	}
	res := runBench(t, "40x", func(b *testing.B) { Benchmark(b, h, "default") })
	if res.N != 40 {
		t.Fatalf("N = %d, want 40", res.N)
	}
	// testing.Benchmark runs N=1, then N=40.
	if calls.Load() != 41 || records.Load() != 410 {
		t.Errorf("the handler got %d calls, %d records; want 41 and 410", calls.Load(), records.Load())
	}
	perEvent := res.Extra["records/s"] * res.T.Seconds() / float64(res.N)
	if math.Abs(perEvent-10) > 0.01 {
		t.Errorf("records/s × elapsed / N = %.3f, want the batch size, 10", perEvent)
	}
	if mb := res.Extra["decoded-MB/s"]; mb <= 0 || mb*1e6 < res.Extra["records/s"]*100 {
		t.Errorf("decoded-MB/s = %g for %g records/s: want over 100 bytes a record", mb, res.Extra["records/s"])
	}
	p50, p99 := res.Extra["p50-ns"], res.Extra["p99-ns"]
	if p50 < 200_000 || p99 < p50 {
		t.Errorf("p50-ns = %g, p99-ns = %g: want p50 at least the handler's 200 µs sleep, p99 >= p50", p50, p99)
	}
}

func TestBenchmarkEventsConcurrency(t *testing.T) {
	var now, most atomic.Int64
	h := func([]byte, inproc.RuntimeContext) (any, error) {
		n := now.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(2 * time.Millisecond)
		now.Add(-1)
		return "ok", nil
	}
	events := Events(t, "testdata/small.yaml", 4)
	res := runBench(t, "40x", func(b *testing.B) { BenchmarkEvents(b, h, events, Concurrency(4)) })
	if res.N != 40 {
		t.Fatalf("N = %d, want 40", res.N)
	}
	if most.Load() != 4 {
		t.Errorf("at most %d calls in flight, want 4", most.Load())
	}
	if got := res.Extra["records/s"] * res.T.Seconds() / 40; math.Abs(got-3) > 0.01 {
		t.Errorf("%.3f records per event, want 3", got)
	}
}

func TestBenchmarkFunctionOptions(t *testing.T) {
	for _, tc := range []struct {
		opts inproc.Options
		name string // the function name the handler sees
	}{
		{inproc.Options{UserData: map[string]string{"region": "eu-de"}}, "disloadtest"},
		{inproc.Options{UserData: map[string]string{"region": "eu-de"}, FunctionName: "orders"}, "orders"},
	} {
		var region, name atomic.Value
		h := func(_ []byte, ctx inproc.RuntimeContext) (any, error) {
			region.Store(ctx.GetUserData("region"))
			name.Store(ctx.GetFunctionName())
			return "ok", nil
		}
		runBench(t, "2x", func(b *testing.B) { Benchmark(b, h, "default", FunctionOptions(tc.opts), DistinctEvents(1)) })
		if region.Load() != "eu-de" || name.Load() != tc.name {
			t.Errorf("the handler saw region %v, function %v; want eu-de, %s", region.Load(), name.Load(), tc.name)
		}
	}
}

// TestBenchmarkRegistersNothing: benchmarks leave inproc's registry as it
// was, however many run.
func TestBenchmarkRegistersNothing(t *testing.T) {
	before := inproc.Names()
	for range 3 {
		runBench(t, "2x", func(b *testing.B) { Benchmark(b, inproc.Noop, "default", DistinctEvents(1)) })
	}
	if after := inproc.Names(); !slices.Equal(after, before) {
		t.Errorf("inproc.Names() = %q after 3 benchmarks; was %q", after, before)
	}
}

// TestBenchmarkFails checks that a failing handler or bad options fail the
// benchmark (testing.Benchmark then returns a zero result).
func TestBenchmarkFails(t *testing.T) {
	failing := func([]byte, inproc.RuntimeContext) (any, error) { return "invalid data", errors.New("boom") }
	panicking := func([]byte, inproc.RuntimeContext) (any, error) { panic("oops") }
	for _, tc := range []struct {
		name string
		fn   func(b *testing.B)
	}{
		{"handler error", func(b *testing.B) { Benchmark(b, failing, "default") }},
		{"handler panic", func(b *testing.B) { Benchmark(b, panicking, "default") }},
		{"nil handler", func(b *testing.B) { Benchmark(b, nil, "default") }},
		{"no events", func(b *testing.B) { BenchmarkEvents(b, inproc.Noop, nil) }},
		{"unknown scenario", func(b *testing.B) { Benchmark(b, inproc.Noop, "no-such") }},
		{"concurrency 0", func(b *testing.B) { Benchmark(b, inproc.Noop, "default", Concurrency(0)) }},
		{"bad function options", func(b *testing.B) {
			Benchmark(b, inproc.Noop, "default", FunctionOptions(inproc.Options{MemoryMB: -1}))
		}},
	} {
		if res := runBench(t, "5x", tc.fn); res.N != 0 {
			t.Errorf("%s: the benchmark ran (N = %d), want it failed", tc.name, res.N)
		}
	}
}

func TestBenchConfig(t *testing.T) {
	for _, tc := range []struct {
		opts []Option
		want string
	}{
		{nil, ""},
		{[]Option{Concurrency(3), DistinctEvents(5)}, ""},
		{[]Option{Concurrency(0)}, "Concurrency(0): must be at least 1"},
		{[]Option{DistinctEvents(-1)}, "DistinctEvents(-1): must be at least 1"},
	} {
		c, err := newBenchConfig(tc.opts)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("newBenchConfig(%d options) = %+v, %v; want error %q", len(tc.opts), c, err, tc.want)
		}
	}
}
