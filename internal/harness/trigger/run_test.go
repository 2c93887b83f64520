package trigger

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/metrics"
)

// fakeStream is a fast Stream: partitions 0..n-1 with the given weights,
// records of size bytes saying "p<partition>-s<seq>" padded with 'x'.
type fakeStream struct {
	weights []float64
	size    int
	keys    []string
	next    []int64 // per partition; each touched by one goroutine
}

// padding fills fake records up to their size.
var padding = bytes.Repeat([]byte{'x'}, 4096)

func newFakeStream(size int, weights ...float64) *fakeStream {
	s := &fakeStream{weights: weights, size: size, next: make([]int64, len(weights))}
	for p := range weights {
		s.keys = append(s.keys, fmt.Sprintf("key-%d", p))
	}
	return s
}

// uniform returns a fake stream of n equal partitions.
func uniform(n, size int) *fakeStream {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1 / float64(n)
	}
	return newFakeStream(size, w...)
}

func (s *fakeStream) Partitions() []int {
	out := make([]int, len(s.weights))
	for i := range out {
		out[i] = i
	}
	return out
}

func (s *fakeStream) Weight(p int) float64 { return s.weights[p] }

func (s *fakeStream) Next(p int, dst []byte) ([]byte, string, int64) {
	seq := s.next[p]
	s.next[p]++
	start := len(dst)
	dst = append(dst, 'p')
	dst = strconv.AppendInt(dst, int64(p), 10)
	dst = append(dst, "-s"...)
	dst = strconv.AppendInt(dst, seq, 10)
	if pad := s.size - (len(dst) - start); pad > 0 {
		dst = append(dst, padding[:min(pad, len(padding))]...)
	}
	return dst, s.keys[p], seq
}

// batchTrace is one delivery the fake target saw.
type batchTrace struct {
	partition   int
	first, last int64 // sequence numbers
	start       time.Time
	payload     []byte
}

// fakeTarget sleeps delay of (fake) time per call and records overlap,
// order and in-flight counts. fail decides a delivery's outcome from the
// partition, the batch's first sequence number and how often that batch
// was seen before.
type fakeTarget struct {
	delay   time.Duration
	decode  bool // parse the payload for sequence numbers (order checks)
	keep    bool // keep payloads
	fail    func(partition int, first int64, seen int) bool
	panicOn func(partition int) bool

	mu           sync.Mutex
	inFlight     int
	maxInFlight  int
	partInFlight map[int]int
	partMax      map[int]int
	overlaps     int
	outOfOrder   []string
	nextSeq      map[int]int64 // expected first seq of the next new batch
	lastFirst    map[int]int64
	seen         map[[2]int64]int
	calls        []batchTrace
	failed       int
	failedRecs   int64
}

func newFakeTarget(delay time.Duration) *fakeTarget {
	return &fakeTarget{delay: delay, decode: true, partInFlight: map[int]int{}, partMax: map[int]int{},
		nextSeq: map[int]int64{}, lastFirst: map[int]int64{}, seen: map[[2]int64]int{}}
}

func (f *fakeTarget) Invoke(ctx context.Context, ev *harness.Event) harness.Outcome {
	tr := batchTrace{partition: ev.Partition, start: time.Now(), first: -1, last: -1}
	if f.decode {
		var ok bool
		tr.first, tr.last, ok = seqRange(ev.Payload)
		if !ok {
			return harness.Outcome{Class: "bad_request", Message: "no sequence numbers"}
		}
	}
	if f.keep {
		tr.payload = append([]byte(nil), ev.Payload...)
	}
	seen := f.enter(tr)
	defer f.leave(ev.Partition)
	if f.panicOn != nil && f.panicOn(ev.Partition) {
		panic("boom")
	}
	if f.delay > 0 {
		t := time.NewTimer(f.delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return harness.Outcome{Class: "timeout", Message: "deadline"}
			}
			return harness.Outcome{Class: "canceled", Message: "canceled"}
		}
	}
	if f.fail != nil && f.fail(ev.Partition, tr.first, seen) {
		f.mu.Lock()
		f.failed++
		f.failedRecs += tr.last - tr.first + 1
		f.mu.Unlock()
		return harness.Outcome{Class: "FunctionReturnError", Message: "failed on purpose"}
	}
	return harness.Outcome{}
}

// seqRange returns the first and last sequence numbers of an event, read
// straight off the compact JSON (cheaper than decoding it).
func seqRange(payload []byte) (first, last int64, ok bool) {
	key := []byte(`"sequence_number":"`)
	i, j := bytes.Index(payload, key), bytes.LastIndex(payload, key)
	if i < 0 {
		return 0, 0, false
	}
	num := func(at int) int64 {
		var n int64
		for _, c := range payload[at+len(key):] {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int64(c-'0')
		}
		return n
	}
	return num(i), num(j), true
}

