package trigger

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/disload/disload/internal/metrics"
)

// Verdicts (Result.Verdict starts with one of them). Dropping data comes
// first: any record skipped after its retries makes it the verdict,
// whatever the lag did.
const (
	VerdictKeepingUp     = "keeping up"
	VerdictCatchingUp    = "catching up"    // + ": lag shrinking by N records/s"
	VerdictFallingBehind = "falling behind" // + ": lag growing by N records/s"
	VerdictDropping      = "dropping data"  // + ": N records skipped after retries"
	VerdictGaveUp        = "function gave up"
)

// Result is how a trigger run went. Lag is counted in records written but
// not yet pulled by the trigger, and in the time since the oldest of them
// was written.
type Result struct {
	Elapsed     time.Duration // start to return
	Interrupted bool          // ctx was canceled before the natural end

	Produced  int64 // records written during the run
	Backlog   int64 // records in the stream before the start (TRIM_HORIZON reads them, LATEST skips them)
	Throttled int64 // records refused over the write limit (EnforceLimit)
	// Delivered counts records delivered successfully (of batches an
	// invocation succeeded with); Attempted, records handed to the target
	// at least once; Duplicates, records handed again by retries
	// (at-least-once).
	Delivered, Attempted, Duplicates int64
	Succeeded                        int64 // the same as Delivered
	Skipped                          int64 // records of batches that failed every retry and were skipped
	Undelivered                      int64 // records of batches still failing (blocked) or abandoned at the stop

	// MaxLagMs is the largest lag in ms seen: the age of a partition's
	// oldest unpulled record at a pull or a sample, or an iterator age.
	MaxLagMs float64
	// FinalLagRecords is the records written but not pulled at the end.
	FinalLagRecords int64
	// MaxIteratorAge is the largest invocation start minus the write time
	// of the batch's first record.
	MaxIteratorAge time.Duration
	// EndToEnd holds, per record of a successful invocation, the invocation's
	// end minus the record's write time (ns, metrics.NewHistogram geometry).
	EndToEnd *hdrhistogram.Histogram

	MaxCall     time.Duration // the longest invocation
	MaxInFlight int           // the most invocations in flight at once
	Abandoned   int           // invocations whose target never returned after the stop (results of class interrupted)
	// Scheduled counts the batches pulled; Sent, the invocations started
	// (retries included); Unsent, batches pulled at the stop that no
	// worker took (their records count in the final lag).
	Scheduled, Sent, Unsent int64
	// Drain is the time from the stop to the end of the stop protocol:
	// waiting for the invocations in flight.
	Drain         time.Duration
	MaxEventBytes int64 // the largest event delivered (FunctionGraph's limit is 6 MB)

	Partitions []PartitionResult
	Timeline   []LagSample // every Interval: each partition (up to MaxTimelinePartitions), then the total

	// AllowedLag is the keeping-up bound: one batch per partition plus
	// what a polling interval accumulates at each partition's rate.
	AllowedLag int64
	// Growth is how fast the total lag grew over the last half of the
	// producing window, records/s (negative: it shrank).
	Growth float64
	// LagSlope is the trend of the lag's troughs (its lowest point in each
	// quarter of the last two thirds of the window), records/s, summed
	// over the partitions: what the backlog gains per second once the
	// sawtooth of polls and batches is taken out. Near 0 when the
	// function keeps up; the rate minus the drain rate when it does not.
	// When the window holds fewer than two cycles of a call and a poll,
	// it is Growth and LagSlopeMeasured is false.
	LagSlope         float64
	LagSlopeMeasured bool
	// DrainRate is the records/s delivered successfully by invocations
	// that ended in the last half of the producing window: what the
	// function drains (its capacity when it falls behind). 0 when
	// interrupted.
	DrainRate float64
	KeepingUp bool
	// Verdict is "dropping data: N records skipped after retries" (then
	// the lag's verdict when it fell behind), else "keeping up",
	// "catching up: lag shrinking by N records/s" or "falling behind: lag
	// growing by N records/s".
	Verdict  string
	Warnings []string // e.g. "partition 3 asked 1,450 records/s over the common limit 1,000/s"
}

// PartitionResult is one partition's figures.
type PartitionResult struct {
	Partition        int
	Produced         int64 // records written during the run
	Delivered        int64 // records delivered successfully
	Attempted        int64 // records handed to the target at least once
	Skipped          int64 // records skipped after their retries failed
	Duplicates       int64 // records handed again by retries
	FinalLag         int64 // records written but not pulled at the end
	MaxLag           int64 // the most records behind at a pull or a sample
	MaxLagMs         float64
	MaxIteratorAgeMs float64
	Rate             float64 // records/s written
	AskedRate        float64 // records/s asked (Rate is lower when the limit is enforced)
	MeanRecordBytes  float64 // mean size of the records handed to the target
	LimitHit         bool    // the asked rate passed the write limit
	Throttled        int64   // records refused over the write limit
}

