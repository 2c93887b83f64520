package hlog

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/metrics/metricstest"
)

func readLog(t *testing.T, log []byte) []*hdrhistogram.Histogram {
	t.Helper()
	r := hdrhistogram.NewHistogramLogReader(bytes.NewReader(log))
	var hs []*hdrhistogram.Histogram
	for {
		h, err := r.NextIntervalHistogram()
		if err != nil {
			t.Fatalf("reading the log: %v", err)
		}
		if h == nil {
			return hs
		}
		hs = append(hs, h)
	}
}

func TestWriteHistogramLogRoundTrip(t *testing.T) {
	col := metricstest.Timeline()
	var buf bytes.Buffer
	if err := Write(&buf, metricstest.Start, col); err != nil {
		t.Fatal(err)
	}
	got := readLog(t, buf.Bytes())
	if len(got) != 8 {
		t.Fatalf("read %d histograms, want 8 (4 intervals × response, service):\n%s", len(got), buf.String())
	}
	for i, h := range got {
		index := int64(i / 2)
		iv := col.Interval(index)
		want, tag := iv.Response, TagResponse
		if i%2 == 1 {
			want, tag = iv.Service, TagService
		}
		if h.Tag() != tag {
			t.Errorf("histogram %d: tag %q, want %q", i, h.Tag(), tag)
		}
		checkSameHistogram(t, h, want)
		from := metricstest.Start.Add(time.Duration(index) * time.Second).UnixMilli()
		if d := h.StartTimeMs() - from; d < -1 || d > 1 {
			t.Errorf("histogram %d: start %d ms, want %d (±1 for float rounding)", i, h.StartTimeMs(), from)
		}
		if d := h.EndTimeMs() - h.StartTimeMs(); d < 999 || d > 1001 {
			t.Errorf("histogram %d: lasts %d ms, want 1000", i, d)
		}
	}
	if got[4].TotalCount() != 0 {
		t.Errorf("interval 2 holds %d values, want an empty histogram", got[4].TotalCount())
	}
}

func checkSameHistogram(t *testing.T, got, want *hdrhistogram.Histogram) {
	t.Helper()
	if got.TotalCount() != want.TotalCount() {
		t.Errorf("count %d, want %d", got.TotalCount(), want.TotalCount())
	}
	for _, q := range []float64{0, 50, 90, 99, 99.9, 100} {
		if g, w := got.ValueAtQuantile(q), want.ValueAtQuantile(q); g != w {
			t.Errorf("p%v = %d ns, want %d ns", q, g, w)
		}
	}
	if got.Min() != want.Min() || got.Max() != want.Max() {
		t.Errorf("min/max %d/%d, want %d/%d", got.Min(), got.Max(), want.Min(), want.Max())
	}
}

func TestWriteHistogramLogHeader(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, metricstest.Start, metricstest.Timeline()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	want := []string{
		"#[Histogram log format version 1.3]",
		"#[StartTime: 1741944413 (seconds since epoch), 2025-03-14T09:26:53Z]",
		"#[BaseTime: 1741944413 (seconds since epoch)]",
		"#[disload latency log: values in nanoseconds; tags: response (from intended start), service (from actual start)]",
		`"StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"`,
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d = %q, want %q", i+1, lines[i], w)
		}
	}
	// First interval: 0.589 s after the base time, 1 s long, max in ms.
	if !strings.HasPrefix(lines[5], "Tag=response,0.589000,1.000000,") {
		t.Errorf("first interval line %q", lines[5])
	}
}

func TestWriteHistogramLogLeavesIntervalsAlone(t *testing.T) {
	iv := metrics.NewInterval(0)
	iv.Response.SetTag("mine")
	iv.Response.SetStartTimeMs(5)
	tl := sliceTimeline{iv}
	if err := Write(&bytes.Buffer{}, metricstest.Start, tl); err != nil {
		t.Fatal(err)
	}
	if iv.Response.Tag() != "mine" || iv.Response.StartTimeMs() != 5 || iv.Service.Tag() != "" {
		t.Errorf("interval histograms changed: tag %q start %d", iv.Response.Tag(), iv.Response.StartTimeMs())
	}
}

func TestWriteHistogramLogErrors(t *testing.T) {
	for _, after := range []int{0, 3, 6} {
		err := Write(&metricstest.FailWriter{After: after}, metricstest.Start, metricstest.Timeline())
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("writer failing after %d writes: err = %v", after, err)
		}
	}
	var buf bytes.Buffer
	if err := Write(&buf, metricstest.Start, sliceTimeline{}); err != nil {
		t.Errorf("empty run: %v", err)
	}
	if hs := readLog(t, buf.Bytes()); len(hs) != 0 {
		t.Errorf("empty run logged %d histograms", len(hs))
	}
}

// sliceTimeline is a Timeline over fixed intervals, one second wide.
type sliceTimeline []*metrics.Interval

func (s sliceTimeline) Width() time.Duration { return time.Second }

func (s sliceTimeline) Each(fn func(*metrics.Interval) error) error {
	for _, iv := range s {
		if err := fn(iv); err != nil {
			return errors.Join(errors.New("each"), err)
		}
	}
	return nil
}
