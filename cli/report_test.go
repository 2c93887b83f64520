package cli

import (
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/golden"
	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/render"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/threshold"
)

var runDirStart = time.Date(2025, 3, 14, 9, 26, 53, 589_000_000, time.UTC)

// writeRunDir writes a result directory of a synthetic 6 s run at
// 200 events/s whose handler takes base ± 25%; threshold, if set, is
// evaluated on it.
func writeRunDir(t *testing.T, dir string, base time.Duration, seed uint64, start time.Time, expr string) *reports.Summary {
	t.Helper()
	col := metrics.NewCollector(time.Second)
	rec := col.NewRecorder()
	rng := rand.New(rand.NewPCG(seed, 1))
	for i := range 1200 {
		intended := time.Duration(i) * 5 * time.Millisecond
		lat := base + time.Duration((rng.Float64()-0.5)*0.5*float64(base))
		r := metrics.Result{Intended: intended, Start: intended, End: intended + lat, Records: 10, Bytes: 500}
		if i%100 == 99 {
			r.Class, r.Message = "timeout", "deadline exceeded"
		}
		rec.Record(&r)
	}
	rec.Flush()
	s := reports.NewSummary(reports.RunFacts{Scenario: "bench", Target: "inproc:sleep", Mode: "open", Seed: 1,
		Started: start, Elapsed: 6 * time.Second, AskedRate: 200, AchievedRate: 200, RateHeld: true,
		Interval: time.Second}, col.Total())
	if err := s.AddIntervals(col); err != nil {
		t.Fatal(err)
	}
	if expr != "" {
		th, err := threshold.Parse(expr)
		if err != nil {
			t.Fatal(err)
		}
		reports.EvalAll(s, []threshold.Threshold{th})
	}
	err := render.WriteResults(dir, s, func(w io.Writer) error { return hlog.Write(w, start, col) })
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestReportCommandsHelp keeps the help of report, compare and merge
// reviewed: each is a golden file.
func TestReportCommandsHelp(t *testing.T) {
	for _, name := range []string{"report", "compare", "merge"} {
		code, out, errOut := cli(t, name, "--help")
		if code != exitOK || errOut != "" {
			t.Fatalf("%s --help: exit %d, stderr %q", name, code, errOut)
		}
		golden.Check(t, filepath.Join("testdata", "help", "disload-"+name+".txt"), []byte(out))
	}
}

func TestReportFormats(t *testing.T) {
	dir := t.TempDir()
	writeRunDir(t, dir, time.Millisecond, 1, runDirStart, "")
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"report", dir}, []string{"scenario bench · mode open", "latency (ms)", "timeout"}},
		{[]string{"report", filepath.Join(dir, reports.SummaryFile), "--format", "json"},
			[]string{`"schema": "disload/summary/v1"`, `"intervals": [`}},
		{[]string{"report", dir, "-f", "html"}, []string{"<!DOCTYPE html>", `id="chart-distribution"`}},
		{[]string{"report", dir, "--format", "csv"}, []string{"t_s,sent,ok,", "\n0,200,198,2,"}},
		{[]string{"report", dir, "--percentiles", "p75,p(95),p99.99"}, []string{"p75", "p95", "p99.99"}},
	}
	for _, c := range cases {
		code, out, errOut := cli(t, c.args...)
		if code != exitOK {
			t.Errorf("%v: exit %d, stderr %s", c.args, code, errOut)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q:\n%.600s", c.args, w, out)
			}
		}
	}
}

func TestReportToFile(t *testing.T) {
	dir := t.TempDir()
	writeRunDir(t, dir, time.Millisecond, 1, runDirStart, "")
	file := filepath.Join(t.TempDir(), "r.html")
	code, out, errOut := cli(t, "report", dir, "--format", "html", "-o", file)
	if code != exitOK || out != "" || !strings.Contains(errOut, "wrote "+file) {
		t.Fatalf("exit %d stdout %q stderr %q", code, out, errOut)
	}
	if page, err := os.ReadFile(file); err != nil || !strings.HasPrefix(string(page), "<!DOCTYPE html>") {
		t.Errorf("report file: %v", err)
	}
}

func TestReportErrors(t *testing.T) {
	dir := t.TempDir()
	writeRunDir(t, dir, time.Millisecond, 1, runDirStart, "")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"report"}, exitUsage, "accepts 1 arg"},
		{[]string{"report", dir, "--format", "pdf"}, exitUsage, `--format "pdf": want one of table, json, html, csv`},
		{[]string{"report", filepath.Join(dir, "nope")}, exitError, "no such file"},
		{[]string{"report", dir, "-o", filepath.Join(dir, "missing", "x.txt")}, exitError, "x.txt"},
		{[]string{"report", dir, "--percentiles", "p100"}, exitUsage, `--percentiles: percentile "p100": want above 0 and below 100`},
	}
	for _, c := range cases {
		code, _, errOut := cli(t, c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d stderr %q, want exit %d and %q", c.args, code, errOut, c.code, c.want)
		}
	}
}
