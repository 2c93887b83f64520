package hlog

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/disload/disload/internal/metrics"
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
	a := runSpec{start: fixtureStart, seconds: 6, perSec: 100, latency: jitter(time.Millisecond), seed: 1}
	b := runSpec{start: fixtureStart.Add(2400 * time.Millisecond), seconds: 5, perSec: 80,
		latency: jitter(5 * time.Millisecond), seed: 2}
	colA, colB := a.record(), b.record()
	var out bytes.Buffer
	err := Merge(&out, bytes.NewReader(logOf(t, a.start, colA)), bytes.NewReader(logOf(t, b.start, colB)))
	if err != nil {
		t.Fatal(err)
	}
	l, err := Read(&out)
	if err != nil {
		t.Fatal(err)
	}
	slots := map[int64]map[string]*hdrhistogram.Histogram{}
	for _, li := range l.Intervals {
		slot := NearestSlot(li.Start.Sub(a.start), time.Second)
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
	if !l.Intervals[0].Start.Equal(a.start) {
		t.Errorf("merged log starts %v, want %v", l.Intervals[0].Start, a.start)
	}
}

func TestMergeHistogramLogsTotals(t *testing.T) {
	a := runSpec{start: fixtureStart, seconds: 3, perSec: 50, latency: jitter(2 * time.Millisecond), seed: 4}
	b := runSpec{start: fixtureStart.Add(300 * time.Millisecond), seconds: 3, perSec: 50,
		latency: jitter(20 * time.Millisecond), seed: 5}
	colA, colB := a.record(), b.record()
	var out bytes.Buffer
	if err := Merge(&out, bytes.NewReader(logOf(t, a.start, colA)), bytes.NewReader(logOf(t, b.start, colB))); err != nil {
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
		sp := runSpec{start: fixtureStart.Add(time.Duration(i) * 250 * time.Millisecond), seconds: 300, perSec: 50,
			latency: jitter(time.Millisecond), seed: uint64(i)}
		var buf bytes.Buffer
		if err := Write(&buf, sp.start, sp.record()); err != nil {
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
