package generator

import (
	"errors"
	"fmt"
	"unicode/utf16"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/kafka"
)

// StreamType is the kind of stream, and so of trigger event, the generator
// imitates.
type StreamType string

// Stream types.
const (
	// StreamDIS makes DIS trigger events (package dis); keys are placed by
	// the DIS SDK's formula.
	StreamDIS StreamType = "dis"
	// StreamKafka makes Kafka trigger events (package kafka, trigger_type
	// KAFKA); keys are placed by Kafka's default partitioner (murmur2).
	StreamKafka StreamType = "kafka"
	// StreamRocketMQ makes RocketMQ trigger events (the Kafka shape,
	// trigger_type ROCKETMQ); keys are placed on queues as RocketMQ's
	// SelectMessageQueueByHash does (Java's String.hashCode, mod queues).
	StreamRocketMQ StreamType = "rocketmq"
)

// StreamTypes lists the stream types in the order help text names them.
var StreamTypes = []StreamType{StreamDIS, StreamKafka, StreamRocketMQ}

// ParseStreamType reads a stream type's name.
func ParseStreamType(s string) (StreamType, error) {
	for _, t := range StreamTypes {
		if string(t) == s {
			return t, nil
		}
	}
	return "", fmt.Errorf("unknown stream type %q (want dis, kafka or rocketmq)", s)
}

// isKafkaShape reports whether t's events have the Kafka shape.
func (t StreamType) isKafkaShape() bool { return t == StreamKafka || t == StreamRocketMQ }

// triggerType is the trigger_type of t's events.
func (t StreamType) triggerType() kafka.TriggerType {
	if t == StreamRocketMQ {
		return kafka.TriggerRocketMQ
	}
	return kafka.TriggerKafka
}

// Defaults of the Kafka-shaped events.
const (
	// DefaultTopic is the topic of Kafka/RocketMQ events when none is set.
	DefaultTopic = "disload-topic"
	// DefaultRegion is the region of Kafka/RocketMQ events when none is set.
	DefaultRegion = "eu-de"
)

// KafkaConfig holds what Kafka and RocketMQ events carry besides messages.
type KafkaConfig struct {
	// Topics are the topics of the events, default [DefaultTopic]; a key's
	// records all go to one topic (chosen by a hash of the key), and an
	// event holds one records entry per topic among its messages.
	Topics []string
	// Region is the region id, default DefaultRegion.
	Region string
	// InstanceID is the instance's id, default a UUID derived from the seed.
	InstanceID string
}

// withDefaults fills the Kafka defaults; seed makes the instance id.
func (k KafkaConfig) withDefaults(seed uint64) KafkaConfig {
	if len(k.Topics) == 0 {
		k.Topics = []string{DefaultTopic}
	}
	if k.Region == "" {
		k.Region = DefaultRegion
	}
	if k.InstanceID == "" {
		k.InstanceID = uuidFrom(derive(seed, 'i', 0), derive(seed, 'i', 1))
	}
	return k
}

// uuidFrom formats two 64-bit values as a version 4 UUID.
func uuidFrom(hi, lo uint64) string {
	hi = hi&^0xf000 | 0x4000
	lo = lo&^(0xc<<60) | 0x8<<60
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", hi>>32, hi>>16&0xffff, hi&0xffff, lo>>48, lo&0xffffffffffff)
}

// checkStream reports problems of the stream type and the Kafka settings.
func (c Config) checkStream() error {
	if _, err := ParseStreamType(string(c.StreamType)); err != nil {
		return fmt.Errorf("StreamType: %w", err)
	}
	if !c.StreamType.isKafkaShape() {
		return nil
	}
	var errs []error
	if c.BatchSize > kafka.MaxBatch {
		errs = append(errs, fmt.Errorf("BatchSize: %d is above %d, the largest batch of a %s trigger", c.BatchSize, kafka.MaxBatch, c.StreamType))
	}
	seen := map[string]bool{}
	for i, t := range c.Kafka.Topics {
		field := fmt.Sprintf("Kafka: topic %d", i)
		switch {
		case t == "":
			errs = append(errs, fmt.Errorf("%s is empty", field))
		case seen[t]:
			errs = append(errs, fmt.Errorf("%s, %q, is listed twice", field, t))
		case len(t) > 249:
			errs = append(errs, fmt.Errorf("%s, %q, is longer than 249 characters, Kafka's limit", field, t))
		}
		seen[t] = true
	}
	return errors.Join(errs...)
}

// partitionForKey places a key on one of n partitions as the stream's
// producers do.
func (t StreamType) partitionForKey(key string, n int) int {
	switch t {
	case StreamKafka:
		return kafka.PartitionForKey([]byte(key), n)
	case StreamRocketMQ:
		return rocketMQQueue(key, n)
	}
	return dis.PartitionForKey(key, n)
}

// rocketMQQueue is RocketMQ's SelectMessageQueueByHash: Java's
// String.hashCode of the key modulo the queue count, made non-negative
// with Math.abs.
func rocketMQQueue(key string, n int) int {
	var h int32
	for _, r := range key {
		if r1, r2 := utf16.EncodeRune(r); r1 != '\uFFFD' {
			h = 31*h + r1
			h = 31*h + r2
			continue
		}
		h = 31*h + int32(r)
	}
	v := h % int32(n)
	if v < 0 {
		v = -v
	}
	return int(v)
}

// topicOf is the index among n topics of a key's topic: FNV-1a of the key,
// so that a key's records always go to one topic.
func topicOf(key string, n int) int {
	if n == 1 {
		return 0
	}
	h := uint32(2166136261)
	for i := 0; i < len(key); i++ {
		h ^= uint32(key[i])
		h *= 16777619
	}
	return int(h % uint32(n))
}

// TopicIndex is the index in Topics of the topic a key's records go to
// (always the same one for a key); Topics must not be empty.
func (k KafkaConfig) TopicIndex(key string) int { return topicOf(key, len(k.Topics)) }
