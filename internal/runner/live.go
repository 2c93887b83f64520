package runner

import (
	"fmt"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/live"
)

// liveStatus hands the engine's status, and a function target's instances,
// to the live metrics (nil: none asked for).
func liveStatus(e *live.Exporter, tgt harness.Target, st harness.Status) {
	if e == nil {
		return
	}
	e.Status(st)
	if is, ok := tgt.(instanceStats); ok {
		e.Instances(is.Stats().PeakInstances)
	}
}

// shardLabel is "I/N" for shard I of N, "" for a whole run.
func shardLabel(o Options) string {
	if o.Shards > 1 {
		return fmt.Sprintf("%d/%d", o.Shard, o.Shards)
	}
	return ""
}
