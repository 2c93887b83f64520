package dis_test

import (
	"bytes"
	"fmt"

	"github.com/disload/disload/dis"
)

// Encode a batch of two records with the append-style encoder, then read the
// cursor back.
func Example() {
	b := &dis.Batch{
		Partition:       dis.PartitionForKey("user-42", 4),
		StreamName:      "dis-clicks",
		Tag:             "latest",
		NextSequence:    12, // records 10 and 11 below
		CursorTimestamp: 1700000000000,
	}
	buf := make([]byte, 0, 1024) // reuse across events
	buf = dis.AppendEventHead(buf, b)
	buf = dis.AppendRecord(buf, 0, "user-42", []byte("click"), 10)
	buf = dis.AppendRecord(buf, 1, "user-42", []byte("view"), 11)
	buf = dis.AppendEventTail(buf, b)

	ev, err := dis.Decode(buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ev.ShardID, len(ev.Message.Records), string(ev.Message.Records[1].Data))
	fmt.Println("problems:", len(dis.Validate(buf)))

	c, err := dis.ParseCursor(ev.Message.NextPartitionCursor)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.PartitionID, c.StreamName, c.StartingSequenceNumber)
	fmt.Println(string(buf[bytes.Index(buf, []byte(`"records"`)):]))
	// Output:
	// shardId-0000000003 2 view
	// problems: 0
	// shardId-0000000003 dis-clicks 12
	// "records":[{"partition_key":"user-42","data":"Y2xpY2s=","sequence_number":"10"},{"partition_key":"user-42","data":"dmlldw==","sequence_number":"11"}],"millis_behind_latest":""},"Tag":"latest","StreamName":"dis-clicks"}
}

// Parse the cursor of the platform's documented example event.
func ExampleParseCursor() {
	c, err := dis.ParseCursor("eyJnZXRJdGVyYXRvclBhcmFtIjp7InN0cmVhbS1uYW1lIjoiZGlzLXN3dGVzdCIsInBhcnRpdGlvbi1pZCI6InNoYXJkSWQtMDAwMDAwMDAwMCIsImN1cnNvci10eXBlIjoiVFJJTV9IT1JJWk9OIiwic3RhcnRpbmctc2VxdWVuY2UtbnVtYmVyIjoiNCJ9LCJnZW5lcmF0ZVRpbWVzdGFtcCI6MTUwOTYwNjM5MjE5MX0")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.StreamName, c.PartitionID, c.CursorType, c.StartingSequenceNumber, c.GenerateTimestamp)
	// Output: dis-swtest shardId-0000000000 TRIM_HORIZON 4 1509606392191
}

// Validate reports every problem with its path and byte offset.
func ExampleValidate() {
	for _, p := range dis.Validate([]byte(`{"ShardID":"shardId-1","Message":{"records":[]},"Tag":"latest","StreamName":"s","x":1}`)) {
		fmt.Printf("%d %v\n", p.Offset, p)
	}
	// Output:
	// 11 ShardID: shard id "shardId-1": want 10 digits after "shardId-", got 1
	// 33 Message.next_partition_cursor: missing
	// 33 Message.millis_behind_latest: missing
	// 44 Message.records: empty: a batch holds at least one record
	// 80 x: unknown key
}
