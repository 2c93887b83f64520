package reports

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestRecommend(t *testing.T) {
	row := func(batch int, rate, cpm float64) SweepRow {
		return SweepRow{Batch: batch, Memory: 128, MaxSustainableRecordsPerS: rate, CostPerMillionRecords: cpm, Currency: "USD"}
	}
	for _, tc := range []struct {
		name                  string
		rows                  []SweepRow
		cheap, fast, balanced int // indexes, -1: none
	}{
		{"bigger batch cheaper and faster", []SweepRow{row(20, 1000, 0.5), row(100, 4000, 0.1)}, 1, 1, 1},
		{"trade-off", []SweepRow{row(10, 1000, 0.10), row(50, 3000, 0.12), row(500, 3200, 0.40)}, 0, 2, 1},
		{"a row that sustained nothing is never picked", []SweepRow{row(10, 0, 0.01), row(50, 100, 0.2)}, 1, 1, 1},
		{"nothing sustained", []SweepRow{row(10, 0, 0.01)}, -1, -1, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			Recommend(tc.rows)
			for _, want := range []struct {
				what string
				at   int
			}{{"cost", tc.cheap}, {"speed", tc.fast}, {"balanced", tc.balanced}} {
				for i, r := range tc.rows {
					if got := slices.Contains(r.Recommended, want.what); got != (i == want.at) {
						t.Errorf("row %d (batch %d) recommended %v; want %q only on row %d", i, r.Batch, r.Recommended, want.what, want.at)
					}
				}
			}
		})
	}
}

func TestWriteSweep(t *testing.T) {
	s := &Summary{Sweep: []SweepRow{{Batch: 20, Memory: 128, MaxSustainableRecordsPerS: 900, CostPerMillionRecords: 0.5, Currency: "USD"},
		{Batch: 100, Memory: 128, MaxSustainableRecordsPerS: 4000, CostPerMillionRecords: 0.1, Currency: "USD"}}}
	Recommend(s.Sweep)
	var buf bytes.Buffer
	if err := s.writeSweep(&buf); err != nil {
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
	if err := s.writeSweep(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "does not buy more CPU") {
		t.Errorf("a memory sweep lacks the note that memory buys no CPU here:\n%s", buf.String())
	}
}

func TestSweepHTML(t *testing.T) {
	s := &Summary{Schema: Schema, Errors: map[string]int64{}, Sweep: []SweepRow{
		{Batch: 20, Memory: 128, MaxSustainableRecordsPerS: 900, E2EP99Ms: 40, CostPerMillionRecords: 0.5, Currency: "USD"},
		{Batch: 100, Memory: 128, MaxSustainableRecordsPerS: 4000, E2EP99Ms: 60, CostPerMillionRecords: 0.1, Currency: "USD"}}}
	Recommend(s.Sweep)
	var buf bytes.Buffer
	if err := s.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Sweep: one capacity search per value", `"id":"sweep"`, `"x":"batch size"`, `"id":"sweep-p99"`, "cost, speed, balanced"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
}
