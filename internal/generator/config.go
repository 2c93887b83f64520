package generator

import (
	"time"

	"github.com/disload/disload/dis"
)

// Kind names a record generator.
type Kind string

// The built-in record kinds.
const (
	KindClick       Kind = "click"
	KindTransaction Kind = "transaction"
	KindLog         Kind = "log"
	KindLocation    Kind = "location"
	KindCustom      Kind = "custom"
)

// Kinds lists every built-in kind, in a stable order.
var Kinds = []Kind{KindClick, KindTransaction, KindLog, KindLocation, KindCustom}

// KindWeight is one entry of the record mix.
type KindWeight struct {
	Kind   Kind
	Weight float64
	// Template is the text/template of a custom record (KindCustom only),
	// with gofakeit v6's template functions and TemplateData as its dot;
	// CheckTemplate vets it.
	Template string
}

// Encoding is how a record's data bytes are laid out (see the package
// documentation for examples).
type Encoding string

// Record encodings.
const (
	// EncodingJSON: one compact JSON object whose first field is "type".
	EncodingJSON Encoding = "json"
	// EncodingCSV: one CSV line without header or line end, the kind first,
	// then the kind's fields in their fixed order (an absent optional field
	// is an empty column), quoted as RFC 4180 says.
	EncodingCSV Encoding = "csv"
	// EncodingText: a compact logfmt line (type=log ts=... level=INFO
	// msg="request completed", values with spaces, quotes or line breaks
	// quoted and escaped); custom records as rendered.
	EncodingText Encoding = "text"
)

// SizeConfig shapes record sizes by padding records with a last "pad" field
// (a column in CSV, pad=... in text) up to a target size; a record already
// longer than its target keeps its natural size (with an empty pad). Zero
// values mean "natural size, no padding".
type SizeConfig struct {
	// Min and Max bound the target size in bytes of a record's data
	// (before base64); a target is drawn uniformly between them, or
	// log-normally around Mean (sigma 0.5, clipped to Min..Max, Max
	// defaulting to 4×Mean) when Mean > 0. Min alone pads every record to Min.
	Min, Max, Mean int
}

// Config is everything a Source needs. Zero values take the defaults noted.
type Config struct {
	Seed       int64  // 0 is mapped deterministically to a fixed non-zero seed
	StreamName string // default "dis-stream"
	Tag        string // default "latest"
	Partitions int    // default 1
	BatchSize  int    // records per event, default 100 (the trigger's default)

	Kinds []KindWeight // record mix, default [{click, 1}]; each kind at most once
	// KeyCount is the number of distinct partition keys, default 10,000,
	// split among the kinds by weight (at least one each).
	KeyCount int
	// KeySkew is the Zipf exponent s of key popularity: key rank i is
	// drawn in proportion to (i+1)^-s. 0 means uniform; 1.1 gives a few hot
	// keys and so hot partitions. Allowed 0..10.
	KeySkew  float64
	Encoding Encoding // default json
	Size     SizeConfig

	SequenceOffset int64 // first sequence number of every partition
	// StartTime is the virtual clock's origin for record timestamps and
	// cursors; zero means 2026-01-01T00:00:00Z. Record k of partition p is
	// at StartTime + k / (RecordRate × share of p), where the share is the
	// popularity of p's keys (Source.Share).
	StartTime  time.Time
	RecordRate float64 // records/s of the whole stream the clock assumes, default 1,000

	Dialect dis.Dialect // key spellings of the event (DIS events)
	// StreamType selects the events made: DIS (default), Kafka or RocketMQ,
	// and how keys are placed on partitions.
	StreamType StreamType
	// Kafka holds topics, region and instance id of Kafka/RocketMQ events.
	Kafka KafkaConfig
	// MillisBehindLatest, when non-empty, is written into every event
	// (the platform sends ""), e.g. by trigger mode's simulated lag.
	MillisBehindLatest string

	// Shard and Shards select the partitions p with p mod Shards == Shard;
	// Shards 0 or 1 means the whole stream.
	Shard, Shards int
}
