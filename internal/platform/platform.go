// Package platform holds every number disload takes from FunctionGraph, its
// DIS and Kafka triggers and the DIS stream, each with the source it was read
// from, so that the engines, the targets, the generator and the scenario
// defaults agree. docs/PROTOCOL.md states the same numbers for readers; its
// section numbers (§N) are cited below. Nothing here depends on another
// disload package, so every package may import it.
package platform

import "time"

// The function (docs/PROTOCOL.md §2, §7; FunctionGraph user guide,
// "Configuring Basic Settings" and "Configuring Concurrency").
const (
	// FunctionTimeout is a function's default execution timeout, also
	// RUNTIME_TIMEOUT's default in the OTC Go runtime
	// (go-runtime/pkg/runtime/context/contextenv.go).
	FunctionTimeout = 3 * time.Second
	// MaxFunctionTimeout is the longest execution of one request (user
	// guide, "Notes and Constraints", functiongraph_01_0150: 259,200 s,
	// adjustable on request).
	MaxFunctionTimeout = 259_200 * time.Second
	// MemoryMB is the default and smallest memory flavour in MB, also
	// RUNTIME_MEMORY's value for it.
	MemoryMB = 128
	// MaxInstances is the default "Max. Instances per Function" (range
	// 1–1000, -1 unlimited): user guide, "Configuring Concurrency"
	// (functiongraph_01_0303), read 2026-12.
	MaxInstances = 400
	// MaxInstancesLimit is the largest "Max. Instances per Function".
	MaxInstancesLimit = 1000
)

// Sizes. "6 MB" (user guide, "Notes and Constraints": the synchronous request
// and response bodies) in the platform's documentation is read as 6 MiB, the value
// the runtimes compute (RUNTIME_MAX_RESP_BODY_SIZE = 6 * 1024 * 1024 in
// Huawei's open FunctionGraph runtime, openyuanrong/runtime, and in its
// Python functionsdk; the Node.js runtime multiplies the MB figure by 1024²).
// It is the lenient reading: no event or body the platform may take is
// refused.
const (
	// MiB is 1024² bytes.
	MiB = 1 << 20
	// EventSize is the largest event a function is invoked with: "6 MB"
	// (docs/PROTOCOL.md §3; user guide, "Using a DIS Trigger").
	EventSize = 6 * MiB
	// ResponseBodySize is the largest response of a function, the default of
	// RUNTIME_MAX_RESP_BODY_SIZE and the limit of HTTP functions' responses
	// (docs/PROTOCOL.md §2, §7).
	ResponseBodySize = 6 * MiB
	// RecordData is the most data one DIS record holds, before base64
	// (docs/PROTOCOL.md §4; DIS basic concepts, dis_07_0007).
	RecordData = 1 * MiB
	// MaxFetchBytes is both the default and the largest max_fetch_bytes of a
	// DIS trigger: one pull reads at most 4 MiB (docs/PROTOCOL.md §3; user
	// guide, "Using a DIS Trigger").
	MaxFetchBytes = 4 * MiB
)

// The DIS trigger (docs/PROTOCOL.md §3; FunctionGraph API "Creating a
// Trigger", resource template FGS.DisEventMap).
const (
	// BatchSize is the default batch_size of a DIS trigger.
	BatchSize = 100
	// MaxBatchSize is the largest batch_size of a DIS trigger (range 1–10,000).
	MaxBatchSize = 10_000
	// MaxKafkaBatchSize is the largest batch size of a Kafka trigger (range
	// 1–1,000; docs/PROTOCOL.md §6, user guide "Using a Kafka Trigger").
	MaxKafkaBatchSize = 1000
	// PollInterval is the platform's default polling_interval: 30 s
	// (FGS.DisEventMap pollingInterval default 30). disload's own default
	// is LocalPollInterval.
	PollInterval = 30 * time.Second
	// MinPollInterval and MaxPollInterval bound polling_interval: 1–60 s,
	// or milliseconds with polling_unit ms (disload accepts down to 1 ms).
	MinPollInterval = time.Millisecond
	// MaxPollInterval: see MinPollInterval.
	MaxPollInterval = 60 * time.Second
	// Tag is the version or alias a trigger invokes by default.
	Tag = "latest"
	// Retries is the default number of retries of a failed asynchronous
	// invocation; MaxRetries the largest (range 0–3; user guide,
	// "Configuring Asynchronous Invocation").
	Retries = 1
	// MaxRetries: see Retries.
	MaxRetries = 3
)

// Partition write limits of a DIS stream, per partition (docs/PROTOCOL.md
// §4; DIS user guide, "Listing DIS Streams", FAQ "What Is a Partition?").
const (
	// CommonWriteBytes and CommonWriteRecords are a common partition's
	// write limits per second (whichever is hit first throttles).
	CommonWriteBytes = 1_000_000
	// CommonWriteRecords: see CommonWriteBytes.
	CommonWriteRecords = 1000
	// AdvancedWriteBytes and AdvancedWriteRecords are an advanced
	// partition's write limits per second.
	AdvancedWriteBytes = 5_000_000
	// AdvancedWriteRecords: see AdvancedWriteBytes.
	AdvancedWriteRecords = 2000
)

// Prices of FunctionGraph (docs/PROTOCOL.md §8; "FunctionGraph billing",
// functiongraph_01_0190, and the billing examples, functiongraph_00_0011),
// as recorded there on 2026-12-03 for Huawei Cloud's international site
// (USD). They differ by region and
// change: a cost estimate must take them as inputs and say when they were
// read (PriceDate).
const (
	// PriceDate is when the prices below were read.
	PriceDate = "2026-12-03"
	// PriceRegion is where they apply.
	PriceRegion = "Huawei Cloud international (USD)"
	// PricePerMillionRequests is the price of one million requests beyond
	// the free tier.
	PricePerMillionRequests = 0.20
	// PricePerGBSecond is the price of one GB-s of compute beyond the free
	// tier: memory (GB) × billed duration (s), the duration rounded up to
	// BillingGranularity.
	PricePerGBSecond = 0.00001667
	// FreeRequests is the free tier's requests per month.
	FreeRequests = 1_000_000
	// FreeGBSeconds is the free tier's GB-s per month.
	FreeGBSeconds = 400_000
	// BillingGranularity is what a billed duration is rounded up to.
	BillingGranularity = time.Millisecond
)

// disload's own defaults, shared by its engines and the scenario defaults
// (not platform settings; kept here so that they are written once).
const (
	// LocalPollInterval is disload's default polling interval: shorter than
	// the platform's 30 s so that a local run sees a drained partition
	// polled again within its duration (docs/PROTOCOL.md §3).
	LocalPollInterval = 100 * time.Millisecond
	// Grace is how long in-flight calls may finish after a run's end
	// before they are abandoned.
	Grace = 2 * time.Second
	// StreamName is the stream name of events when none is given.
	StreamName = "dis-stream"
)
