// Package trigger simulates FunctionGraph's DIS trigger in front of a
// function, so that consumer lag shows before production does
// (docs/PROTOCOL.md §3 and §4).
//
// Producers write each partition of a stream at its share of the produced
// rate (hot partitions included), within the partition type's write limit
// or over it with a warning. A poller per partition pulls batches as the
// trigger does (batch_size, polling_interval, max_fetch_bytes,
// sharditerator_type, is_serial, retries) and invokes the target with one
// DIS trigger event per batch. Run measures lag per partition over time
// (records behind, iterator age), end-to-end latency from a record's write
// to the end of the invocation that handled it, and gives a verdict:
// keeping up or falling behind. FindMax searches the highest produced rate
// the function sustains.
//
// The log is arithmetic: record k of partition p is written at a
// computable time, so producers store nothing; a poller generates a batch's
// records from the partition's record stream at pull time, in sequence
// order, and encodes the event into a reused buffer.
package trigger

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/disload/disload/internal/platform"
)

// Iterators: where the trigger starts reading a partition
// (sharditerator_type).
const (
	IteratorTrimHorizon = "TRIM_HORIZON" // the oldest record kept
	IteratorLatest      = "LATEST"       // records written from the start on
)

// What happens to a batch whose invocation failed every retry.
const (
	OnFailureSkip  = "skip"  // give the batch up and go on with the next one
	OnFailureBlock = "block" // hold the partition and redeliver the batch every polling interval
)

// Defaults and limits of a Config, after the trigger's own (docs/PROTOCOL.md §3).
const (
	DefaultBatchSize     = platform.BatchSize
	MaxBatchSize         = platform.MaxBatchSize
	DefaultPoll          = platform.LocalPollInterval // the platform's default is 30 s
	MinPoll              = platform.MinPollInterval
	MaxPoll              = platform.MaxPollInterval
	DefaultMaxFetchBytes = platform.MaxFetchBytes // also the largest allowed
	MaxRetries           = platform.MaxRetries
	DefaultInterval      = time.Second
	DefaultGrace         = platform.Grace
	// DefaultMaxInFlight caps the invocations in flight of a non-serial
	// trigger (a stand-in for the function's instance quota). A serial
	// trigger never has more in flight than partitions.
	DefaultMaxInFlight = 256
)

// Config is a trigger run. Zero values take the defaults noted.
type Config struct {
	// RecordRate is the records/s produced on the whole stream; each
	// partition writes its share (Stream.Weight) of it.
	RecordRate float64
	// Duration is how long the producers write (> 0).
	Duration time.Duration
	// BatchSize is the most records one invocation gets (batch_size,
	// 1–10,000, default 100).
	BatchSize int
	// Poll is the wait after a pull that found a partition drained
	// (polling_interval, 1ms–60s, default 1s; the platform's default is 30s).
	Poll time.Duration
	// MaxFetchBytes caps the record bytes (before base64) of one pull
	// (max_fetch_bytes, up to 4 MiB, the default). A pull always takes at
	// least one record, however large.
	MaxFetchBytes int
	// Iterator is TRIM_HORIZON (default: start at the oldest record, the
	// Backlog included) or LATEST (start after the Backlog).
	Iterator string
	// Serial makes a partition's next batch wait for the previous
	// invocation to finish (is_serial); off, pulls go on while earlier
	// invocations run.
	Serial bool
	// Retries is how many times a failed invocation is retried at once
	// (0–3); a batch that fails them all is skipped or blocks its
	// partition, as OnFailure says.
	Retries int
	// OnFailure is "skip" (default) or "block".
	OnFailure string
	// LimitRecords and LimitBytes are the per-partition write limits per
	// second (0: none); LimitName names them in warnings ("common").
	LimitRecords, LimitBytes int
	LimitName                string
	// EnforceLimit caps a partition's write rate at its limit (the excess
	// is throttled, as DIS refuses it); false writes at the asked rate and
	// warns.
	EnforceLimit bool
	// Timeout bounds one invocation (0: none).
	Timeout time.Duration
	// Drain keeps consuming after the producers stop, up to this long, or
	// until every record has been pulled (default 0).
	Drain time.Duration
	// Grace is how long invocations in flight at the stop may finish
	// before their contexts are canceled (default 2s).
	Grace time.Duration
	// Hurry, when closed, cuts Grace short: invocations in flight are
	// canceled and, if their target does not return at once, abandoned (a
	// second interrupt). Nil: never.
	Hurry <-chan struct{}
	// Backlog is how long the producers had been writing, at the same
	// rates, before the run started: the stream's history, which
	// TRIM_HORIZON reads and LATEST skips (default 0: an empty stream).
	// LATEST generates and discards the skipped records before the clock
	// starts, so their sequence numbers are used.
	Backlog time.Duration
	// MaxInFlight caps invocations in flight across partitions (0: the
	// partition count when serial, DefaultMaxInFlight when not). A pull
	// waits for a free slot.
	MaxInFlight int
	// Format encodes each pull into the function's event (required).
	Format Format
	// MaxEventBytes is the largest event the platform passes to a
	// function: an event over it is a warning in the Result (0: none).
	MaxEventBytes int64
	// Interval is the lag sampling interval of the timeline (default 1s).
	Interval time.Duration
	// Lag, when set, observes every sampling's lag samples as they are
	// taken (live metrics).
	Lag LagObserver
}

