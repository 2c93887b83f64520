package hlog

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/metrics/metricstest"
)

func TestReadHistogramLogRoundTrip(t *testing.T) {
	col := metricstest.Timeline()
	var buf bytes.Buffer
	if err := Write(&buf, metricstest.Start, col); err != nil {
		t.Fatal(err)
	}
	l, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// The header keeps whole seconds; the intervals keep milliseconds.
	if !l.Start.Equal(metricstest.Start.Truncate(time.Second)) {
		t.Errorf("start %v, want %v", l.Start, metricstest.Start.Truncate(time.Second))
	}
	if len(l.Intervals) != 8 {
		t.Fatalf("%d intervals, want 8", len(l.Intervals))
	}
	for i, li := range l.Intervals {
		index := int64(i / 2)
		iv := col.Interval(index)
		want, tag := iv.Response, TagResponse
		if i%2 == 1 {
			want, tag = iv.Service, TagService
		}
		if li.Tag != tag || li.Length != time.Second {
			t.Errorf("interval %d: tag %q length %v", i, li.Tag, li.Length)
		}
		if at := metricstest.Start.Add(time.Duration(index) * time.Second); !li.Start.Equal(at) {
			t.Errorf("interval %d: start %v, want %v", i, li.Start, at)
		}
		if !li.Hist.Equals(want) {
			t.Errorf("interval %d: histogram differs from the recorded one", i)
		}
	}
}

// logLine is one interval line holding h.
func logLine(t *testing.T, tag string, start, length float64, values ...int64) string {
	t.Helper()
	h := metrics.NewHistogram()
	for _, v := range values {
		_ = h.RecordValue(v)
	}
	enc, err := h.EncodeV2()
	if err != nil {
		t.Fatal(err)
	}
	prefix := ""
	if tag != "" {
		prefix = "Tag=" + tag + ","
	}
	return fmt.Sprintf("%s%.3f,%.3f,%.3f,%s\n", prefix, start, length, float64(h.Max())/1e6, enc)
}

func TestReadHistogramLogTimes(t *testing.T) {
	const start = 1700000000
	cases := []struct {
		name string
		log  string
		want time.Time
	}{
		{"base time header", "#[BaseTime: 1700000000.000 (seconds since epoch)]\n" + logLine(t, "", 2.5, 1, 5000),
			time.Unix(start+2, 500e6)},
		{"relative to start time, no base", "#[StartTime: 1700000000.000 (seconds since epoch), x]\n" + logLine(t, "a", 2.5, 1, 5000),
			time.Unix(start+2, 500e6)},
		{"absolute timestamps", "#[StartTime: 1700000000 (seconds since epoch)]\n" + logLine(t, "", start+3, 1, 5000),
			time.Unix(start+3, 0)},
		{"no header at all", "\n" + logLine(t, "", 7, 1, 5000), time.Unix(7, 0)},
	}
	for _, c := range cases {
		l, err := Read(strings.NewReader(c.log))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if len(l.Intervals) != 1 || !l.Intervals[0].Start.Equal(c.want) || l.Intervals[0].Hist.TotalCount() != 1 {
			t.Errorf("%s: intervals %+v, want one at %v", c.name, l.Intervals, c.want)
		}
	}
}

func TestReadHistogramLogErrors(t *testing.T) {
	good := logLine(t, "response", 0, 1, 5000)
	cases := []struct{ name, log, want string }{
		{"tag without interval", "Tag=response\n", "line 1: tag without an interval"},
		{"too few fields", "#[BaseTime: 0]\n1.0,2.0,HIST\n", "line 2: want start,length,max,histogram; got 3 fields"},
		{"bad number", good + "x,1.0,2.0,HIST\n", "line 2: bad start, length or max"},
		{"negative time", "-1,1.0,2.0,HIST\n", "line 1: bad start, length or max"},
		{"bad histogram", "0.000,1.000,2.000,bm90IGEgaGlzdG9ncmFt\n", "line 1: histogram:"},
		{"bad start header", "#[StartTime: soon (seconds since epoch)]\n", "line 1: bad time"},
	}
	for _, c := range cases {
		_, err := Read(strings.NewReader(c.log))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to contain %q", c.name, err, c.want)
		}
	}
}

func FuzzReadHistogramLog(f *testing.F) {
	var buf bytes.Buffer
	if err := Write(&buf, metricstest.Start, metricstest.Timeline()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.String())
	f.Add("#[BaseTime: 12]\nTag=a,1,1,1,HISTFAAAAB542pJpmSzMwMDAxQABzFAaxmZiYmJiYmRmZWJmZmFlYmFlYWUFAAAA//8BAAD//w==\n")
	f.Add("Tag=,,,,\n#[StartTime: 1e10]\n0,0,0,\n")
	f.Fuzz(func(t *testing.T, log string) {
		l, err := Read(strings.NewReader(log))
		if err != nil {
			return
		}
		for _, iv := range l.Intervals {
			if iv.Hist == nil || iv.Length < 0 {
				t.Fatalf("accepted a bad interval: %+v", iv)
			}
		}
		// What was read merges and is read back the same way.
		var out bytes.Buffer
		if err := Merge(&out, strings.NewReader(log)); err != nil {
			return
		}
		if _, err := Read(&out); err != nil {
			t.Fatalf("merged log does not read back: %v\n%s", err, out.String())
		}
	})
}
