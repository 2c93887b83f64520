package runner

import (
	"time"

	"github.com/disload/disload/internal/cost"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/scenarios"
)

// runCost is what the run would cost on FunctionGraph at the scenario's
// prices: every delivery is an invocation billed at its service time
// rounded up to 1 ms (metrics counts it exactly, per delivery) and at the
// target's memory. Trigger runs add the DIS stream's partition-hours and
// PUT units when the prices include them. Nil for an http target.
func runCost(sc *scenarios.Scenario, total *metrics.Interval, elapsed time.Duration, trig *reports.Trigger) *cost.Estimate {
	if !sc.Target.FunctionLike() || total == nil {
		return nil
	}
	e := cost.Compute(cost.Usage{
		Invocations: total.Sent, BilledMs: total.BilledMs, MemoryMB: sc.Target.BilledMemory(),
		Records: total.Records, Elapsed: elapsed,
	}, sc.Cost)
	if trig != nil {
		e.AddStream(streamUsage(sc, total, trig, elapsed), total.Records, elapsed)
	}
	return &e
}

// streamUsage is the stream's use over a trigger run: its partitions for
// the run's length, and the records produced into it, their bytes
// estimated at the delivered records' mean size.
func streamUsage(sc *scenarios.Scenario, total *metrics.Interval, trig *reports.Trigger, elapsed time.Duration) cost.StreamUsage {
	var produced int64
	for _, p := range trig.Partitions {
		produced += p.Produced
	}
	u := cost.StreamUsage{Partitions: sc.Stream.Partitions, Elapsed: elapsed, Records: produced}
	if total.Records > 0 {
		u.Bytes = int64(float64(total.PayloadBytes) / float64(total.Records) * float64(produced))
	}
	return u
}
