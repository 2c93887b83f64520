package dis

import (
	"strconv"

	"github.com/disload/disload/internal/jsonwalk"
)

// Key spellings of the two dialects (docs/PROTOCOL.md §4).
const (
	keyCursor       = "next_partition_cursor"
	keyCursorSDK    = "next_patition_cursor"
	keyMillisBehind = "millis_behind_latest"
	keyMillisSDK    = "millisBehindLatest"
)

// String returns the dialect's name: "documented" or "huawei-sdk".
func (d Dialect) String() string {
	switch d {
	case DialectDocumented:
		return "documented"
	case DialectHuaweiSDK:
		return "huawei-sdk"
	}
	return "Dialect(" + strconv.Itoa(int(d)) + ")"
}

// cursorKey is the dialect's spelling of next_partition_cursor.
func (d Dialect) cursorKey() string {
	if d == DialectHuaweiSDK {
		return keyCursorSDK
	}
	return keyCursor
}

// millisKey is the dialect's spelling of millis_behind_latest.
func (d Dialect) millisKey() string {
	if d == DialectHuaweiSDK {
		return keyMillisSDK
	}
	return keyMillisBehind
}

// AppendEventHead appends the start of an event for batch b, up to and
// including the records array's '[':
//
//	{"ShardID":"shardId-0000000003","Message":{"next_partition_cursor":"<cursor>","records":[
//
// The cursor is b's (Cursor{StreamName, ShardID(Partition), TRIM_HORIZON,
// NextSequence, CursorTimestamp}) in unpadded standard base64; the Huawei SDK
// dialect spells the key next_patition_cursor. Follow it with AppendRecord
// for each record and AppendEventTail. It does not allocate when dst has room.
func AppendEventHead(dst []byte, b *Batch) []byte {
	dst = append(dst, `{"ShardID":"`...)
	dst = AppendShardID(dst, b.Partition)
	dst = append(dst, `","Message":{"`...)
	dst = append(dst, b.Dialect.cursorKey()...)
	dst = append(dst, `":"`...)
	dst = appendBatchCursor(dst, b)
	return append(dst, `","records":[`...)
}

// AppendRecord appends record i of a batch (i counts from 0; a comma goes
// before every record but the first):
//
//	{"partition_key":K,"data":B64,"sequence_number":"S"}
//
// data is written as standard padded base64 straight into dst. It does not
// allocate when dst has room.
func AppendRecord(dst []byte, i int, key string, data []byte, seq int64) []byte {
	if i > 0 {
		dst = append(dst, ',')
	}
	dst = append(dst, `{"partition_key":`...)
	dst = jsonwalk.AppendString(dst, key)
	dst = append(dst, `,"data":"`...)
	dst = appendBase64(dst, data, true)
	dst = append(dst, `","sequence_number":"`...)
	dst = strconv.AppendInt(dst, seq, 10)
	return append(dst, `"}`...)
}

// AppendEventTail appends the end of an event for batch b, after the last
// record:
//
//	],"millis_behind_latest":"<M>"},"Tag":"<tag>","StreamName":"<name>"}
//
// The Huawei SDK dialect spells the key millisBehindLatest.
func AppendEventTail(dst []byte, b *Batch) []byte {
	dst = append(dst, `],"`...)
	dst = append(dst, b.Dialect.millisKey()...)
	dst = append(dst, `":`...)
	dst = jsonwalk.AppendString(dst, b.MillisBehindLatest)
	dst = append(dst, `},"Tag":`...)
	dst = jsonwalk.AppendString(dst, b.Tag)
	dst = append(dst, `,"StreamName":`...)
	dst = jsonwalk.AppendString(dst, b.StreamName)
	return append(dst, '}')
}

// AppendEvent appends ev as compact JSON in dialect d, keys in the order of
// the types, NextPartitionCursor as it is. It matches encoding/json with HTML
// escaping off, except that nil Records are written as [] and nil Data as "".
func AppendEvent(dst []byte, ev *TriggerEvent, d Dialect) []byte {
	dst = append(dst, `{"ShardID":`...)
	dst = jsonwalk.AppendString(dst, ev.ShardID)
	dst = append(dst, `,"Message":{"`...)
	dst = append(dst, d.cursorKey()...)
	dst = append(dst, `":`...)
	dst = jsonwalk.AppendString(dst, ev.Message.NextPartitionCursor)
	dst = append(dst, `,"records":[`...)
	for i := range ev.Message.Records {
		dst = appendRecordObject(dst, i, &ev.Message.Records[i])
	}
	dst = append(dst, `],"`...)
	dst = append(dst, d.millisKey()...)
	dst = append(dst, `":`...)
	dst = jsonwalk.AppendString(dst, ev.Message.MillisBehindLatest)
	dst = append(dst, `},"Tag":`...)
	dst = jsonwalk.AppendString(dst, ev.Tag)
	dst = append(dst, `,"StreamName":`...)
	dst = jsonwalk.AppendString(dst, ev.StreamName)
	return append(dst, '}')
}

// appendRecordObject appends a decoded record, its sequence number as is.
func appendRecordObject(dst []byte, i int, r *Record) []byte {
	if i > 0 {
		dst = append(dst, ',')
	}
	dst = append(dst, `{"partition_key":`...)
	dst = jsonwalk.AppendString(dst, r.PartitionKey)
	dst = append(dst, `,"data":"`...)
	dst = appendBase64(dst, r.Data, true)
	dst = append(dst, `","sequence_number":`...)
	dst = jsonwalk.AppendString(dst, r.SequenceNumber)
	return append(dst, '}')
}
