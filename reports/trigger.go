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
	Verdict                   string             `json:"verdict,omitempty"` // one line: kept up, or fell behind and why
	MaxLagMs                  float64            `json:"max_lag_ms"`
	FinalLagRecords           int64              `json:"final_lag_records"`
	MaxSustainableRecordsPerS float64            `json:"max_sustainable_records_per_s,omitempty"`
	Duplicates                int64              `json:"duplicates"` // records delivered more than once (retries)
	EndToEndMs                LatencyStats       `json:"end_to_end_ms"`
	EndToEndHDR               string             `json:"end_to_end_histogram,omitempty"` // V2 base64, ns; set by SetEndToEnd
	Partitions                []PartitionFigures `json:"partitions,omitempty"`
	Lag                       []LagPoint         `json:"lag,omitempty"` // the lag timeline, in time order
}

// PartitionFigures are one partition's figures in a trigger-mode run.
type PartitionFigures struct {
	Partition        int     `json:"partition"`           // partition index, from 0 (shardId-0000000003 is 3)
	Produced         int64   `json:"produced"`            // records written to the partition
	Delivered        int64   `json:"delivered"`           // records the function received
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
	t.EndToEndMs = stats(h)
	t.EndToEndHDR = encode(h)
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
