package hlog

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/metrics/metricstest"
)

// logOf writes the interval log of a run.
func logOf(t *testing.T, start time.Time, col *metrics.Collector) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, start, col); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestMergeHistogramLogsAligns(t *testing.T) {
	// Run b starts 2.4 s after run a: its interval k lands in a's slot k+2.
	a := metricstest.Spec{Start: metricstest.Start, Seconds: 6, PerSec: 100, Latency: metricstest.Jitter(time.Millisecond), Seed: 1}
	b := metricstest.Spec{Start: metricstest.Start.Add(2400 * time.Millisecond), Seconds: 5, PerSec: 80,
		Latency: metricstest.Jitter(5 * time.Millisecond), Seed: 2}
	colA, colB := a.Record(), b.Record()
	var out bytes.Buffer
	err := Merge(&out, bytes.NewReader(logOf(t, a.Start, colA)), bytes.NewReader(logOf(t, b.Start, colB)))
	if err != nil {
		t.Fatal(err)
	}
	l, err := Read(&out)
	if err != nil {
		t.Fatal(err)
	}
	slots := map[int64]map[string]*hdrhistogram.Histogram{}
	for _, li := range l.Intervals {
		slot := NearestSlot(li.Start.Sub(a.Start), time.Second)
		if slots[slot] == nil {
			slots[slot] = map[string]*hdrhistogram.Histogram{}
		}
		if slots[slot][li.Tag] != nil {
			t.Fatalf("slot %d tag %s written twice", slot, li.Tag)
		}
		slots[slot][li.Tag] = li.Hist
	}
	if len(slots) != 7 || len(l.Intervals) != 14 {
		t.Fatalf("%d slots, %d histograms; want 7 slots (0..6) of 2 tags", len(slots), len(l.Intervals))
	}
	for slot := range int64(7) {
		want := metrics.NewHistogram()
		want.Merge(colA.Interval(slot).Response)
		want.Merge(colB.Interval(slot - 2).Response)
		got := slots[slot][TagResponse]
		if got == nil || !got.Equals(want) {
			t.Errorf("slot %d: merged response histogram differs from a's interval %d plus b's interval %d", slot, slot, slot-2)
		}
	}
	if l.Intervals[0].Tag != TagResponse || l.Intervals[1].Tag != TagService {
		t.Errorf("tags in order %q, %q", l.Intervals[0].Tag, l.Intervals[1].Tag)
	}
	if !l.Intervals[0].Start.Equal(a.Start) {
		t.Errorf("merged log starts %v, want %v", l.Intervals[0].Start, a.Start)
	}
}

func TestMergeHistogramLogsTotals(t *testing.T) {
	a := metricstest.Spec{Start: metricstest.Start, Seconds: 3, PerSec: 50, Latency: metricstest.Jitter(2 * time.Millisecond), Seed: 4}
	b := metricstest.Spec{Start: metricstest.Start.Add(300 * time.Millisecond), Seconds: 3, PerSec: 50,
		Latency: metricstest.Jitter(20 * time.Millisecond), Seed: 5}
	colA, colB := a.Record(), b.Record()
	var out bytes.Buffer
	if err := Merge(&out, bytes.NewReader(logOf(t, a.Start, colA)), bytes.NewReader(logOf(t, b.Start, colB))); err != nil {
		t.Fatal(err)
	}
	l, err := Read(&out)
	if err != nil {
		t.Fatal(err)
	}
	var count, maxNs int64
	for _, li := range l.Intervals {
		if li.Tag == TagResponse {
			count += li.Hist.TotalCount()
			maxNs = max(maxNs, li.Hist.Max())
		}
	}
	ta, tb := colA.Total().Response, colB.Total().Response
	if count != ta.TotalCount()+tb.TotalCount() {
		t.Errorf("merged count %d, want %d + %d", count, ta.TotalCount(), tb.TotalCount())
	}
	if maxNs != max(ta.Max(), tb.Max()) {
		t.Errorf("merged max %d, want the larger of %d and %d", maxNs, ta.Max(), tb.Max())
	}
}

func TestMergeHistogramLogsErrors(t *testing.T) {
	ok := logLine(t, "response", 0, 1, 5000)
	wide := hdrhistogram.New(1, 10*int64(time.Hour), 3)
	_ = wide.RecordValue(2 * int64(time.Hour))
	enc, err := wide.EncodeV2()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		logs []string
		want string
	}{
		{"lengths differ", []string{ok, logLine(t, "response", 3, 5, 5000)}, "interval lengths differ (1s and 5s)"},
		{"broken second log", []string{ok, "Tag=x\n"}, "histogram log 2: line 1: tag without an interval"},
		{"beyond range", []string{ok, "Tag=response,1.0,1.0,7200.0," + string(enc) + "\n"}, "beyond disload's range"},
		{"too far apart", []string{logLine(t, "", 0, 0.001, 5), logLine(t, "", 5000, 0.001, 5)}, "cannot be parts of one run"},
	}
	for _, c := range cases {
		var rs []io.Reader
		for _, l := range c.logs {
			rs = append(rs, strings.NewReader(l))
		}
		err := Merge(io.Discard, rs...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to contain %q", c.name, err, c.want)
		}
	}
}

func TestMergeHistogramLogsEmpty(t *testing.T) {
	var out bytes.Buffer
	head := "#[Histogram log format version 1.3]\n#[StartTime: 1700000000 (seconds since epoch), x]\n"
	if err := Merge(&out, strings.NewReader(head), strings.NewReader("")); err != nil {
		t.Fatal(err)
	}
	l, err := Read(&out)
	if err != nil || len(l.Intervals) != 0 || l.Start.Unix() != 1700000000 {
		t.Errorf("merged empty logs: %v, %+v", err, l)
	}
}

func BenchmarkMergeHistogramLogs(b *testing.B) {
	var logs [][]byte
	for i := range 4 {
		sp := metricstest.Spec{Start: metricstest.Start.Add(time.Duration(i) * 250 * time.Millisecond), Seconds: 300, PerSec: 50,
			Latency: metricstest.Jitter(time.Millisecond), Seed: uint64(i)}
		var buf bytes.Buffer
		if err := Write(&buf, sp.Start, sp.Record()); err != nil {
			b.Fatal(err)
		}
		logs = append(logs, buf.Bytes())
	}
	for b.Loop() {
		rs := make([]io.Reader, len(logs))
		for i, l := range logs {
			rs[i] = bytes.NewReader(l)
		}
		if err := Merge(io.Discard, rs...); err != nil {
			b.Fatal(err)
		}
	}
}
