package trigger

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestJudge(t *testing.T) {
	s := func(sec float64, lag int64) LagSample {
		return LagSample{At: time.Duration(sec * float64(time.Second)), Partition: TotalPartition, LagRecords: lag}
	}
	for _, tc := range []struct {
		name      string
		samples   []LagSample
		endLag    int64
		startLag  int64
		keepingUp bool
		growth    float64
		verdict   string
	}{
		{"flat and small", []LagSample{s(0, 0), s(5, 100), s(8, 300), s(10, 50)}, 50, 0, true, -10, "keeping up"},
		{"growing", []LagSample{s(0, 0), s(5, 10_000), s(10, 20_000)}, 20_000, 0, false, 2000, "falling behind: lag growing by 2,000 records/s"},
		{"spike in the last half", []LagSample{s(0, 0), s(5, 100), s(7, 900)}, 100, 0, false, 0, "falling behind: lag growing by 0 records/s"},
		{"spike before the last half counts not", []LagSample{s(0, 0), s(2, 5000), s(5, 100)}, 100, 0, true, 0, "keeping up"},
		{"shrinking backlog", []LagSample{s(0, 9000), s(5, 6000), s(10, 3000)}, 1000, 9000, true, -1000, "catching up: lag shrinking by 1,000 records/s"},
		{"no samples: from the start", nil, 5000, 0, false, 500, "falling behind: lag growing by 500 records/s"},
		{"samples after the window ignored", []LagSample{s(0, 0), s(5, 0), s(11, 99_999)}, 0, 0, true, 0, "keeping up"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ok, growth, verdict := judge(tc.samples, 10*time.Second, tc.endLag, 500, tc.startLag)
			if ok != tc.keepingUp || growth != tc.growth || verdict != tc.verdict {
				t.Errorf("judge = %v, %v, %q; want %v, %v, %q", ok, growth, verdict, tc.keepingUp, tc.growth, tc.verdict)
			}
		})
	}
}

func TestTotals(t *testing.T) {
	tl := []LagSample{{Partition: 0}, {Partition: TotalPartition, LagRecords: 1}, {Partition: 1}, {Partition: TotalPartition, LagRecords: 2}}
	got := totals(tl)
	if len(got) != 2 || got[0].LagRecords != 1 || got[1].LagRecords != 2 {
		t.Errorf("totals = %+v", got)
	}
}

func TestWarnsOfEventsOverSixMB(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := uniform(1, 419)
		s.keys[0] = strings.Repeat("k", 200)
		cfg := Config{Format: testFormat, MaxEventBytes: 6 << 20, RecordRate: 10_000, Duration: time.Second, Backlog: time.Second, BatchSize: 10_000, Poll: 100 * time.Millisecond}
		res, _ := runIn(t, cfg, s, noopTarget{})
		if res.MaxEventBytes <= 6<<20 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "passed FunctionGraph's limit of 6,291,456 bytes") {
			t.Errorf("largest event %d bytes, warnings %q", res.MaxEventBytes, res.Warnings)
		}
	})
}
