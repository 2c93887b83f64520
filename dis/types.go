// Package dis holds the DIS trigger event as FunctionGraph sends it
// (docs/PROTOCOL.md §1): wire types with the exact keys, an append-style
// encoder, a decoder, cursors, the SDK's key → partition formula and Validate.
package dis

// Dialect selects the key spellings of an encoded event.
type Dialect int

const (
	// DialectDocumented is the platform's documented spelling
	// (next_partition_cursor, millis_behind_latest), used by the OTC runtime.
	DialectDocumented Dialect = iota
	// DialectHuaweiSDK is Huawei Cloud's Go SDK spelling
	// (next_patition_cursor, millisBehindLatest).
	DialectHuaweiSDK
)

// Record is one data record of a batch. Data holds the decoded bytes; on the
// wire it is standard base64 with padding.
type Record struct {
	PartitionKey   string `json:"partition_key"`
	Data           []byte `json:"data"`
	SequenceNumber string `json:"sequence_number"`
}

// Message is the batch part of a trigger event.
type Message struct {
	NextPartitionCursor string   `json:"next_partition_cursor"`
	Records             []Record `json:"records"`
	MillisBehindLatest  string   `json:"millis_behind_latest"`
}

// TriggerEvent is the event a DIS-triggered function receives. Its top-level
// keys are the Go field names, as in the runtime's type (no JSON tags).
type TriggerEvent struct {
	ShardID    string
	Message    Message
	Tag        string
	StreamName string
}

// Cursor is the decoded form of next_partition_cursor.
type Cursor struct {
	StreamName             string // getIteratorParam.stream-name
	PartitionID            string // getIteratorParam.partition-id
	CursorType             string // getIteratorParam.cursor-type, e.g. TRIM_HORIZON
	StartingSequenceNumber string // getIteratorParam.starting-sequence-number
	GenerateTimestamp      int64  // generateTimestamp, Unix milliseconds
}

// Batch describes the event around a batch of records for the append-style
// encoder: AppendEventHead, then AppendRecord per record, then AppendEventTail.
type Batch struct {
	Partition          int    // partition index; ShardID is ShardID(Partition)
	StreamName         string // DIS stream name
	Tag                string // function version or alias, "latest" by default
	NextSequence       int64  // last sequence number in the batch plus one
	CursorTimestamp    int64  // cursor's generateTimestamp, Unix milliseconds
	MillisBehindLatest string // "" as the platform sends it
	Dialect            Dialect
}
