package render

import (
	"strings"
	"testing"

	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/reports/reportstest"
)

func TestTableShowsTrigger(t *testing.T) {
	var buf strings.Builder
	if err := WriteTable(&buf, reportstest.Rich(t)); err != nil {
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
func droppingSummary(t *testing.T) *reports.Summary {
	s := reportstest.Rich(t)
	s.Trigger.Verdict = "dropping data: 1,200 records skipped after retries"
	s.Trigger.SkippedRecords = 1200
	s.Trigger.Partitions = []reports.PartitionFigures{{Partition: 0, Produced: 2000, Delivered: 800, Attempted: 2000, Skipped: 1200, LimitHit: true}}
	s.Trigger.Steps = []reports.FindMaxStep{
		{RateRecordsPerS: 1000, ProducedRecordsPerS: 1000, KeepingUp: false, LagSlope: 510, DrainedRecordsPerS: 490, Verdict: "falling behind: lag growing by 510 records/s"},
		{RateRecordsPerS: 478, ProducedRecordsPerS: 478, KeepingUp: true, LagSlope: 1, DrainedRecordsPerS: 478, Verdict: "keeping up (lag slope +1 records/s)"},
	}
	s.Trigger.FindMax = &reports.FindMax{MaxSustainableRecordsPerS: 478, FirstFailingRecordsPerS: 500, Note: "highest sustainable rate 478 records/s"}
	return s
}

func TestTableShowsSkipsAndFindMax(t *testing.T) {
	var buf strings.Builder
	if err := WriteTable(&buf, droppingSummary(t)); err != nil {
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