// enter notes a call's start: overlap, order, in flight; it returns how
// often this batch was seen before.
func (f *fakeTarget) enter(tr batchTrace) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := tr.partition
	f.inFlight++
	f.maxInFlight = max(f.maxInFlight, f.inFlight)
	f.partInFlight[p]++
	if f.partInFlight[p] > 1 {
		f.overlaps++
	}
	f.partMax[p] = max(f.partMax[p], f.partInFlight[p])
	f.calls = append(f.calls, tr)
	key := [2]int64{int64(p), tr.first}
	seen := f.seen[key]
	f.seen[key]++
	if !f.decode {
		return seen
	}
	if seen > 0 {
		if f.lastFirst[p] != tr.first {
			f.outOfOrder = append(f.outOfOrder, fmt.Sprintf("partition %d: redelivery of %d after %d", p, tr.first, f.lastFirst[p]))
		}
		return seen
	}
	if want, ok := f.nextSeq[p]; ok && tr.first != want {
		f.outOfOrder = append(f.outOfOrder, fmt.Sprintf("partition %d: batch starts at %d, want %d", p, tr.first, want))
	}
	f.nextSeq[p] = tr.last + 1
	f.lastFirst[p] = tr.first
	return seen
}

func (f *fakeTarget) leave(p int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.inFlight--
	f.partInFlight[p]--
}

func (f *fakeTarget) Close() error { return nil }

// runIn runs cfg against tgt in the caller's bubble and fails the test on
// an error.
func runIn(t *testing.T, cfg Config, s Stream, tgt harness.Target) (*Result, *metrics.Collector) {
	t.Helper()
	col := metrics.NewCollector(time.Second)
	res, err := Run(t.Context(), cfg, s, tgt, col)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res, col
}

// barConfig is the bar: 4 partitions, batch 100, serial.
func barConfig(rate float64) Config {
	return Config{Format: testFormat, RecordRate: rate, Duration: 5 * time.Second, BatchSize: 100, Poll: 100 * time.Millisecond, Serial: true}
}

// checkSerial asserts the serial trigger's promises on what tgt saw.
func checkSerial(t *testing.T, tgt *fakeTarget, res *Result, partitions int) {
	t.Helper()
	if tgt.overlaps != 0 {
		t.Errorf("%d invocations overlapped another of their partition", tgt.overlaps)
	}
	if len(tgt.outOfOrder) > 0 {
		t.Errorf("batches out of order: %s", strings.Join(tgt.outOfOrder[:min(5, len(tgt.outOfOrder))], "; "))
	}
	if tgt.maxInFlight > partitions || res.MaxInFlight > partitions {
		t.Errorf("in flight: target saw %d, result says %d; want at most %d", tgt.maxInFlight, res.MaxInFlight, partitions)
	}
}

func TestBarKeepsUpAt2000(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := newFakeTarget(20 * time.Millisecond)
		res, col := runIn(t, barConfig(2000), uniform(4, 50), tgt)
		checkSerial(t, tgt, res, 4)
		if !res.KeepingUp || res.Verdict != VerdictKeepingUp {
			t.Errorf("verdict %q (keeping up %v), want keeping up", res.Verdict, res.KeepingUp)
		}
		if res.MaxLagMs > 250 || res.FinalLagRecords > res.AllowedLag {
			t.Errorf("max lag %v ms, final lag %d (allowed %d): want small", res.MaxLagMs, res.FinalLagRecords, res.AllowedLag)
		}
		if res.Produced != 10_000 || res.Delivered+res.FinalLagRecords != res.Produced {
			t.Errorf("produced %d, delivered %d + final lag %d", res.Produced, res.Delivered, res.FinalLagRecords)
		}
		if tot := col.Total(); tot.Records != res.Delivered || tot.Failed != 0 {
			t.Errorf("collector: %d records, %d failed; delivered %d", tot.Records, tot.Failed, res.Delivered)
		}
		if n := res.EndToEnd.TotalCount(); n != res.Succeeded {
			t.Errorf("end-to-end holds %d records, %d succeeded", n, res.Succeeded)
		}
	})
}

func TestBarFallsBehindAt40000(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := newFakeTarget(20 * time.Millisecond)
		res, _ := runIn(t, barConfig(40_000), uniform(4, 50), tgt)
		checkSerial(t, tgt, res, 4)
		if res.KeepingUp || !strings.HasPrefix(res.Verdict, VerdictFallingBehind) {
			t.Errorf("verdict %q (keeping up %v), want falling behind", res.Verdict, res.KeepingUp)
		}
		if res.MaxLagMs <= 1000 || res.MaxIteratorAge <= time.Second {
			t.Errorf("max lag %v ms, max iterator age %v: want past a second", res.MaxLagMs, res.MaxIteratorAge)
		}
		// Each partition drains 100 records per 20 ms, 5,000/s, and is
		// written 10,000/s: the lag grows by 20,000 records/s in all.
		if res.Growth < 19_000 || res.Growth > 21_000 {
			t.Errorf("growth %v records/s, want about 20,000 (verdict %q)", res.Growth, res.Verdict)
		}
		if res.FinalLagRecords < 90_000 {
			t.Errorf("final lag %d records, want about 100,000", res.FinalLagRecords)
		}
		for _, p := range res.Partitions {
			if p.MaxIteratorAgeMs < 2000 || p.FinalLag < 20_000 {
				t.Errorf("partition %d: max iterator age %v ms, final lag %d", p.Partition, p.MaxIteratorAgeMs, p.FinalLag)
			}
		}
	})
}

