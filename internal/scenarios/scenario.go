// Package scenarios holds disload's scenario model: what to generate (stream,
// records, batches), how hard to push (load), where to send it (target) and
// what must hold (thresholds). Scenarios are YAML files read by Load, or
// built-ins embedded from builtin/*.yaml (Builtin, Resolve).
//
// Load reports every problem of a file at once, each as
// "file:line:col: field: msg": a value that does not parse points at the
// value, a key that is unknown (with a "did you mean" suggestion) or
// repeated points at the key, and a value that parses but is not allowed,
// alone or with others, points at its key. A key with an empty (null) value
// is the same as leaving it out. Anchors, aliases and merge keys ("<<") work
// as in any YAML file. Values of target headers, env and userdata may name
// environment variables as ${NAME} ("$$" is a literal "$"); they are expanded
// at load, and Redacted and YAML print the reference instead of the secret.
package scenarios

import (
	"github.com/disload/disload/internal/cost"
	"math"
	"time"

	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/platform"
)

// Scenario is one benchmark: a file's contents with the defaults filled in.
type Scenario struct {
	// Name identifies the scenario in reports; default: the file's base name
	// without its extension.
	Name string
	// Description is free text shown by `disload scenarios list`.
	Description string
	// Seed makes the generated stream reproducible, default 1.
	Seed int64
	// Stream describes the imitated DIS stream.
	Stream Stream
	// Records describes the generated records.
	Records Records
	// Batch sets how records are grouped into events.
	Batch Batch
	// Load sets the pace, the duration and the concurrency.
	Load LoadConfig
	// Trigger sets the simulated DIS trigger (used in trigger mode only, so
	// one file can also run open or closed with --mode).
	Trigger Trigger
	// Target receives the events; default inproc:decode.
	Target Target
	// Thresholds are pass/fail expressions such as "p99 < 200ms", in the
	// syntax of threshold.Parse.
	Thresholds []string
	// AbortThresholds are the thresholds written {expr, abort_on_fail:
	// true, delay}: the run stops when one is crossed.
	AbortThresholds []AbortThreshold
	// Cost holds the prices the run's cost is computed with (function-like
	// targets): the published list unless the cost block or flags set them
	// (Prices says which).
	Cost cost.Prices
	// Source is where the scenario came from: a file path or "builtin:NAME".
	Source string
}

// Stream describes the DIS stream the generator imitates.
type Stream struct {
	Name           string        // stream name, default "dis-stream"
	Partitions     int           // 1..10000, default 1
	Tag            string        // function version or alias, default "latest"
	PartitionType  PartitionType // common (default) or advanced
	SequenceOffset int64         // first sequence number of every partition, >= 0
	Dialect        Dialect       // documented (default) or huawei-sdk
	StartTime      time.Time     // virtual clock origin of record timestamps
	// Type is the stream and so the trigger event: dis (default), kafka or
	// rocketmq. Topics, Region and InstanceID shape Kafka/RocketMQ events
	// (the generator's defaults when empty).
	Type       generator.StreamType
	Topics     []string
	Region     string
	InstanceID string
}

// PartitionType is a DIS partition class, which sets its write limits.
type PartitionType string

// Partition types.
const (
	PartitionCommon   PartitionType = "common"   // 1 MB/s or 1,000 records/s
	PartitionAdvanced PartitionType = "advanced" // 5 MB/s or 2,000 records/s
)

// WriteLimits returns a partition's write limits: records per second and
// bytes per second (0, 0 for an unknown type).
func (p PartitionType) WriteLimits() (records, bytes int) {
	switch p {
	case PartitionCommon:
		return platform.CommonWriteRecords, platform.CommonWriteBytes
	case PartitionAdvanced:
		return platform.AdvancedWriteRecords, platform.AdvancedWriteBytes
	}
	return 0, 0
}

// Dialect names the key spellings of generated events.
type Dialect string

// Dialects.
const (
	// DialectDocumented is the platform's documented spelling.
	DialectDocumented Dialect = "documented"
	// DialectHuaweiSDK is the spelling of Huawei Cloud's Go SDK.
	DialectHuaweiSDK Dialect = "huawei-sdk"
)

// Records describes the generated records.
type Records struct {
	// Kinds is the weighted record mix, default [{click, 1}], each kind at
	// most once (custom too: the generator has one template). A custom kind
	// needs a Template; other kinds must not have one.
	Kinds []generator.KindWeight
	// Keys sets the partition keys.
	Keys Keys
	// Encoding is json (default), csv or text (logfmt lines: type=log
	// ts=... level=... msg="..."); csv and text cannot be combined with Size
	// shaping.
	Encoding generator.Encoding
	// Size shapes record sizes (json only); zero means natural sizes.
	Size generator.SizeConfig
}

// Keys sets the partition keys of generated records.
type Keys struct {
	Count int     // distinct keys, >= 1, default 10,000
	Skew  float64 // 0 = uniform, or a Zipf exponent > 1 (a few hot keys)
}

// Batch sets how records are grouped into events.
type Batch struct {
	Size int // records per event, 1..10000, default 100
}

// Mode is how load is applied.
type Mode string

// Load modes.
const (
	// ModeOpen sends events at a fixed schedule whatever the target does.
	ModeOpen Mode = "open"
	// ModeClosed runs a fixed number of workers, each sending its next event
	// when the previous one is answered.
	ModeClosed Mode = "closed"
	// ModeTrigger imitates the DIS trigger: records are produced at the rate
	// and partitions are polled in batches.
	ModeTrigger Mode = "trigger"
)

// OnFull is what open mode does when the in-flight cap is reached.
type OnFull string

