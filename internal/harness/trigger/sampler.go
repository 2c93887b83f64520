package trigger

import (
	"math"
	"time"
)

// TotalPartition is the Partition of a LagSample that sums the whole
// stream.
const TotalPartition = -1

// MaxTimelinePartitions is the most partitions whose own samples the
// timeline keeps; a larger stream's timeline holds only the totals (the
// per-partition maxima are in Result.Partitions).
const MaxTimelinePartitions = 64

// LagSample is the lag of a partition (or, with Partition TotalPartition,
// of the whole stream) at one moment of the run.
type LagSample struct {
	At        time.Duration // since the start of the run
	Partition int           // TotalPartition for the whole stream
	// LagRecords is the records written but not yet pulled (the total:
	// their sum).
	LagRecords int64
	// LagMs is the time since the oldest of those records was written
	// (the total: the largest).
	LagMs float64
	// TroughRecords is the lowest lag since the previous sample: the lag
	// left right after a pull, or LagRecords (the total: their sum).
	TroughRecords int64
	// IteratorAgeMs is the largest iterator age of the invocations that
	// started since the previous sample: invocation start minus the write
	// time of the batch's first record (the total: the largest).
	IteratorAgeMs float64
}

// sample takes the timeline's samples every Interval until the stop.
func (r *runner) sample() {
	defer close(r.samplerDone)
	t := time.NewTimer(time.Hour)
	t.Stop()
	for k := time.Duration(0); r.sleepUntil(t, k*r.cfg.Interval); k++ {
		r.takeSample(k*r.cfg.Interval, r.since())
	}
}

// takeSample appends the samples labeled at, measured at now.
func (r *runner) takeSample(at, now time.Duration) {
	each := len(r.parts) <= MaxTimelinePartitions
	total := LagSample{At: at, Partition: TotalPartition}
	var live []LagSample
	if r.cfg.Lag != nil {
		live = make([]LagSample, 0, len(r.parts)+1)
	}
	for _, p := range r.parts {
		lag, age := p.prod.lagAt(now, p.cursor.Load())
		p.noteLag(lag, age)
		s := LagSample{At: at, Partition: p.id, LagRecords: lag, LagMs: ms(age),
			IteratorAgeMs: ms(time.Duration(p.winAge.Swap(0)))}
		s.TroughRecords = min(lag, p.winTrough.Swap(math.MaxInt64))
		total.LagRecords += s.LagRecords
		total.TroughRecords += s.TroughRecords
		total.LagMs = max(total.LagMs, s.LagMs)
		total.IteratorAgeMs = max(total.IteratorAgeMs, s.IteratorAgeMs)
		if each {
			r.timeline = append(r.timeline, s)
		}
		if live != nil {
			live = append(live, s)
		}
	}
	r.timeline = append(r.timeline, total)
	if live != nil {
		r.cfg.Lag.ObserveLag(append(live, total))
	}
}

// ms converts d to milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