// WithDefaults returns c with every zero field that has a default filled
// in.
func (c Config) WithDefaults() Config {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	defDur := func(v *time.Duration, d time.Duration) {
		if *v == 0 {
			*v = d
		}
	}
	defStr := func(v *string, d string) {
		if *v == "" {
			*v = d
		}
	}
	def(&c.BatchSize, DefaultBatchSize)
	def(&c.MaxFetchBytes, DefaultMaxFetchBytes)
	defDur(&c.Poll, DefaultPoll)
	defDur(&c.Interval, DefaultInterval)
	defDur(&c.Grace, DefaultGrace)
	defStr(&c.Iterator, IteratorTrimHorizon)
	defStr(&c.OnFailure, OnFailureSkip)
	return c
}

// Validate reports every problem of c at once, each naming its field (and
// the trigger setting's platform name where it has one). Call it on a
// Config after WithDefaults; zero values that have defaults are problems
// here.
func (c Config) Validate() error {
	var errs []error
	add := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("trigger: %s: "+format, append([]any{field}, args...)...))
	}
	if math.IsNaN(c.RecordRate) || math.IsInf(c.RecordRate, 0) || c.RecordRate <= 0 {
		add("RecordRate", "must be a finite rate above 0 records/s, got %v", c.RecordRate)
	}
	if c.Duration <= 0 {
		add("Duration", "must be above 0, got %v", c.Duration)
	}
	if c.BatchSize < 1 || c.BatchSize > MaxBatchSize {
		add("BatchSize (batch_size)", "must be between 1 and %d, got %d", MaxBatchSize, c.BatchSize)
	}
	if c.Poll < MinPoll || c.Poll > MaxPoll {
		add("Poll (polling_interval)", "must be between %v and %v, got %v", MinPoll, MaxPoll, c.Poll)
	}
	if c.MaxFetchBytes < 1 || c.MaxFetchBytes > DefaultMaxFetchBytes {
		add("MaxFetchBytes (max_fetch_bytes)", "must be between 1 and %d, got %d", DefaultMaxFetchBytes, c.MaxFetchBytes)
	}
	if c.Iterator != IteratorTrimHorizon && c.Iterator != IteratorLatest {
		add("Iterator (sharditerator_type)", "must be %s or %s, got %q", IteratorTrimHorizon, IteratorLatest, c.Iterator)
	}
	if c.Retries < 0 || c.Retries > MaxRetries {
		add("Retries", "must be between 0 and %d, got %d", MaxRetries, c.Retries)
	}
	if c.OnFailure != OnFailureSkip && c.OnFailure != OnFailureBlock {
		add("OnFailure", "must be %q or %q, got %q", OnFailureSkip, OnFailureBlock, c.OnFailure)
	}
	errs = append(errs, c.validateRest()...)
	return errors.Join(errs...)
}

// validateRest checks the fields that have no platform counterpart.
func (c Config) validateRest() []error {
	var errs []error
	neg := func(field string, bad bool, v any) {
		if bad {
			errs = append(errs, fmt.Errorf("trigger: %s: must not be negative, got %v", field, v))
		}
	}
	pos := func(field string, bad bool, v any) {
		if bad {
			errs = append(errs, fmt.Errorf("trigger: %s: must be above 0, got %v", field, v))
		}
	}
	neg("LimitRecords", c.LimitRecords < 0, c.LimitRecords)
	neg("LimitBytes", c.LimitBytes < 0, c.LimitBytes)
	neg("Timeout", c.Timeout < 0, c.Timeout)
	neg("Drain", c.Drain < 0, c.Drain)
	neg("Backlog", c.Backlog < 0, c.Backlog)
	neg("MaxInFlight", c.MaxInFlight < 0, c.MaxInFlight)
	pos("Grace", c.Grace <= 0, c.Grace)
	pos("Interval", c.Interval <= 0, c.Interval)
	neg("MaxEventBytes", c.MaxEventBytes < 0, c.MaxEventBytes)
	if c.Format == nil {
		errs = append(errs, errors.New("trigger: Format: required"))
	}
	return errs
}

// maxInFlight is the cap on invocations in flight for n partitions.
func (c *Config) maxInFlight(n int) int {
	switch {
	case c.MaxInFlight > 0 && c.Serial:
		return min(c.MaxInFlight, max(n, 1))
	case c.MaxInFlight > 0:
		return c.MaxInFlight
	case c.Serial:
		return max(n, 1)
	}
	return DefaultMaxInFlight
}

// LagObserver receives each sampling's lag samples, each partition's then
// the total, from the sampling goroutine; it must not keep the slice nor
// block.
type LagObserver interface{ ObserveLag([]LagSample) }
