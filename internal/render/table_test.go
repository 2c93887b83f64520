package render

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/golden"
	"github.com/disload/disload/internal/metrics/metricstest"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/reports/reportstest"
)

func heldSummary() *reports.Summary {
	f := reportstest.Facts()
	f.RateHeld, f.Interrupted, f.ColdStarts, f.AchievedRate = true, false, nil, 120
	total := metricstest.Total()
	total.Failed, total.Sent = 0, total.OK
	clear(total.Errors)
	clear(total.Samples)
	return reports.NewSummary(f, total)
}

func TestWriteTableGolden(t *testing.T) {
	cases := []struct {
		name string
		s    *reports.Summary
	}{
		{"table_full.golden", reportstest.Checked(t)},
		{"table_held.golden", heldSummary()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteTable(&buf, c.s); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", c.name), buf.Bytes())
		})
	}
}

func TestWriteTableContent(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, reportstest.Checked(t)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"rate NOT held: asked 120/s, achieved 100.3/s, fell 3.2s behind schedule: in-flight cap 64 reached",
		"interrupted",
		"cold starts: 3, p50 120ms, max 300ms",
		"decoded MB/s", "0.205", // 204800 B/s
		"FunctionReturnError", "handler: boom at line 3", // first sample on one line
		"✓", "✗", "p99<200ms", "error_rate<0.1%", "0.299%",
		"p99.9",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "timeout") > strings.Index(out, "FunctionReturnError") {
		t.Errorf("error classes not ordered by count (timeout: 2 before FunctionReturnError: 1):\n%s", out)
	}

	buf.Reset()
	if err := WriteTable(&buf, heldSummary()); err != nil {
		t.Fatal(err)
	}
	for _, absent := range []string{"NOT held", "interrupted", "error class", "threshold", "cold starts"} {
		if strings.Contains(buf.String(), absent) {
			t.Errorf("clean run's table has %q:\n%s", absent, buf.String())
		}
	}
}

func TestWriteTableWriterError(t *testing.T) {
	if err := WriteTable(&metricstest.FailWriter{}, reportstest.Checked(t)); err == nil {
		t.Error("no error from a failing writer")
	}
}

func TestFormatHelpers(t *testing.T) {
	cases := []struct{ got, want string }{
		{reports.Num(2000, 1), "2000"},
		{reports.Num(1999.84, 1), "1999.8"},
		{reports.Num(0.2048, 3), "0.205"},
		{reports.Num(0, 3), "0"},
		{reports.Seconds(3.2), "3.2s"},
		{reports.Seconds(90), "1m30s"},
		{oneLine("a\n  b\tc", 60), "a b c"},
		{oneLine(strings.Repeat("x", 70), 10), "xxxxxxxxx…"},
		{clock(90 * time.Second), "1m30s"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %q, want %q", i, c.got, c.want)
		}
	}
}

func TestWritePartitionsBusiestFirst(t *testing.T) {
	var parts []reports.PartitionFigures
	for p := range maxPartitionRows + 4 {
		parts = append(parts, reports.PartitionFigures{Partition: p, Produced: 100, Delivered: 90, MaxLag: int64(p % 7), Rate: float64(p)})
	}
	parts[3].LimitHit = true
	var b strings.Builder
	if err := writePartitions(&b, parts); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, fmt.Sprintf("the %d partitions with the most lag of %d", maxPartitionRows, len(parts))) {
		t.Errorf("no cut notice:\n%s", out)
	}
	// Partition 13 (max lag 6, rate 13) leads; 3 shows its write limit.
	lines := strings.Split(out, "\n")
	first := ""
	for _, l := range lines {
		if strings.Contains(l, "│") && !strings.Contains(l, "partition") {
			first = l
			break
		}
	}
	if f := strings.Fields(strings.ReplaceAll(first, "│", " ")); len(f) == 0 || f[0] != "13" {
		t.Errorf("first row %q, want partition 13", first)
	}
	if !strings.Contains(out, "write limit") {
		t.Errorf("the write limit is not shown:\n%s", out)
	}
}

// TestTableShowsMergedRateAndEngine: a merged run whose part did not hold
// its rate says so with the part's own figures, and the engine's counts
// show when unsent, abandoned or stale resends are not 0.
func TestTableShowsMergedRateAndEngine(t *testing.T) {
	s := heldSummary()
	s.RateHeld, s.AskedRate, s.AchievedRate = false, 600, 600
	s.RateNote = "1/2 asked 300/s, achieved 300/s, fell 1.5s behind schedule (in-flight cap 64 reached)"
	s.Scheduled, s.Unsent, s.Abandoned, s.Connections.StaleRetries = 2500, 8, 3, 10
	var buf bytes.Buffer
	if err := WriteTable(&buf, s); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"rate NOT held: asked 600/s, achieved 600/s", "1/2 asked 300/s, achieved 300/s, fell 1.5s behind schedule",
		"engine: scheduled 2500 · unsent 8 · abandoned 3 · stale resends 10"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
	buf.Reset()
	if err := WriteTable(&buf, heldSummary()); err != nil || strings.Contains(buf.String(), "engine:") {
		t.Errorf("a quiet run shows an engine line (%v):\n%s", err, buf.String())
	}
}
