// Package kafka holds the Kafka and RocketMQ trigger event as FunctionGraph
// sends it (docs/PROTOCOL.md §6), the OTC Go runtime's KAFKATriggerEvent:
// wire types with the exact keys, an append-style encoder, a decoder,
// Validate, and Kafka's default key → partition formula (murmur2).
package kafka

import (
	"strconv"

	"github.com/disload/disload/internal/platform"
)

// EventVersion is the event_version the platform sends.
const EventVersion = "v1.0"

// MaxBatch is the most messages one event holds: the trigger's batch size is
// 1 to 1,000 messages.
const MaxBatch = platform.MaxKafkaBatchSize

// TriggerType says which trigger sent an event: Kafka (DMS for Kafka and
// open-source Kafka) or RocketMQ; both use the same shape.
type TriggerType int

const (
	// TriggerKafka is trigger_type "KAFKA".
	TriggerKafka TriggerType = iota
	// TriggerRocketMQ is trigger_type "ROCKETMQ".
	TriggerRocketMQ
)

// String returns the wire spelling: "KAFKA" or "ROCKETMQ".
func (t TriggerType) String() string {
	switch t {
	case TriggerKafka:
		return "KAFKA"
	case TriggerRocketMQ:
		return "ROCKETMQ"
	}
	return "TriggerType(" + strconv.Itoa(int(t)) + ")"
}

// ParseTriggerType reads a trigger_type spelling, exactly as on the wire.
func ParseTriggerType(s string) (TriggerType, bool) {
	switch s {
	case "KAFKA":
		return TriggerKafka, true
	case "ROCKETMQ":
		return TriggerRocketMQ, true
	}
	return 0, false
}

// Record is one topic's part of an event: the message values as plain
// strings (no keys, partitions or offsets reach the function).
type Record struct {
	Messages []string `json:"messages"`
	TopicID  string   `json:"topic_id"`
}

// TriggerEvent is the event a Kafka- or RocketMQ-triggered function
// receives, with one Records entry per topic.
type TriggerEvent struct {
	EventVersion string   `json:"event_version"`
	EventTime    int64    `json:"event_time"` // Unix seconds
	TriggerType  string   `json:"trigger_type"`
	Region       string   `json:"region"`
	InstanceID   string   `json:"instance_id"`
	Records      []Record `json:"records"`
}

// Batch describes the event around a batch of messages for the
// append-style encoder: AppendEventHead, then per topic AppendTopicHead,
// AppendMessage per message and AppendTopicTail, then AppendEventTail.
type Batch struct {
	EventTime   int64 // Unix seconds
	TriggerType TriggerType
	Region      string // e.g. eu-de
	InstanceID  string // the Kafka instance's id
}
