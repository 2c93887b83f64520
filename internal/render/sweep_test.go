package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/disload/disload/internal/reports"
)

func TestWriteSweep(t *testing.T) {
	s := &reports.Summary{Sweep: []reports.SweepRow{{Batch: 20, Memory: 128, MaxSustainableRecordsPerS: 900, CostPerMillionRecords: 0.5, Currency: "USD"},
		{Batch: 100, Memory: 128, MaxSustainableRecordsPerS: 4000, CostPerMillionRecords: 0.1, Currency: "USD"}}}
	reports.Recommend(s.Sweep)
	var buf bytes.Buffer
	if err := (view{s}).writeSweep(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"batch", "max records/s", "cost, speed, balanced"} {
		if !strings.Contains(out, want) {
			t.Errorf("sweep table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "does not buy more CPU") {
		t.Errorf("a batch sweep carries the memory note:\n%s", out)
	}
	s.Sweep[1].Memory = 512
	buf.Reset()
	if err := (view{s}).writeSweep(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "does not buy more CPU") {
		t.Errorf("a memory sweep lacks the note that memory buys no CPU here:\n%s", buf.String())
	}
}

func TestSweepHTML(t *testing.T) {
	s := &reports.Summary{Schema: reports.Schema, Errors: map[string]int64{}, Sweep: []reports.SweepRow{
		{Batch: 20, Memory: 128, MaxSustainableRecordsPerS: 900, E2EP99Ms: 40, CostPerMillionRecords: 0.5, Currency: "USD"},
		{Batch: 100, Memory: 128, MaxSustainableRecordsPerS: 4000, E2EP99Ms: 60, CostPerMillionRecords: 0.1, Currency: "USD"}}}
	reports.Recommend(s.Sweep)
	var buf bytes.Buffer
	if err := WriteHTML(&buf, s); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Sweep: one capacity search per value", `"id":"sweep"`, `"x":"batch size"`, `"id":"sweep-p99"`, "cost, speed, balanced"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
}
