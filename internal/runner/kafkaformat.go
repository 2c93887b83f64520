package runner

import (
	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/harness/trigger"
	"github.com/disload/disload/kafka"
)

// kafkaFormat is the Kafka (or RocketMQ) trigger's event (docs/PROTOCOL.md
// §6): the pulled messages grouped into one records entry per topic (a
// key's records are all on one topic), event_time the pull's time in Unix
// seconds. It holds no mutable state: pollers call it concurrently.
type kafkaFormat struct {
	trigger kafka.TriggerType
	cfg     generator.KafkaConfig // defaults filled: at least one topic
}

var _ trigger.Format = kafkaFormat{}

// newKafkaFormat is the format of a generator configuration of a Kafka or
// RocketMQ stream.
func newKafkaFormat(gcfg generator.Config) kafkaFormat {
	gcfg = gcfg.WithDefaults()
	tt := kafka.TriggerKafka
	if gcfg.StreamType == generator.StreamRocketMQ {
		tt = kafka.TriggerRocketMQ
	}
	return kafkaFormat{trigger: tt, cfg: gcfg.Kafka}
}

// AppendEvent appends the Kafka event of pull p.
func (f kafkaFormat) AppendEvent(dst []byte, p *trigger.Pull) []byte {
	b := kafka.Batch{EventTime: floorDiv(p.PulledAt, 1000), TriggerType: f.trigger,
		Region: f.cfg.Region, InstanceID: f.cfg.InstanceID}
	dst = kafka.AppendEventHead(dst, &b)
	entry := 0
	for t, topic := range f.cfg.Topics {
		j := 0
		for i := range p.Len() {
			r := p.Record(i)
			if len(f.cfg.Topics) > 1 && f.cfg.TopicIndex(r.Key) != t {
				continue
			}
			if j == 0 {
				dst = kafka.AppendTopicHead(dst, entry)
			}
			dst = kafka.AppendMessage(dst, j, r.Data)
			j++
		}
		if j > 0 {
			dst = kafka.AppendTopicTail(dst, topic)
			entry++
		}
	}
	return kafka.AppendEventTail(dst)
}

// floorDiv is a / b rounded toward minus infinity (b > 0).
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}
