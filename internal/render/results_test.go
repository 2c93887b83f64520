package render

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/metrics/metricstest"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/reports/reportstest"
)

// writeRun runs a spec and writes its result directory.
func writeRun(t *testing.T, dir string, sp metricstest.Spec) (*reports.Summary, *metrics.Collector) {
	t.Helper()
	s, col := reportstest.Summary(t, sp)
	err := WriteResults(dir, s, func(w io.Writer) error { return hlog.Write(w, sp.Start, col) })
	if err != nil {
		t.Fatal(err)
	}
	return s, col
}

func TestWriteResults(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "run")
	s, _ := writeRun(t, dir, metricstest.Spec{Start: metricstest.Start, Seconds: 2, PerSec: 10, Latency: metricstest.Jitter(time.Millisecond), Seed: 1})
	for _, f := range []string{reports.SummaryFile, hlog.File, ReportFile} {
		if info, err := os.Stat(filepath.Join(dir, f)); err != nil || info.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	back, err := reports.ReadSummary(dir)
	if err != nil || back.Events != s.Events {
		t.Errorf("read back: %v", err)
	}
	if err := WriteResults(filepath.Join(dir, reports.SummaryFile, "x"), s, nil); err == nil {
		t.Error("no error for a directory under a file")
	}
}

func TestMergeDirsExactIntervals(t *testing.T) {
	root := t.TempDir()
	// b starts exactly 2 s after a: a's interval k+2 and b's k share a slot.
	a := metricstest.Spec{Start: metricstest.Start, Seconds: 6, PerSec: 100, Latency: metricstest.Jitter(time.Millisecond), Fail: 9, Seed: 1}
	b := metricstest.Spec{Start: metricstest.Start.Add(2 * time.Second), Seconds: 6, PerSec: 60, Latency: metricstest.Jitter(4 * time.Millisecond), Seed: 2}
	sa, colA := writeRun(t, filepath.Join(root, "shard-0"), a)
	sb, colB := writeRun(t, filepath.Join(root, "shard-1"), b)
	out := filepath.Join(root, "merged")
	m, err := MergeDirs(out, []string{filepath.Join(root, "shard-0"), filepath.Join(root, "shard-1")}, false)
	if err != nil {
		t.Fatal(err)
	}
	if m.Events.Sent != sa.Events.Sent+sb.Events.Sent || m.Errors["timeout"] != sa.Errors["timeout"] {
		t.Errorf("merged events %+v errors %v", m.Events, m.Errors)
	}
	if len(m.Intervals) != 8 {
		t.Fatalf("%d merged intervals, want 8", len(m.Intervals))
	}
	for i, iv := range m.Intervals {
		want := metrics.NewInterval(int64(i))
		want.Merge(colA.Interval(int64(i)))
		want.Merge(colB.Interval(int64(i - 2)))
		exact := reports.NewIntervalFigures(want, time.Second)
		if iv.ResponseMs != exact.ResponseMs || iv.ServiceMs != exact.ServiceMs || iv.Sent != exact.Sent {
			t.Errorf("interval %d: %+v %+v sent %d\nwant exactly %+v %+v sent %d", i, iv.ResponseMs, iv.ServiceMs, iv.Sent,
				exact.ResponseMs, exact.ServiceMs, exact.Sent)
		}
	}
	back, err := reports.ReadSummary(out)
	if err != nil || back.Events != m.Events || len(back.Intervals) != 8 {
		t.Errorf("merged summary.json: %v", err)
	}
	f, err := os.Open(filepath.Join(out, hlog.File))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if l, err := hlog.Read(f); err != nil || len(l.Intervals) != 16 {
		t.Errorf("merged latency.hlog: %v", err)
	}
	if page, err := os.ReadFile(filepath.Join(out, ReportFile)); err != nil || !strings.Contains(string(page), "chart-distribution") {
		t.Errorf("merged report.html: %v", err)
	}
}

// TestMergeDirsCountsMatchLog merges runs whose grids are 0.3 s apart, the
// earliest with nothing in its first intervals: each merged interval's
// percentiles must cover the very results its counts do.
func TestMergeDirsCountsMatchLog(t *testing.T) {
	root := t.TempDir()
	writeRun(t, filepath.Join(root, "a"), metricstest.Spec{Start: metricstest.Start, Delay: 2200 * time.Millisecond, Seconds: 4,
		PerSec: 50, Latency: metricstest.Jitter(time.Millisecond), Seed: 1})
	writeRun(t, filepath.Join(root, "b"), metricstest.Spec{Start: metricstest.Start.Add(300 * time.Millisecond), Seconds: 6,
		PerSec: 70, Latency: metricstest.Jitter(2 * time.Millisecond), Seed: 2})
	out := filepath.Join(root, "m")
	m, err := MergeDirs(out, []string{filepath.Join(root, "a"), filepath.Join(root, "b")}, false)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(out, hlog.File))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := hlog.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[float64]int64{}
	for _, li := range l.Intervals {
		if li.Tag == hlog.TagResponse {
			counts[li.Start.Sub(m.Started).Seconds()] += li.Hist.TotalCount()
		}
	}
	for _, iv := range m.Intervals {
		if counts[iv.TS] != iv.Sent {
			t.Errorf("interval at %vs: %d sent, but its histogram holds %d", iv.TS, iv.Sent, counts[iv.TS])
		}
	}
}

func TestMergeDirsErrors(t *testing.T) {
	root := t.TempDir()
	sp := metricstest.Spec{Start: metricstest.Start, Seconds: 1, PerSec: 10, Latency: metricstest.Jitter(time.Millisecond), Seed: 1}
	good := filepath.Join(root, "good")
	writeRun(t, good, sp)
	noLog := filepath.Join(root, "nolog")
	writeRun(t, noLog, sp)
	if err := os.Remove(filepath.Join(noLog, hlog.File)); err != nil {
		t.Fatal(err)
	}
	badLog := filepath.Join(root, "badlog")
	writeRun(t, badLog, sp)
	if err := os.WriteFile(filepath.Join(badLog, hlog.File), []byte("Tag=x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		out  string
		dirs []string
		want string
	}{
		{"no dirs", filepath.Join(root, "o1"), nil, "no result directories"},
		{"out is an input", good, []string{good, noLog}, "is one of the inputs"},
		{"missing log", filepath.Join(root, "o2"), []string{good, noLog}, "latency.hlog"},
		{"broken log", filepath.Join(root, "o3"), []string{good, badLog}, filepath.Join("badlog", hlog.File) + ": line 1"},
		{"missing dir", filepath.Join(root, "o4"), []string{good, filepath.Join(root, "nope")}, "no such file"},
		{"a file", filepath.Join(root, "o5"), []string{filepath.Join(good, reports.SummaryFile)}, "not a result directory"},
	}
	for _, c := range cases {
		_, err := MergeDirs(c.out, c.dirs, false)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to contain %q", c.name, err, c.want)
		}
	}
}
