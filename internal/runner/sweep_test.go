package runner

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
)

// TestSweepBatch: against a 20 ms handler, batches of 100 sustain more
// records/s than batches of 20 and cost less per million records (fewer
// invocations, each billed about the same).
func TestSweepBatch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		sc := scenario(t, "load: {mode: trigger, rate: 500/s, duration: 1s}\ntrigger: {poll: 100ms}\n"+
			"target: {type: inproc, name: 'sleep:20ms'}\n")
		sw, err := ParseSweep("batch=20,100")
		if err != nil {
			t.Fatal(err)
		}
		res, err := Run(context.Background(), Options{Scenario: sc, Sweep: &sw})
		if err != nil {
			t.Fatal(err)
		}
		rows := res.Summary.Sweep
		if len(rows) != 2 || rows[0].Batch != 20 || rows[1].Batch != 100 {
			t.Fatalf("rows %+v, want batch 20 then 100", rows)
		}
		t.Logf("rows %+v", rows)
		small, big := rows[0], rows[1]
		if !(big.MaxSustainableRecordsPerS > small.MaxSustainableRecordsPerS) {
			t.Errorf("batch 100 sustains %v records/s, batch 20 %v: want more", big.MaxSustainableRecordsPerS, small.MaxSustainableRecordsPerS)
		}
		if !(big.CostPerMillionRecords < small.CostPerMillionRecords) || small.CostPerMillionRecords <= 0 {
			t.Errorf("per million records: batch 100 %v, batch 20 %v: want batch 100 cheaper", big.CostPerMillionRecords, small.CostPerMillionRecords)
		}
		if !slices.Contains(big.Recommended, "cost") || !slices.Contains(big.Recommended, "speed") {
			t.Errorf("batch 100 recommended for %v, want cost and speed", big.Recommended)
		}
		if big.Memory != 128 || big.E2EP99Ms <= 0 {
			t.Errorf("row %+v: want memory 128 and an end-to-end p99", big)
		}
	})
}

func TestParseSweep(t *testing.T) {
	for _, tc := range []struct {
		spec  string
		param SweepParam
		vals  []int
		err   string
	}{
		{"batch=10,50,100", SweepBatch, []int{10, 50, 100}, ""},
		{" memory = 128, 256 ", SweepMemory, []int{128, 256}, ""},
		{"batch=", "", nil, `batch: "" is not a whole number`},
		{"batch=10,10", "", nil, "10 is given twice"},
		{"batch=0", "", nil, `"0" is not a whole number above 0`},
		{"batch=20000", "", nil, "above the maximum batch"},
		{"cpu=1,2", "", nil, "want batch=V1,V2"},
		{"batch", "", nil, "want batch=V1,V2"},
		{"memory=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21", "", nil, "at most 20"},
	} {
		sw, err := ParseSweep(tc.spec)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseSweep(%q) error %v, want %q", tc.spec, err, tc.err)
			}
			continue
		}
		if err != nil || sw.Param != tc.param || !slices.Equal(sw.Values, tc.vals) {
			t.Errorf("ParseSweep(%q) = %+v, %v; want %s %v", tc.spec, sw, err, tc.param, tc.vals)
		}
	}
}

func FuzzParseSweep(f *testing.F) {
	for _, s := range []string{"batch=10,50,100", "memory=128", "batch=", "x=1", "batch=1,,2", "memory=-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		sw, err := ParseSweep(spec)
		if err != nil {
			return
		}
		if len(sw.Values) == 0 || len(sw.Values) > MaxSweepValues {
			t.Fatalf("ParseSweep(%q) = %+v: values out of bounds", spec, sw)
		}
		for _, v := range sw.Values {
			if v < 1 {
				t.Fatalf("ParseSweep(%q) accepted %d", spec, v)
			}
		}
	})
}
