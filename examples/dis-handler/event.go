package dishandler

import (
	"encoding/base64"
	"fmt"
)

// DISTriggerEvent is the event a DIS trigger sends, with the shape of the
// runtime's events/dis.DISTriggerEvent: its top-level keys are the Go field
// names.
type DISTriggerEvent struct {
	ShardID    string
	Message    DISMessage
	Tag        string
	StreamName string
}

// DISMessage is one batch of records of a partition.
type DISMessage struct {
	NextPartitionCursor string      `json:"next_partition_cursor"`
	Records             []DISRecord `json:"records"`
	MillisBehindLatest  string      `json:"millis_behind_latest"`
}

// DISRecord is one data record; Data is standard base64.
type DISRecord struct {
	PartitionKey   string `json:"partition_key"`
	Data           string `json:"data"`
	SequenceNumber string `json:"sequence_number"`
}

// RawData returns the record's data, base64-decoded.
func (r *DISRecord) RawData() ([]byte, error) {
	return base64.StdEncoding.DecodeString(r.Data)
}

// String describes the event in one line, for the log.
func (e *DISTriggerEvent) String() string {
	return fmt.Sprintf("StreamName=%s ShardID=%s Tag=%s records=%d next_partition_cursor=%.16s...",
		e.StreamName, e.ShardID, e.Tag, len(e.Message.Records), e.Message.NextPartitionCursor)
}
