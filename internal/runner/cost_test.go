package runner

import (
	"context"
	"math"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/reports"
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

// TestRunCostTargets: only function-like targets have a cost, billed at
// their memory (the default 128 MB when unset).
func TestRunCostTargets(t *testing.T) {
	total := metrics.NewInterval(0)
	total.Record(&metrics.Result{Start: 0, End: 1500 * time.Microsecond, Records: 10})
	for _, tc := range []struct {
		target string
		memory int // 0: no cost block
	}{
		{"target: inproc:decode", 128},
		{"target: {type: inproc, name: decode, memory: 512}", 512},
		{"target: rpc://127.0.0.1:1", 128},
		{"target: http://127.0.0.1:1/", 0},
	} {
		sc := scenario(t, "load: {rate: 1}\n"+tc.target+"\n")
		c := runCost(sc, total, time.Second, nil)
		if tc.memory == 0 {
			if c != nil {
				t.Errorf("%s: cost %+v, want none", tc.target, c)
			}
			continue
		}
		if c == nil || c.MemoryMB != tc.memory || c.Invocations != 1 || c.BilledMs != 2 {
			t.Errorf("%s: cost %+v, want 1 invocation billed 2 ms at %d MB", tc.target, c, tc.memory)
		}
	}
}

// TestRunCostStream: a trigger run adds the stream's partition-hours and
// PUT units of the records produced, when the stream is priced.
func TestRunCostStream(t *testing.T) {
	total := metrics.NewInterval(0)
	total.Record(&metrics.Result{Start: 0, End: time.Millisecond, Records: 100, Bytes: 100 * 200})
	trig := &reports.Trigger{Partitions: []reports.PartitionFigures{{Partition: 0, Produced: 150}, {Partition: 1, Produced: 50}}}
	for _, tc := range []struct {
		cost  string
		units int64 // 0: no stream cost
	}{
		{"", 0},
		{"cost: {per_partition_hour: 0.02, per_million_put_units: 0.015}\n", 200},
	} {
		sc := scenario(t, "load: {mode: trigger, rate: 100/s}\nstream: {partitions: 2}\n"+tc.cost)
		c := runCost(sc, total, time.Hour, trig)
		switch {
		case tc.units == 0 && c.Stream != nil:
			t.Errorf("unpriced stream costed: %+v", c.Stream)
		case tc.units > 0 && (c.Stream == nil || c.Stream.PutUnits != tc.units || c.Stream.PartitionHours != 2):
			t.Errorf("stream %+v, want %d units over 2 partition-hours", c.Stream, tc.units)
		}
	}
}
