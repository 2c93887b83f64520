package runner

import (
	"context"
	"math"
	"testing"
	"testing/synctest"
)

// TestRunCost: a 100 ms in-process handler at 256 MB, 10 calls/s for 3 s
// is billed 30 invocations of 100 ms: 0.75 GB-s, and a non-zero projected
// cost; an http target has no cost block.
func TestRunCost(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		sc := scenario(t, "load: {rate: 10/s, duration: 3s}\ntarget: {type: inproc, name: 'sleep:100ms', memory: 256}\n")
		res, err := Run(context.Background(), Options{Scenario: sc})
		if err != nil {
			t.Fatal(err)
		}
		c := res.Summary.Cost
		if c == nil {
			t.Fatal("no cost block for an in-process handler")
		}
		if math.Abs(float64(c.Invocations)-30) > 3 || math.Abs(c.GBs-0.75) > 0.075 {
			t.Errorf("invocations %d, GB-s %v; want 30 and 0.75 within 10%%", c.Invocations, c.GBs)
		}
		if c.BilledMs < 100*c.Invocations {
			t.Errorf("billed %d ms for %d invocations of 100 ms", c.BilledMs, c.Invocations)
		}
		if c.MemoryMB != 256 || c.Total <= 0 || c.PerMonth.Total <= 0 || c.PerHour.Total <= 0 || c.PerMillionRecords <= 0 {
			t.Errorf("cost %+v: want memory 256 and non-zero run, projected and per-record costs", c)
		}
	})
}
