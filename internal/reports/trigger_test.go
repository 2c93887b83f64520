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
