package reports

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/metrics"
)

func TestTriggerZeroFiguresAreWritten(t *testing.T) {
	b, err := json.Marshal(&Trigger{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"max_lag_ms":0`, `"final_lag_records":0`, `"duplicates":0`, `"end_to_end_ms":{`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s: no lag is a finding too", b, want)
		}
	}
	for _, absent := range []string{"verdict", "partitions", `"lag"`, "end_to_end_histogram", "max_sustainable"} {
		if strings.Contains(string(b), absent) {
			t.Errorf("%s has %s, want it omitted when empty", b, absent)
		}
	}
}

func TestSetEndToEnd(t *testing.T) {
	h := metrics.NewHistogram()
	for i := 1; i <= 1000; i++ {
		_ = h.RecordValue(int64(i) * int64(time.Millisecond))
	}
	var tr Trigger
	tr.SetEndToEnd(h)
	if tr.EndToEndMs.P50 < 499 || tr.EndToEndMs.P50 > 501 || tr.EndToEndMs.Max < 999 {
		t.Errorf("end-to-end %+v", tr.EndToEndMs)
	}
	back, err := decode("end_to_end", tr.EndToEndHDR)
	if err != nil || !back.Equals(h) {
		t.Errorf("the kept histogram does not decode to the recorded one: %v", err)
	}
}

func TestTableShowsTrigger(t *testing.T) {
	var buf strings.Builder
	if err := richSummary(t).WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"trigger: kept up: lag stayed under 1 batch", "max lag ms", "850", "end-to-end p50 ms"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
}

// droppingSummary is a trigger run that skipped records, after a capacity
// search of two steps.
func droppingSummary(t *testing.T) *Summary {
	s := richSummary(t)
	s.Trigger.Verdict = "dropping data: 1,200 records skipped after retries"
	s.Trigger.SkippedRecords = 1200
	s.Trigger.Partitions = []PartitionFigures{{Partition: 0, Produced: 2000, Delivered: 800, Attempted: 2000, Skipped: 1200, LimitHit: true}}
	s.Trigger.Steps = []FindMaxStep{
		{RateRecordsPerS: 1000, ProducedRecordsPerS: 1000, KeepingUp: false, LagSlope: 510, DrainedRecordsPerS: 490, Verdict: "falling behind: lag growing by 510 records/s"},
		{RateRecordsPerS: 478, ProducedRecordsPerS: 478, KeepingUp: true, LagSlope: 1, DrainedRecordsPerS: 478, Verdict: "keeping up (lag slope +1 records/s)"},
	}
	s.Trigger.FindMax = &FindMax{MaxSustainableRecordsPerS: 478, FirstFailingRecordsPerS: 500, Note: "highest sustainable rate 478 records/s"}
	return s
}

func TestTableShowsSkipsAndFindMax(t *testing.T) {
	var buf strings.Builder
	if err := droppingSummary(t).WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"trigger: dropping data: 1,200 records skipped after retries",
		"find-max: highest sustainable rate 478 records/s", "skipped records", "1200", "write limit"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	// Every column of the partition table has a header.
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "partition") && strings.Contains(line, "produced") {
			for _, col := range strings.Split(strings.Trim(strings.TrimSpace(line), "│|"), "│") {
				if strings.TrimSpace(col) == "" {
					t.Errorf("partition table header has an empty column: %q", line)
				}
			}
		}
	}
}

func TestHTMLShowsTriggerFirst(t *testing.T) {
	page := renderHTML(t, droppingSummary(t))
	trig, figs := strings.Index(page, `<section id="trigger">`), strings.Index(page, `<section id="figures">`)
	if trig < 0 || figs < 0 || trig > figs {
		t.Errorf("trigger section at %d, figures at %d: want the trigger first", trig, figs)
	}
	for _, want := range []string{"dropping data: 1,200 records skipped after retries", "skipped records",
		"Capacity search (--find-max)", "falling behind: lag growing by 510 records/s", "find-max: highest sustainable rate 478"} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// TestMergeAddsSkips: shards' skipped, undelivered and attempted records
// and abandoned invocations add up, per partition and in total.
func TestMergeAddsSkips(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	run := func(skipped int64, parts ...PartitionFigures) *Summary {
		return &Summary{Started: start, Trigger: &Trigger{SkippedRecords: skipped, UndeliveredRecords: 3, Abandoned: 1, Partitions: parts}}
	}
	m, err := mergeTriggers([]*Summary{
		run(100, PartitionFigures{Partition: 0, Delivered: 10, Attempted: 110, Skipped: 100}),
		run(50, PartitionFigures{Partition: 0, Delivered: 5, Attempted: 55, Skipped: 50}, PartitionFigures{Partition: 1, Delivered: 7, Attempted: 7}),
	}, start)
	if err != nil {
		t.Fatal(err)
	}
	if m.SkippedRecords != 150 || m.UndeliveredRecords != 6 || m.Abandoned != 2 {
		t.Errorf("merged skipped %d, undelivered %d, abandoned %d; want 150, 6, 2", m.SkippedRecords, m.UndeliveredRecords, m.Abandoned)
	}
	want := []PartitionFigures{{Partition: 0, Delivered: 15, Attempted: 165, Skipped: 150}, {Partition: 1, Delivered: 7, Attempted: 7}}
	if len(m.Partitions) != 2 || m.Partitions[0] != want[0] || m.Partitions[1] != want[1] {
		t.Errorf("partitions %+v, want %+v", m.Partitions, want)
	}
}
