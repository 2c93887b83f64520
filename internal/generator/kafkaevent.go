package generator

import "github.com/disload/disload/kafka"

// kafkaState is what a partition keeps to batch records into Kafka-shaped
// events without allocating: the records of the batch in one buffer, each
// with its end offset and topic.
type kafkaState struct {
	batch  kafka.Batch
	topics []string
	buf    []byte  // the batch's records, back to back
	ends   []int   // end offset in buf of each record
	topic  []int32 // topic index of each record
}

// newKafkaState sets up the Kafka event of a partition of cfg.
func newKafkaState(cfg *Config) kafkaState {
	return kafkaState{
		batch: kafka.Batch{TriggerType: cfg.StreamType.triggerType(), Region: cfg.Kafka.Region,
			InstanceID: cfg.Kafka.InstanceID},
		topics: cfg.Kafka.Topics,
	}
}

// appendKafkaEvent appends a Kafka/RocketMQ event of the partition's next n
// records to dst: one records entry per topic that has messages in the
// batch, in the order of the topics, each topic's messages in record order.
// event_time is the virtual time of the last record, in Unix seconds.
func (p *partition) appendKafkaEvent(dst []byte, n int, index int64) ([]byte, EventMeta) {
	meta := EventMeta{Index: index, Partition: p.id, Records: n, FirstSequence: p.seq0 + p.k}
	ks := &p.kafka
	ks.batch.EventTime = floorDiv(p.clk.at(p.k+int64(n)-1), 1e9)
	ks.buf, ks.ends, ks.topic = ks.buf[:0], ks.ends[:0], ks.topic[:0]
	for range n {
		data, key, _ := p.nextRecord(ks.buf)
		meta.PayloadBytes += int64(len(data) - len(ks.buf))
		ks.buf = data
		ks.ends = append(ks.ends, len(data))
		ks.topic = append(ks.topic, int32(topicOf(key, len(ks.topics))))
	}
	meta.NextSequence = meta.FirstSequence + int64(n)
	dst = kafka.AppendEventHead(dst, &ks.batch)
	entry := 0
	for t, name := range ks.topics {
		j := 0
		for i, end := range ks.ends {
			if ks.topic[i] != int32(t) {
				continue
			}
			if j == 0 {
				dst = kafka.AppendTopicHead(dst, entry)
			}
			start := 0
			if i > 0 {
				start = ks.ends[i-1]
			}
			dst = kafka.AppendMessage(dst, j, ks.buf[start:end])
			j++
		}
		if j > 0 {
			dst = kafka.AppendTopicTail(dst, name)
			entry++
		}
	}
	return kafka.AppendEventTail(dst), meta
}
