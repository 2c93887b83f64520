package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/golden"
	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/render"
	"github.com/disload/disload/internal/reports"
)

func TestMergeCommand(t *testing.T) {
	root := t.TempDir()
	var sent int64
	var maxMs float64
	for i, base := range []time.Duration{time.Millisecond, 3 * time.Millisecond, 2 * time.Millisecond} {
		s := writeRunDir(t, filepath.Join(root, "shard-"+strconv.Itoa(i)), base, uint64(i+1),
			runDirStart.Add(time.Duration(i)*150*time.Millisecond), "sent > 3000")
		sent += s.Events.Sent
		maxMs = max(maxMs, s.Latency.Response.Max)
	}
	out := filepath.Join(root, "merged")
	code, stdout, stderr := cli(t, "merge", filepath.Join(root, "shard-*"), "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if !strings.Contains(stderr, "merged 3 runs into "+out) {
		t.Errorf("stderr %s", stderr)
	}
	golden.Check(t, filepath.Join("testdata", "merge.txt"), []byte(stdout))
	m, err := reports.ReadSummary(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Events.Sent != sent || m.Latency.Response.Max != maxMs || len(m.Thresholds) != 1 || !m.Thresholds[0].OK {
		t.Errorf("merged sent %d max %v thresholds %+v; want %d, %v and sent > 3000 passing", m.Events.Sent,
			m.Latency.Response.Max, m.Thresholds, sent, maxMs)
	}
	for _, f := range []string{reports.SummaryFile, hlog.File, render.ReportFile} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("merged %s: %v", f, err)
		}
	}
}

func TestMergeCommandThreshold(t *testing.T) {
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	writeRunDir(t, a, time.Millisecond, 1, runDirStart, "p99 < 1ms")
	writeRunDir(t, b, 5*time.Millisecond, 2, runDirStart, "p99 < 1ms")
	code, _, stderr := cli(t, "merge", a, b, "-o", filepath.Join(root, "m"))
	if code != exitThreshold || !strings.Contains(stderr, "threshold") {
		t.Errorf("exit %d stderr %q, want %d: the merged p99 crosses the threshold", code, stderr, exitThreshold)
	}
}

func TestMergeCommandErrors(t *testing.T) {
	root := t.TempDir()
	a := filepath.Join(root, "a")
	writeRunDir(t, a, time.Millisecond, 1, runDirStart, "")
	other := filepath.Join(root, "other")
	writeRunDir(t, other, time.Millisecond, 2, runDirStart, "")
	s, err := reports.ReadSummary(other)
	if err != nil {
		t.Fatal(err)
	}
	s.Scenario = "logs"
	if err := reports.WriteFileAtomic(filepath.Join(other, reports.SummaryFile), s.WriteJSON); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"merge", a}, exitUsage, "merge needs -o DIR"},
		{[]string{"merge", "-o", filepath.Join(root, "m")}, exitUsage, "requires at least 1 arg"},
		{[]string{"merge", filepath.Join(root, "x-*"), "-o", filepath.Join(root, "m")}, exitError, "no result directory matches"},
		{[]string{"merge", a, filepath.Join(root, "nope"), "-o", filepath.Join(root, "m")}, exitError, "no such file"},
		{[]string{"merge", a, "-o", a}, exitError, "is one of the inputs"},
		{[]string{"merge", a, a, "-o", filepath.Join(root, "m")}, exitError, "are the same directory"},
		{[]string{"merge", a, other, "-o", filepath.Join(root, "m")}, exitError, "--mixed merges them anyway"},
		{[]string{"merge", a, other, "--mixed", "-o", filepath.Join(root, "m")}, exitOK, "merged 2 runs"},
	}
	for _, c := range cases {
		code, _, errOut := cli(t, c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d stderr %q, want exit %d and %q", c.args, code, errOut, c.code, c.want)
		}
	}
}
