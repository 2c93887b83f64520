package generator_test

import (
	"fmt"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/internal/generator"
)

// One small event of location records: two records of one partition, with
// their keys, sequence numbers and data.
func Example() {
	src, err := generator.New(generator.Config{
		Seed:       1,
		StreamName: "dis-tracking",
		Partitions: 2,
		BatchSize:  2,
		KeyCount:   10,
		Kinds:      []generator.KindWeight{{Kind: generator.KindLocation, Weight: 1}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	event, meta := src.Next(nil)
	fmt.Printf("%+v\n", meta)
	ev, err := dis.Decode(event)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ev.ShardID, ev.StreamName, ev.Tag)
	for _, r := range ev.Message.Records {
		fmt.Println(r.SequenceNumber, r.PartitionKey, string(r.Data))
	}
	cur, _ := dis.ParseCursor(ev.Message.NextPartitionCursor)
	fmt.Println("next:", cur.StartingSequenceNumber)
	// Output:
	// {Index:0 Partition:1 Records:2 FirstSequence:0 NextSequence:2 PayloadBytes:388}
	// shardId-0000000001 dis-tracking latest
	// 0 dev-000002 {"type":"location","device_id":"dev-000002","ts":"2026-01-01T00:00:00.000Z","lat":52.522518,"lon":13.421722,"alt":42.4,"accuracy":6.2,"speed":2.93,"heading":227.8,"battery":67,"mode":"cycling"}
	// 1 dev-000007 {"type":"location","device_id":"dev-000007","ts":"2026-01-01T00:00:00.001Z","lat":35.681409,"lon":139.659704,"alt":44.0,"accuracy":5.3,"speed":17.01,"heading":299.0,"battery":92,"mode":"driving"}
	// next: 2
}
