package reports

import (
	"bytes"
	"encoding/json"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/metrics/metricstest"
)

func TestAddIntervals(t *testing.T) {
	col := metricstest.Timeline()
	s := NewSummary(fixtureFacts(), col.Total())
	if err := s.AddIntervals(col); err != nil {
		t.Fatal(err)
	}
	if len(s.Intervals) != 4 || s.IntervalS != 1 {
		t.Fatalf("%d intervals of %vs, want 4 of 1s", len(s.Intervals), s.IntervalS)
	}
	var sent int64
	for i, got := range s.Intervals {
		iv := col.Interval(int64(i))
		want := NewIntervalFigures(iv, time.Second)
		if got.TS != float64(i) {
			t.Errorf("interval %d: t_s %v", i, got.TS)
		}
		if got.Sent != iv.Sent || got.OK != iv.OK || got.Records != iv.Records || got.ResponseMs != want.ResponseMs ||
			got.ServiceMs != want.ServiceMs || !maps.Equal(got.Errors, want.Errors) {
			t.Errorf("interval %d = %+v, want %+v", i, got, want)
		}
		sent += got.Sent
	}
	if sent != s.Events.Sent {
		t.Errorf("intervals add up to %d sent, the run to %d", sent, s.Events.Sent)
	}
	if empty := s.Intervals[2]; empty.Sent != 0 || empty.ResponseMs != (ResponseQuantiles{}) || empty.Errors == nil {
		t.Errorf("the empty interval 2 = %+v", empty)
	}
}

func TestNewIntervalFigures(t *testing.T) {
	iv := metrics.NewInterval(3)
	for i := 1; i <= 100; i++ {
		d := time.Duration(i) * time.Millisecond
		iv.Record(&metrics.Result{Intended: 0, Start: d / 2, End: d, Records: 2, Bytes: 10})
	}
	iv.Record(&metrics.Result{End: time.Millisecond, Class: "panic", Message: "boom"})
	iv.Dropped, iv.Retried = 4, 1
	f := NewIntervalFigures(iv, 500*time.Millisecond)
	r, s := NewLatencyStats(iv.Response), NewLatencyStats(iv.Service)
	want := IntervalFigures{TS: 1.5, Counts: metrics.Counts{Sent: 101, OK: 100, Failed: 1, Dropped: 4, Retried: 1, Records: 200, PayloadBytes: 1000},
		Errors:     map[string]int64{"panic": 1},
		ResponseMs: ResponseQuantiles{P50: r.P50, P90: r.P90, P99: r.P99, Max: r.Max},
		ServiceMs:  ServiceQuantiles{P50: s.P50, P99: s.P99}}
	if f.TS != want.TS || f.Sent != want.Sent || f.OK != want.OK || f.Failed != want.Failed || f.Dropped != want.Dropped ||
		f.Retried != want.Retried || f.Records != want.Records || f.PayloadBytes != want.PayloadBytes ||
		f.ResponseMs != want.ResponseMs || f.ServiceMs != want.ServiceMs || !maps.Equal(f.Errors, want.Errors) {
		t.Errorf("figures = %+v\nwant %+v", f, want)
	}
	if f.ResponseMs.P50 < 49 || f.ResponseMs.P50 > 51 || f.ResponseMs.Max < 99.9 {
		t.Errorf("response p50 %v max %v, want about 50 and 100 ms", f.ResponseMs.P50, f.ResponseMs.Max)
	}
	iv.Errors["panic"] = 99
	if f.Errors["panic"] != 1 {
		t.Error("figures share the interval's error map")
	}
}

func TestAppendIntervalJSON(t *testing.T) {
	f := IntervalFigures{TS: 2, Counts: metrics.Counts{Sent: 10, OK: 9, Failed: 1, StaleRetries: 2, Records: 90, PayloadBytes: 9000},
		Errors:     map[string]int64{"timeout": 1},
		ResponseMs: ResponseQuantiles{P50: 1.5, P90: 2, P99: 3.25, Max: 4}, ServiceMs: ServiceQuantiles{P50: 1, P99: 2}, LengthS: 1}
	got := string(AppendIntervalJSON([]byte("prev\n"), f))
	want := "prev\n" + `{"t_s":2,"sent":10,"ok":9,"failed":1,"dropped":0,"retried":0,"stale_retries":2,"records":90,"payload_bytes":9000,` +
		`"errors":{"timeout":1},"response_ms":{"p50":1.5,"p90":2,"p99":3.25,"max":4},"service_ms":{"p50":1,"p99":2},"length_s":1}` + "\n"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestIntervalLatencyFromLog(t *testing.T) {
	s, col := summary(t, metricstest.Spec{Start: metricstest.Start, Seconds: 5, PerSec: 100, Latency: metricstest.Jitter(2 * time.Millisecond), Seed: 3})
	var log bytes.Buffer
	if err := hlog.Write(&log, s.Started, col); err != nil {
		t.Fatal(err)
	}
	want := append([]IntervalFigures(nil), s.Intervals...)
	for i := range s.Intervals {
		s.Intervals[i].ResponseMs, s.Intervals[i].ServiceMs = ResponseQuantiles{}, ServiceQuantiles{}
	}
	if err := s.IntervalLatencyFromLog(bytes.NewReader(log.Bytes())); err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if s.Intervals[i].ResponseMs != want[i].ResponseMs || s.Intervals[i].ServiceMs != want[i].ServiceMs {
			t.Errorf("interval %d: %+v %+v, want %+v %+v", i, s.Intervals[i].ResponseMs, s.Intervals[i].ServiceMs,
				want[i].ResponseMs, want[i].ServiceMs)
		}
	}
}

func TestIntervalLatencyFromLogErrors(t *testing.T) {
	s, col := summary(t, metricstest.Spec{Start: metricstest.Start, Seconds: 3, PerSec: 50, Latency: metricstest.Jitter(time.Millisecond), Seed: 1})
	var log bytes.Buffer
	if err := hlog.Write(&log, s.Started, col); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		edit func(*Summary)
		log  string
		want string
	}{
		{"interval missing from the summary", func(s *Summary) { s.Intervals = s.Intervals[:1] }, log.String(),
			"has no interval in the summary"},
		{"no interval width", func(s *Summary) { s.IntervalS = 0 }, log.String(), "interval_s 0"},
		{"broken log", func(*Summary) {}, "#[BaseTime: 1]\n0.0,1.0,2.0,QUJD\n", "line 2: histogram"},
	}
	for _, c := range cases {
		cp := *s
		cp.Intervals = append([]IntervalFigures(nil), s.Intervals...)
		c.edit(&cp)
		err := cp.IntervalLatencyFromLog(strings.NewReader(c.log))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to contain %q", c.name, err, c.want)
		}
	}
	empty := NewSummary(RunFacts{}, nil)
	if err := empty.IntervalLatencyFromLog(strings.NewReader("")); err != nil {
		t.Errorf("empty run, empty log: %v", err)
	}
}

func TestIntervalsJSONRoundTrip(t *testing.T) {
	s := richSummary(t)
	b, err := json.Marshal(s.Intervals)
	if err != nil {
		t.Fatal(err)
	}
	var back []IntervalFigures
	if err := json.Unmarshal(b, &back); err != nil || len(back) != len(s.Intervals) || back[3].ResponseMs != s.Intervals[3].ResponseMs {
		t.Errorf("round trip: %v, %d intervals", err, len(back))
	}
}
