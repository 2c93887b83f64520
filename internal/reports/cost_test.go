package reports

import (
	"math"
	"testing"
	"time"

	"github.com/disload/disload/internal/cost"
	"github.com/disload/disload/internal/threshold"
)

// costSummary is a run of calls invocations of ms each at 256 MB over
// secs seconds, delivering records.
func costSummary(calls, ms, records int64, secs float64, p cost.Prices) *Summary {
	e := cost.Compute(cost.Usage{Invocations: calls, BilledMs: calls * ms, MemoryMB: 256, Records: records,
		Elapsed: time.Duration(secs * float64(time.Second))}, p)
	return &Summary{Schema: Schema, Records: records, DurationS: secs, Cost: &e, Errors: map[string]int64{}}
}

func TestCostThresholds(t *testing.T) {
	cheap := costSummary(100, 10, 100_000, 10, cost.Default()) // 10 ms calls of 1000 records
	dear := costSummary(100, 1000, 1_000, 10, cost.Default())  // 1 s calls of 10 records
	for _, tc := range []struct {
		expr string
		s    *Summary
		ok   bool
	}{
		{"cost_per_million_records<0.05", cheap, true},
		{"cost_per_million_records<0.05", dear, false},
		{"cost_per_million_records<0.05", &Summary{}, false}, // no cost block: cannot pass
		{"cost_per_month<1000", cheap, true},
		{"gb_s>0", cheap, true},
		{"cost_total==0", cheap, false},
	} {
		th, err := threshold.Parse(tc.expr)
		if err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		v, ok := th.Eval(tc.s)
		if ok != tc.ok {
			t.Errorf("%s on %+v: value %v ok %v, want ok %v", tc.expr, tc.s.Cost, v, ok, tc.ok)
		}
	}
}

func TestMergeCost(t *testing.T) {
	a := costSummary(10, 100, 1000, 10, cost.Default())
	b := costSummary(30, 100, 3000, 10, cost.Default())
	m := MergeCost([]*Summary{a, b}, 4000, 10*time.Second)
	if m == nil || m.Invocations != 40 || m.BilledMs != 4000 || math.Abs(m.GBs-1) > 1e-9 {
		t.Fatalf("merged %+v, want 40 invocations, 4000 ms, 1 GB-s", m)
	}
	other := cost.Default()
	other.PerGBs *= 2
	if m := MergeCost([]*Summary{a, costSummary(1, 1, 1, 1, other)}, 1, time.Second); m != nil {
		t.Errorf("runs at different prices merged into %+v", m)
	}
}
