package trigger_test

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/harness/trigger"
)

// okTarget accepts every event at once.
type okTarget struct{}

func (okTarget) Invoke(context.Context, *harness.Event) harness.Outcome { return harness.Outcome{} }
func (okTarget) Close() error                                           { return nil }

// orders is a stream of 2 equal partitions of small records.
type orders struct{ seq [2]int64 }

func (*orders) Partitions() []int  { return []int{0, 1} }
func (*orders) Weight(int) float64 { return 0.5 }

func (o *orders) Next(p int, dst []byte) ([]byte, string, int64) {
	seq := o.seq[p]
	o.seq[p]++
	return fmt.Appendf(dst, "order %d", seq), "key", seq
}

// kafkaEvent encodes a pull as a Kafka-style trigger event: the topic's
// messages as strings, no base64.
type kafkaEvent struct{ topic string }

func (k kafkaEvent) AppendEvent(dst []byte, p *trigger.Pull) []byte {
	dst = fmt.Appendf(dst, `{"topic":%q,"partition":%d,"messages":[`, k.topic, p.Partition)
	for i := range p.Len() {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = strconv.AppendQuote(dst, string(p.Record(i).Data))
	}
	return append(dst, "]}"...)
}

// ExampleRun feeds a fast function from a stream of 2 partitions for a
// short while, as a serial trigger would, in an event format of the
// caller's.
func ExampleRun() {
	cfg := trigger.Config{RecordRate: 1000, Duration: 200 * time.Millisecond, BatchSize: 50,
		Poll: 10 * time.Millisecond, Serial: true, Drain: time.Second, Format: kafkaEvent{topic: "orders"}}
	res, err := trigger.Run(context.Background(), cfg, &orders{}, okTarget{}, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Verdict, res.Produced == res.Delivered, res.Duplicates, res.FinalLagRecords)
	// Output: keeping up true 0 0
}