// OnFull policies.
const (
	// OnFullQueue waits for a slot; the wait shows in response time.
	OnFullQueue OnFull = "queue"
	// OnFullDrop skips the event and counts it as dropped.
	OnFullDrop OnFull = "drop"
)

// LoadConfig sets the pace, duration and concurrency of a run.
type LoadConfig struct {
	// Mode is open (default), closed or trigger.
	Mode Mode
	// Rate is events/s in open mode (required there unless Stages are
	// given; with Stages it is the rate the first stage ramps from), an
	// optional cap in closed mode, and records/s produced in trigger mode.
	Rate Rate
	// Duration is how long events are sent, default 10s; with Stages it is
	// their sum.
	Duration time.Duration
	// Concurrency is the in-flight cap in open mode (default 256) and the
	// number of workers in closed mode (default 8).
	Concurrency int
	// OnFull is queue (default) or drop; closed mode only queues.
	OnFull OnFull
	// Stages ramp the rate linearly from the previous stage's target (the
	// first from Rate) to each stage's target over its duration.
	Stages []Stage
	// MaxEvents stops the run after this many events; 0 = no cap.
	MaxEvents int64
	// Grace is how long in-flight events may finish at stop, default 2s.
	Grace time.Duration
}

// Stage is one step of a rate ramp.
type Stage struct {
	Duration time.Duration // > 0
	Target   Rate          // the rate reached at the end of the stage
}

// Iterator is where a trigger starts reading a partition.
type Iterator string

// Iterators (the trigger's sharditerator_type).
const (
	IteratorTrimHorizon Iterator = "TRIM_HORIZON" // the oldest record
	IteratorLatest      Iterator = "LATEST"       // records produced from now
)

// Trigger sets the simulated DIS trigger of trigger mode, after the
// FunctionGraph trigger's own settings.
type Trigger struct {
	// Poll is the wait after a pull that found a partition drained,
	// 1ms..60s, default 100ms (the platform's default is 30s).
	Poll time.Duration
	// Serial makes a partition's next batch wait for the previous
	// invocation to finish (is_serial), default true.
	Serial bool
	// MaxFetchBytes caps the bytes of one pull, up to 4MiB (the default).
	MaxFetchBytes int
	// Retries is how many times a failed invocation is retried, 0..3,
	// default 1.
	Retries int
	// Iterator is TRIM_HORIZON (default) or LATEST.
	Iterator Iterator
	// ReportLag writes the partition's lag into millis_behind_latest (the
	// platform sends it empty).
	ReportLag bool
	// OnFailure is what happens to a batch that failed every retry: skip
	// (default: go on with the next batch) or block (hold the partition and
	// redeliver it every polling interval until it succeeds).
	OnFailure OnFailure
	// WriteLimit is what producers do past the partition type's write limit
	// (1,000 records/s or 1 MB/s common; 2,000 or 5 MB/s advanced): warn
	// (default: write anyway and say so) or enforce (throttle, as DIS does).
	WriteLimit WriteLimit
}

// OnFailure is the trigger's policy for a batch that failed every retry.
type OnFailure string

// OnFailure policies.
const (
	OnFailureSkip  OnFailure = "skip"  // give the batch up
	OnFailureBlock OnFailure = "block" // hold the partition until it succeeds
)

// WriteLimit is how trigger mode treats a partition's write limit.
type WriteLimit string

// Write limit policies.
const (
	WriteLimitWarn    WriteLimit = "warn"    // write past the limit, with a warning
	WriteLimitEnforce WriteLimit = "enforce" // throttle producers at the limit
)

// Scenario defaults and limits (the generator owns the stream and record ones).
const (
	DefaultSeed            = 1
	DefaultStreamName      = generator.DefaultStreamName
	DefaultTag             = generator.DefaultTag
	DefaultKeyCount        = generator.DefaultKeyCount
	DefaultBatchSize       = generator.DefaultBatchSize
	DefaultDuration        = 10 * time.Second
	DefaultOpenConcurrency = 256
	DefaultClosedWorkers   = 8
	DefaultGrace           = platform.Grace
	DefaultPoll            = platform.LocalPollInterval // short for a local run; the platform default is 30s
	DefaultMaxFetchBytes   = platform.MaxFetchBytes
	DefaultRetries         = platform.Retries
	MaxFunctionInstances   = platform.MaxInstancesLimit
	MaxTriggerRetries      = platform.MaxRetries
	MaxTriggerPoll         = platform.MaxPollInterval
	DefaultBuiltin         = "default"
)

// DefaultStartTime is the virtual clock origin when a scenario gives none.
var DefaultStartTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Default returns a scenario with every default filled in, from the
// schema's tables: clicks on one partition, open mode with no rate yet, sent
// to inproc:decode. Load starts from it and overwrites what the file gives.
func Default() *Scenario {
	s := &Scenario{}
	setDefaults(rootFields(s))
	return s
}

// StagesDuration is the sum of the stages' durations (saturating at the
// largest time.Duration; negative durations count as 0).
func (l LoadConfig) StagesDuration() time.Duration {
	var sum time.Duration
	for _, st := range l.Stages {
		d := max(st.Duration, 0)
		if d > math.MaxInt64-sum {
			return math.MaxInt64
		}
		sum += d
	}
	return sum
}

// PeakRate is the highest rate the load reaches: Rate or a stage's target.
func (l LoadConfig) PeakRate() Rate {
	peak := l.Rate
	for _, st := range l.Stages {
		if st.Target.PerSecond > peak.PerSecond {
			peak = st.Target
		}
	}
	return peak
}