// result gathers the figures after the stop.
func (r *runner) result() *Result {
	res := &Result{
		Interrupted: r.interrupted, Timeline: r.timeline, Warnings: r.warnings,
		MaxInFlight: int(r.maxInFlight.Load()), Abandoned: r.abandoned, EndToEnd: r.endToEnd(),
		MaxEventBytes: r.maxEvent.Load(), Scheduled: r.pulls.Load(), Sent: r.sent.Load(), Unsent: r.unsent.Load(),
		Drain: r.drainTime,
	}
	if lim := r.cfg.MaxEventBytes; lim > 0 && res.MaxEventBytes > lim {
		res.Warnings = append(res.Warnings, fmt.Sprintf(
			"an event of %s bytes passed FunctionGraph's limit of %s bytes on an invocation's event: lower BatchSize or MaxFetchBytes",
			grouped(float64(res.MaxEventBytes)), grouped(float64(lim))))
	}
	for _, p := range r.parts {
		pr := r.partResult(p)
		res.Partitions = append(res.Partitions, pr)
		res.Produced += pr.Produced
		res.Backlog += p.prod.backlog
		res.Throttled += pr.Throttled
		res.Delivered += pr.Delivered
		res.Attempted += pr.Attempted
		res.Duplicates += pr.Duplicates
		res.Succeeded += pr.Delivered
		res.Skipped += pr.Skipped
		res.Undelivered += p.undelivered.Load()
		res.FinalLagRecords += pr.FinalLag
		res.MaxLagMs = max(res.MaxLagMs, pr.MaxLagMs)
		res.MaxIteratorAge = max(res.MaxIteratorAge, time.Duration(p.maxAge.Load()))
		res.AllowedLag += int64(r.cfg.BatchSize) + int64(math.Ceil(p.prod.rate*r.cfg.Poll.Seconds()))
	}
	var start int64 // the lag at the start: the backlog TRIM_HORIZON reads
	for _, p := range r.parts {
		start += p.prod.written(0) - p.first
	}
	res.KeepingUp, res.Growth, res.Verdict = judge(totals(r.timeline), r.window, r.endLag, res.AllowedLag, start)
	res.MaxCall = time.Duration(r.maxCall.Load())
	res.LagSlope, res.LagSlopeMeasured = troughSlope(r.timeline, r.window, res.MaxCall+r.cfg.Poll, len(r.parts) <= MaxTimelinePartitions)
	if !res.LagSlopeMeasured { // too short a window for troughs: the growth over its last half
		res.LagSlope = res.Growth
	}
	if half := r.window / 2; half > 0 && !r.interrupted {
		res.DrainRate = float64(r.lateDelivered.Load()) / (r.window - half).Seconds()
	}
	if res.Skipped > 0 {
		lag := res.Verdict
		res.KeepingUp = false
		res.Verdict = fmt.Sprintf("%s: %s records skipped after retries", VerdictDropping, grouped(float64(res.Skipped)))
		if strings.HasPrefix(lag, VerdictFallingBehind) {
			res.Verdict += "; " + lag
		}
	}
	res.Elapsed = r.since()
	return res
}

// partResult is partition p's figures.
func (r *runner) partResult(p *partition) PartitionResult {
	pr := PartitionResult{
		Partition: p.id, Delivered: p.succeeded.Load(), Attempted: p.attempted.Load(),
		Skipped: p.skipped.Load(), Duplicates: p.duplicates.Load(),
		Rate: p.prod.rate, AskedRate: p.asked, LimitHit: p.limitHit,
		Produced: p.prod.written(r.window) - p.prod.backlog,
		FinalLag: max(p.prod.written(r.window)-p.cursor.Load(), 0),
		MaxLag:   p.maxLag.Load(),
		MaxLagMs: ms(time.Duration(max(p.maxLagNs.Load(), p.maxAge.Load()))),
	}
	pr.MaxIteratorAgeMs = ms(time.Duration(p.maxAge.Load()))
	if pr.Attempted > 0 {
		pr.MeanRecordBytes = float64(p.bytes.Load()) / float64(pr.Attempted)
	}
	if r.cfg.EnforceLimit && p.asked > p.prod.rate {
		pr.Throttled = int64((p.asked - p.prod.rate) * r.window.Seconds())
	}
	return pr
}

// endToEnd merges the workers' end-to-end histograms (an abandoned
// worker's holds only invocations that ended before its last one).
func (r *runner) endToEnd() *hdrhistogram.Histogram {
	h := metrics.NewHistogram()
	r.workersMu.Lock()
	defer r.workersMu.Unlock()
	for _, w := range r.workers {
		if w.Exited() {
			h.Merge(w.e2e)
		}
	}
	return h
}

// totals returns the samples of the whole stream.
func totals(timeline []LagSample) []LagSample {
	var out []LagSample
	for _, s := range timeline {
		if s.Partition == TotalPartition {
			out = append(out, s)
		}
	}
	return out
}

// judge decides whether the function keeps up, from the total lag over the
// producing window [0, window]: endLag at its end, samples during it,
// allowed the bound.
//
// The rule: over the last half of the window (the samples at or after
// window/2, and the end) the total lag never passes allowed — one batch per
// partition plus what one polling interval accumulates, the most a
// partition that keeps up can be behind just before a pull. Otherwise the
// lag is judged by its growth since the last sample at or before window/2:
// shrinking is catching up (the function drains faster than records come,
// so it keeps up), anything else is falling behind at the growth rate.
func judge(samples []LagSample, window time.Duration, endLag, allowed, startLag int64) (bool, float64, string) {
	ref := LagSample{LagRecords: startLag}
	peak := endLag
	for _, s := range samples {
		if s.At > window {
			break
		}
		if s.At <= window/2 {
			ref = s
		}
		if s.At >= window/2 {
			peak = max(peak, s.LagRecords)
		}
	}
	growth := 0.0
	if span := window - ref.At; span > 0 {
		growth = float64(endLag-ref.LagRecords) / span.Seconds()
	}
	switch {
	case peak <= allowed:
		return true, growth, VerdictKeepingUp
	case endLag < ref.LagRecords:
		return true, growth, fmt.Sprintf("%s: lag shrinking by %s records/s", VerdictCatchingUp, grouped(-growth))
	}
	return false, growth, fmt.Sprintf("%s: lag growing by %s records/s", VerdictFallingBehind, grouped(max(growth, 0)))
}