func TestInterrupted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(1500*time.Millisecond, cancel)
		tgt := newFakeTarget(20 * time.Millisecond)
		cfg := barConfig(2000)
		cfg.Duration = time.Minute
		start := time.Now()
		res, err := Run(ctx, cfg, uniform(4, 50), tgt, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Interrupted || time.Since(start) > 1600*time.Millisecond {
			t.Errorf("interrupted %v after %v, want true soon after 1.5s", res.Interrupted, time.Since(start))
		}
		if res.Produced != 3000 || res.Abandoned != 0 || res.Undelivered != 0 {
			t.Errorf("produced %d (want 3000 in 1.5s), abandoned %d, undelivered %d", res.Produced, res.Abandoned, res.Undelivered)
		}
		if tgt.inFlight != 0 {
			t.Errorf("%d invocations still in flight after Run", tgt.inFlight)
		}
	})
}

// stuckTarget never returns until released, whatever its context says.
type stuckTarget struct{ release chan struct{} }

func (s *stuckTarget) Invoke(context.Context, *harness.Event) harness.Outcome {
	<-s.release
	return harness.Outcome{}
}
func (s *stuckTarget) Close() error { return nil }

func TestAbandonsStuckTarget(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := &stuckTarget{release: make(chan struct{})}
		cfg := Config{Format: testFormat, RecordRate: 100, Duration: time.Second, Poll: 100 * time.Millisecond, Serial: true, Grace: 500 * time.Millisecond}
		start := time.Now()
		res, col := runIn(t, cfg, uniform(1, 10), tgt)
		if got, want := time.Since(start), time.Second+500*time.Millisecond+harness.SettleTime; got != want {
			t.Errorf("Run returned after %v, want %v (stop + grace + settle)", got, want)
		}
		if res.Abandoned != 1 || res.Undelivered == 0 {
			t.Errorf("abandoned %d, undelivered %d; want 1 and its batch's records", res.Abandoned, res.Undelivered)
		}
		// An abandoned invocation is a result, as in the loop engine.
		if tot := col.Total(); tot.Errors[string(harness.ClassInterrupted)] != 1 {
			t.Errorf("results by class %v, want 1 %s", tot.Errors, harness.ClassInterrupted)
		}
		close(tgt.release)
	})
}

func TestDrainEndsWhenEverythingPulled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := newFakeTarget(40 * time.Millisecond) // 2,500 records/s per partition
		cfg := barConfig(5000)
		cfg.Duration, cfg.Drain = 2*time.Second, time.Minute
		res, _ := runIn(t, cfg, uniform(1, 10), tgt)
		if res.FinalLagRecords != 0 || res.Delivered != res.Produced || res.Produced != 10_000 {
			t.Errorf("final lag %d, delivered %d of %d", res.FinalLagRecords, res.Delivered, res.Produced)
		}
		// 10,000 records at 2,500/s take 4 s: the drain ends at about 4 s.
		if res.Elapsed < 4*time.Second || res.Elapsed > 4300*time.Millisecond {
			t.Errorf("elapsed %v, want about 4s", res.Elapsed)
		}
		if res.KeepingUp {
			t.Errorf("verdict %q: 5,000 records/s on a partition draining 2,500/s must fall behind", res.Verdict)
		}
	})
}

func TestRunRejectsBadInput(t *testing.T) {
	_, err := Run(context.Background(), Config{}, nil, nil, nil)
	if err == nil {
		t.Fatal("Run with nothing: no error")
	}
	for _, want := range []string{"RecordRate", "Duration", "stream: required", "target: required"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	_, err = Run(context.Background(), barConfig(1), newFakeStream(10, 0.7, 0.7), newFakeTarget(0), nil)
	if err == nil || !strings.Contains(err.Error(), "weights sum to 1.4") {
		t.Errorf("weights over 1: error %v", err)
	}
}

// startTarget counts Start calls.
type startTarget struct {
	*fakeTarget
	starts int
}

func (s *startTarget) Start(context.Context) error {
	s.starts++
	return nil
}

// TestRunLeavesLifecycleToOwner: the target's owner (the runner) starts it
// once; Run and FindMax never do, so a find-max search and its
// confirmation run share one started target.
func TestRunLeavesLifecycleToOwner(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := &startTarget{fakeTarget: newFakeTarget(0)}
		runIn(t, barConfig(100), uniform(1, 10), tgt)
		if tgt.starts != 0 {
			t.Errorf("Run called Start %d times, want 0", tgt.starts)
		}
	})
}
