package trigger

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/internal/golden"
	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/metrics"
)

func TestRecBufTakeWithinFetchBytes(t *testing.T) {
	for _, tc := range []struct {
		name          string
		size          int
		want, maxByte int
		n             int
		bytes         int64
	}{
		{"batch size bounds", 10, 5, 1000, 5, 50},
		{"fetch bytes bound", 10, 5, 35, 3, 30},
		{"exact fit", 10, 5, 40, 4, 40},
		{"one record even when too large", 100, 5, 10, 1, 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := uniform(1, tc.size)
			var b recBuf
			n, got := b.take(s, 0, tc.want, tc.maxByte)
			if n != tc.n || got != tc.bytes {
				t.Fatalf("take = %d records, %d bytes; want %d, %d", n, got, tc.n, tc.bytes)
			}
			b.drop(n)
			// What a pull leaves (generated, not taken) comes first next time.
			n2, _ := b.take(s, 0, 1, tc.maxByte)
			if n2 != 1 || b.seqs[0] != int64(tc.n) {
				t.Fatalf("next pull starts at sequence %d, want %d", b.seqs[0], tc.n)
			}
			if want := fmt.Sprintf("p0-s%d", tc.n); !bytes.HasPrefix(b.record(0), []byte(want)) {
				t.Fatalf("next record %q, want prefix %q", b.record(0), want)
			}
		})
	}
}

func TestRecBufDropKeepsRest(t *testing.T) {
	s := newFakeStream(0, 1)
	var b recBuf
	for range 5 {
		b.gen(s, 0)
	}
	b.drop(2)
	if b.len() != 3 || string(b.record(0)) != "p0-s2" || string(b.record(2)) != "p0-s4" || b.seqs[1] != 3 {
		t.Fatalf("after drop: %d records, first %q, last %q", b.len(), b.record(0), b.record(2))
	}
}

// captureTarget keeps every event, returning at once.
type captureTarget struct {
	mu     sync.Mutex
	events [][]byte
	at     []time.Time
}

func (c *captureTarget) Invoke(_ context.Context, ev *harness.Event) harness.Outcome {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.events = append(c.events, append([]byte(nil), ev.Payload...))
	c.at = append(c.at, time.Now())
	return harness.Outcome{}
}
func (c *captureTarget) Close() error { return nil }

// tenPerSecond is one partition written 10 records/s, pulled 4 at a time:
// at 1 s the poller finds records 0..9 (written at 0.1 s .. 1.0 s) and
// pulls 4, 4, 2 at once; the run stops at 1.5 s, before the next pull.
func tenPerSecond() Config {
	return Config{RecordRate: 10, Duration: 1500 * time.Millisecond, BatchSize: 4, Serial: true, Poll: time.Second,
		Format: disEvents{streamName: "dis-test", tag: "v1", reportLag: true}}
}

func TestEventsGolden(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := &captureTarget{}
		res, _ := runIn(t, tenPerSecond(), newFakeStream(6, 1), tgt)
		if len(tgt.events) != 3 {
			t.Fatalf("%d events, want 3", len(tgt.events))
		}
		got := append(bytes.Join(tgt.events, []byte("\n")), '\n')
		golden.Check(t, filepath.Join("testdata", "events.golden.jsonl"), got)
		for i, ev := range tgt.events {
			if probs := dis.Validate(ev); len(probs) > 0 {
				t.Errorf("event %d: %v", i, probs)
			}
		}
		if res.Produced != 15 || res.Delivered != 10 || res.FinalLagRecords != 5 {
			t.Errorf("produced %d, delivered %d, final lag %d; want 15, 10, 5", res.Produced, res.Delivered, res.FinalLagRecords)
		}
	})
}

func TestLagArithmetic(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := &captureTarget{}
		res, _ := runIn(t, tenPerSecond(), newFakeStream(6, 1), tgt)
		// Behind after each pull at 1 s: records 4..9 (oldest written at
		// 0.5 s), 8..9 (0.9 s), none.
		for i, want := range []string{"500", "100", "0"} {
			ev, err := dis.Decode(tgt.events[i])
			if err != nil {
				t.Fatal(err)
			}
			if ev.Message.MillisBehindLatest != want {
				t.Errorf("event %d: millis_behind_latest %q, want %q", i, ev.Message.MillisBehindLatest, want)
			}
		}
		// Iterator age: the first batch's first record was written at
		// 0.1 s and delivered at 1 s.
		if res.MaxIteratorAge != 900*time.Millisecond || res.MaxLagMs != 900 {
			t.Errorf("max iterator age %v, max lag %v ms; want 900ms", res.MaxIteratorAge, res.MaxLagMs)
		}
		// End to end: the 10 records end at 1 s, written 0.1 s .. 1.0 s.
		e2e := res.EndToEnd
		if e2e.TotalCount() != 10 || e2e.Min() != 0 || !e2e.ValuesAreEquivalent(e2e.Max(), int64(900*time.Millisecond)) {
			t.Errorf("end-to-end: %d values, min %v, max %v; want 10, 0, 900ms", e2e.TotalCount(), e2e.Min(), time.Duration(e2e.Max()))
		}
		p := res.Partitions[0]
		if p.MaxLag != 10 || p.FinalLag != 5 || p.MaxIteratorAgeMs != 900 || p.MeanRecordBytes != 6 {
			t.Errorf("partition: %+v", p)
		}
		if len(res.Warnings) != 1 {
			t.Errorf("warnings %q, want the one about a run shorter than two polls", res.Warnings)
		}
	})
}

