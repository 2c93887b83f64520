package disloadtest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/inproc"
	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/metrics"
)

// DefaultDistinctEvents is how many distinct events Benchmark generates
// and cycles through, unless DistinctEvents says otherwise.
const DefaultDistinctEvents = 64

// Option changes how Benchmark and BenchmarkEvents drive the handler.
type Option func(*benchConfig)

type benchConfig struct {
	concurrency int
	distinct    int
	function    inproc.Options
}

// Concurrency sets how many calls are in flight at once: that many
// closed-loop workers, each calling the handler as soon as its previous call
// returned (default 1). Use it to measure a handler that shares state.
func Concurrency(n int) Option { return func(c *benchConfig) { c.concurrency = n } }

// DistinctEvents sets how many distinct events Benchmark generates ahead
// of the timer and then cycles through (default DefaultDistinctEvents).
func DistinctEvents(n int) Option { return func(c *benchConfig) { c.distinct = n } }

// FunctionOptions sets what the handler's RuntimeContext reports (user
// data, memory, timeout) and where its log lines go (default: discarded).
func FunctionOptions(o inproc.Options) Option { return func(c *benchConfig) { c.function = o } }

func newBenchConfig(opts []Option) (benchConfig, error) {
	c := benchConfig{concurrency: 1, distinct: DefaultDistinctEvents}
	for _, o := range opts {
		o(&c)
	}
	if c.concurrency < 1 {
		return c, fmt.Errorf("Concurrency(%d): must be at least 1", c.concurrency)
	}
	if c.distinct < 1 {
		return c, fmt.Errorf("DistinctEvents(%d): must be at least 1", c.distinct)
	}
	return c, nil
}

// Benchmark drives b.N events of a scenario (a built-in name, a YAML path,
// or "" for default) through h with disload's harness, in a closed loop,
// and reports the run's figures. The events are generated before the
// timer starts (see DistinctEvents), so the figures are the handler's, plus
// the harness's own cost of under a microsecond per event.
func Benchmark(b *testing.B, h inproc.Handler, scenario string, opts ...Option) {
	b.Helper()
	c, err := newBenchConfig(opts)
	if err != nil {
		b.Fatalf("disloadtest: %v", err)
	}
	BenchmarkEvents(b, h, Events(b, scenario, c.distinct), opts...)
}

// BenchmarkEvents is Benchmark on given events, such as a Corpus, cycled
// through in order. Besides ns/op (per event) it reports, with
// b.ReportMetric:
//
//	records/s     records handled per second
//	decoded-MB/s  the records' data, base64-decoded, in 10^6 bytes per second
//	p50-ns        median service time of a call, from an HDR histogram
//	p99-ns        99th percentile of the service time
//
// An event that the handler fails (an error, a nil result, a panic) fails
// the benchmark with the handler's message.
func BenchmarkEvents(b *testing.B, h inproc.Handler, events [][]byte, opts ...Option) {
	b.Helper()
	c, err := newBenchConfig(opts)
	if err != nil {
		b.Fatalf("disloadtest: %v", err)
	}
	if h == nil || len(events) == 0 {
		b.Fatalf("disloadtest: BenchmarkEvents needs a handler and at least one event")
	}
	tgt, err := newTarget(h, c.function)
	if err != nil {
		b.Fatalf("disloadtest: %v", err)
	}
	defer tgt.Close()
	col := metrics.NewCollector(time.Second)
	cfg := harness.Config{Mode: harness.Closed, Concurrency: c.concurrency, MaxEvents: int64(b.N)}
	src := cycle(events)
	b.ReportAllocs()
	b.ResetTimer()
	_, err = harness.Run(context.Background(), cfg, src, tgt, col)
	b.StopTimer()
	if err != nil {
		b.Fatalf("disloadtest: %v", err)
	}
	report(b, col.Total())
}

// newTarget makes h an in-process target, as `disload run -t inproc:NAME`
// would call it, with the function name "disloadtest" unless o names one.
func newTarget(h inproc.Handler, o inproc.Options) (harness.Target, error) {
	if o.FunctionName == "" {
		o.FunctionName = "disloadtest"
	}
	tgt, err := inproc.NewTarget(h, o)
	if err != nil {
		return nil, err // not a nil *Target in a non-nil interface
	}
	return tgt, nil
}

// cycle is a harness source handing out copies of events in order, with
// their record counts and decoded sizes.
func cycle(events [][]byte) harness.Source {
	type meta struct {
		records int
		bytes   int64
	}
	metas := make([]meta, len(events))
	for i, e := range events {
		if ev, err := dis.Decode(e); err == nil {
			metas[i].records = len(ev.Message.Records)
			for _, r := range ev.Message.Records {
				metas[i].bytes += int64(len(r.Data))
			}
		}
	}
	var n int64
	return harness.SourceFunc(func(ev *harness.Event) {
		i := int(n % int64(len(events)))
		ev.Index, ev.Records, ev.PayloadBytes = n, metas[i].records, metas[i].bytes
		ev.Payload = append(ev.Payload[:0], events[i]...)
		n++
	})
}

// report fails the benchmark on failed calls, else reports the figures.
func report(b *testing.B, tot *metrics.Interval) {
	if tot.Failed > 0 {
		classes := slices.Sorted(maps.Keys(tot.Errors))
		first := classes[0]
		b.Fatalf("disloadtest: %d of %d calls failed; %s: %v", tot.Failed, tot.Sent, first, tot.Samples[first])
	}
	secs := b.Elapsed().Seconds()
	if secs <= 0 {
		return
	}
	b.ReportMetric(float64(tot.Records)/secs, "records/s")
	b.ReportMetric(float64(tot.PayloadBytes)/1e6/secs, "decoded-MB/s")
	b.ReportMetric(float64(tot.Service.ValueAtQuantile(50)), "p50-ns")
	b.ReportMetric(float64(tot.Service.ValueAtQuantile(99)), "p99-ns")
}
