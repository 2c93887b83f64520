package reports

import (
	"slices"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// Trigger holds the results of a trigger-mode run: how far the function fell
// behind the stream, per partition and over time. MaxLagMs, FinalLagRecords,
// Duplicates and EndToEndMs are always written, since 0 lag and no duplicates
// are findings too.
type Trigger struct {
	Verdict                   string             `json:"verdict,omitempty"` // one line: dropping data, keeping up, or falling behind and how fast
	MaxLagMs                  float64            `json:"max_lag_ms"`
	FinalLagRecords           int64              `json:"final_lag_records"`
	MaxSustainableRecordsPerS float64            `json:"max_sustainable_records_per_s,omitempty"`
	Duplicates                int64              `json:"duplicates"` // records delivered more than once (retries)
	EndToEndMs                LatencyStats       `json:"end_to_end_ms"`
	EndToEndHDR               string             `json:"end_to_end_histogram,omitempty"` // V2 base64, ns; set by SetEndToEnd
	Partitions                []PartitionFigures `json:"partitions,omitempty"`
	Lag                       []LagPoint         `json:"lag,omitempty"` // the lag timeline, in time order

	// Added with issue 12 (trigger verdicts and the capacity search).

	SkippedRecords int64 `json:"skipped_records"` // records skipped after their retries failed (on_failure: skip)
	// UndeliveredRecords were pulled but never delivered: blocked
	// (on_failure: block) or cut at the stop; Abandoned counts the
	// invocations whose target never returned after the stop.
	UndeliveredRecords int64 `json:"undelivered_records"`
	Abandoned          int   `json:"abandoned"`
	// LagSlope is the trend of the lag's troughs over the run, records/s
	// (about 0 when keeping up; the rate minus the drain rate when not).
	LagSlope float64 `json:"lag_slope_records_per_s"`
	// FindMax is the capacity search's answer and steps (--find-max).
	FindMax *FindMax `json:"find_max,omitempty"`
	// Steps is every step of the capacity search, in the order run (the
	// same as FindMax.Steps).
	Steps []FindMaxStep `json:"steps,omitempty"`
}

// FindMax is what the capacity search found.
type FindMax struct {
	MaxSustainableRecordsPerS float64 `json:"max_sustainable_records_per_s"` // 0: no step kept up
	FirstFailingRecordsPerS   float64 `json:"first_failing_records_per_s"`   // 0: none failed
	LimitedBy                 string  `json:"limited_by,omitempty"`          // why no step failed: "write limit" or "max rate"
	// StreamLimitRecordsPerS is what the partitions take within their write
	// limit (0: no limit); OverStreamLimit, the answer passes it.
	StreamLimitRecordsPerS float64 `json:"stream_limit_records_per_s,omitempty"`
	OverStreamLimit        bool    `json:"over_stream_limit"`
	Note                   string  `json:"note"` // one line saying all the above
	Interrupted            bool    `json:"interrupted"`
}

// FindMaxStep is one step of the capacity search.
type FindMaxStep struct {
	RateRecordsPerS     float64 `json:"rate"`                    // asked
	ProducedRecordsPerS float64 `json:"produced"`                // written (lower at an enforced write limit)
	KeepingUp           bool    `json:"keeping_up"`              // judged by the lag slope
	LagSlope            float64 `json:"lag_slope_records_per_s"` // the lag's trough trend
	DrainedRecordsPerS  float64 `json:"drained"`                 // what the function took
	MaxLagMs            float64 `json:"max_lag_ms"`
	Skipped             int64   `json:"skipped_records"`
	Verdict             string  `json:"verdict"`
}

// PartitionFigures are one partition's figures in a trigger-mode run.
type PartitionFigures struct {
	Partition        int     `json:"partition"`           // partition index, from 0 (shardId-0000000003 is 3)
	Produced         int64   `json:"produced"`            // records written to the partition
	Delivered        int64   `json:"delivered"`           // records delivered successfully
	Attempted        int64   `json:"attempted"`           // records handed to the function at least once
	Skipped          int64   `json:"skipped"`             // records skipped after their retries failed
	FinalLag         int64   `json:"final_lag"`           // records not yet delivered at the end
	MaxLag           int64   `json:"max_lag"`             // most records waiting at any time
	MaxIteratorAgeMs float64 `json:"max_iterator_age_ms"` // oldest undelivered record's age, at worst
	Rate             float64 `json:"rate"`                // records delivered per second
	LimitHit         bool    `json:"limit_hit"`           // production reached the partition's write limit
}

// LagPoint is one partition's lag at one moment of a trigger-mode run.
type LagPoint struct {
	TS            float64 `json:"t_s"` // seconds since the run's start
	Partition     int     `json:"partition"`
	LagRecords    int64   `json:"lag_records"`
	IteratorAgeMs float64 `json:"iterator_age_ms"`
}

// SetEndToEnd sets the end-to-end latency (from a record's production to
// its delivery, in nanoseconds) from a histogram, keeping the histogram
// itself so that Merge adds runs up exactly.
func (t *Trigger) SetEndToEnd(h *hdrhistogram.Histogram) {
	t.EndToEndMs = NewLatencyStats(h)
	t.EndToEndHDR = EncodeHistogram(h)
}

// TriggerNote is the line a table or a report shows under the trigger's
// verdict: the capacity search's answer, "" when none ran.
func (t *Trigger) TriggerNote() string {
	if t.FindMax == nil {
		return ""
	}
	return "find-max: " + t.FindMax.Note
}

// ColdStarts summarises the start-up times of function instances.
type ColdStarts struct {
	Count int       `json:"count"`
	P50Ms float64   `json:"p50_ms"`
	MaxMs float64   `json:"max_ms"`
	AllMs []float64 `json:"all_ms,omitempty"` // every start, ascending, so that runs merge exactly
}

func coldStarts(d []time.Duration) *ColdStarts {
	all := make([]float64, len(d))
	for i, v := range d {
		all[i] = ms(v)
	}
	return coldStartsMs(all)
}

// coldStartsMs summarises start-up times given in milliseconds (nil for none).
func coldStartsMs(all []float64) *ColdStarts {
	if len(all) == 0 {
		return nil
	}
	sorted := slices.Clone(all)
	slices.Sort(sorted)
	// Nearest rank: the smallest value with at least half the starts at or below it.
	median := sorted[(len(sorted)+1)/2-1]
	return &ColdStarts{Count: len(sorted), P50Ms: median, MaxMs: sorted[len(sorted)-1], AllMs: sorted}
}