func TestReportLagOffLeavesFieldEmpty(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := &captureTarget{}
		cfg := tenPerSecond()
		cfg.Format = disEvents{streamName: "dis-test", tag: "v1", dialect: dis.DialectHuaweiSDK}
		runIn(t, cfg, newFakeStream(6, 1), tgt)
		want := []byte(`"millisBehindLatest":""`)
		for i, ev := range tgt.events {
			if !bytes.Contains(ev, want) || !bytes.Contains(ev, []byte("next_patition_cursor")) {
				t.Errorf("event %d: %s", i, ev)
			}
		}
	})
}

func TestMaxFetchBytesSplitsBatches(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := newFakeTarget(0)
		cfg := Config{Format: testFormat, RecordRate: 100, Duration: time.Second, BatchSize: 10, MaxFetchBytes: 250, Serial: true, Drain: time.Second}
		res, _ := runIn(t, cfg, uniform(1, 100), tgt)
		if len(tgt.outOfOrder) > 0 {
			t.Errorf("out of order: %v", tgt.outOfOrder)
		}
		for _, c := range tgt.calls {
			if n := c.last - c.first + 1; n != 2 {
				t.Fatalf("batch %d..%d holds %d records, want 2 (250 bytes of 100-byte records)", c.first, c.last, n)
			}
		}
		if res.Delivered != 100 || res.FinalLagRecords != 0 {
			t.Errorf("delivered %d, final lag %d; want 100, 0", res.Delivered, res.FinalLagRecords)
		}
	})
}

func TestIteratorStartingPosition(t *testing.T) {
	for _, tc := range []struct {
		iterator  string
		firstSeq  int64
		delivered int64
		age       time.Duration
	}{
		// TRIM_HORIZON reads the 100 records of the last second first:
		// the oldest was written 0.99 s before the start.
		{IteratorTrimHorizon, 0, 200, 990 * time.Millisecond},
		{IteratorLatest, 100, 100, 0},
	} {
		t.Run(tc.iterator, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tgt := newFakeTarget(0)
				cfg := Config{Format: testFormat, RecordRate: 100, Duration: time.Second, Backlog: time.Second, Iterator: tc.iterator,
					Serial: true, Drain: time.Second, Poll: 10 * time.Millisecond}
				res, _ := runIn(t, cfg, uniform(1, 10), tgt)
				if got := tgt.calls[0].first; got != tc.firstSeq {
					t.Errorf("first sequence delivered %d, want %d", got, tc.firstSeq)
				}
				if res.Backlog != 100 || res.Produced != 100 || res.Delivered != tc.delivered {
					t.Errorf("backlog %d, produced %d, delivered %d; want 100, 100, %d", res.Backlog, res.Produced, res.Delivered, tc.delivered)
				}
				if tc.age > 0 && res.MaxIteratorAge != tc.age {
					t.Errorf("max iterator age %v, want %v", res.MaxIteratorAge, tc.age)
				}
				if tc.age == 0 && res.MaxIteratorAge > 10*time.Millisecond {
					t.Errorf("max iterator age %v, want at most a poll", res.MaxIteratorAge)
				}
			})
		})
	}
}

// noopTarget succeeds at once.
type noopTarget struct{}

func (noopTarget) Invoke(context.Context, *harness.Event) harness.Outcome { return harness.Outcome{} }
func (noopTarget) Close() error                                           { return nil }

// BenchmarkPollerOverhead measures records/s through the trigger (pull,
// generate, encode, invoke, record) with a noop target: 4 serial
// partitions, batch 100, records of 200 bytes, produced far faster than
// they can be pulled, in real time.
func BenchmarkPollerOverhead(b *testing.B) {
	cfg := Config{Format: testFormat, RecordRate: 1e8, Duration: 200 * time.Millisecond, Serial: true, Poll: time.Millisecond}
	var records int64
	var elapsed time.Duration
	for b.Loop() {
		res, err := Run(context.Background(), cfg, uniform(4, 200), noopTarget{}, metrics.NewCollector(time.Second))
		if err != nil {
			b.Fatal(err)
		}
		records += res.Delivered
		elapsed += res.Elapsed
	}
	b.ReportMetric(float64(records)/elapsed.Seconds(), "records/s")
}

// BenchmarkPull measures one pull of a 100-record batch: generating the
// records (fake stream) and encoding the event.
func BenchmarkPull(b *testing.B) {
	r := newRunner(Config{Format: testFormat, RecordRate: 1e9, Duration: time.Hour, BatchSize: 100}.WithDefaults(),
		uniform(1, 200), noopTarget{}, metrics.NewCollector(time.Second))
	r.start = time.Now()
	p := r.parts[0]
	var buf []byte
	b.SetBytes(100 * 200)
	for b.Loop() {
		n, _ := p.recs.take(r.stream, 0, 100, DefaultMaxFetchBytes)
		buf = r.encode(buf[:0], p, n, time.Second, 0, 0)
		p.recs.drop(n)
	}
}
