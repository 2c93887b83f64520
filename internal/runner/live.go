package runner

import (
	"fmt"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/live"
	"github.com/disload/disload/internal/metrics"
)

// attachLive starts the live metrics (nil: none asked for) of the run
// that col records on tgt.
func attachLive(o Options, col *metrics.Collector, tgt harness.Target, runID string) {
	if o.Live == nil {
		return
	}
	sc := o.Scenario
	o.Live.Attach(col, live.Labels{Scenario: sc.Name, Target: sc.Target.Spec(), Shard: shardLabel(o), RunID: runID})
	if is, ok := tgt.(instanceStats); ok {
		o.Live.CountInstances(func() int { return is.Stats().PeakInstances })
	}
}

// shardLabel is "I/N" for shard I of N, "" for a whole run.
func shardLabel(o Options) string {
	if o.Shards > 1 {
		return fmt.Sprintf("%d/%d", o.Shard, o.Shards)
	}
	return ""
}
