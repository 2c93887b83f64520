package inproc

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

func init() {
	Register("noop", Noop)
	Register("decode", Decode)
	Register("json", DecodeJSON)
}

// Noop answers "ok" at once: the harness's own cost.
func Noop([]byte, RuntimeContext) (any, error) { return "ok", nil }

// Sleep returns a handler that sleeps for d and answers "ok".
func Sleep(d time.Duration) Handler {
	return func([]byte, RuntimeContext) (any, error) {
		time.Sleep(d)
		return "ok", nil
	}
}

// disRecord, disMessage and disTriggerEvent have the shape of the runtime's
// events/dis types, so decoding costs what it costs a real handler.
type disRecord struct {
	PartitionKey   string `json:"partition_key"`
	Data           string `json:"data"`
	SequenceNumber string `json:"sequence_number"`
}

type disMessage struct {
	NextPartitionCursor string      `json:"next_partition_cursor"`
	Records             []disRecord `json:"records"`
	MillisBehindLatest  string      `json:"millis_behind_latest"`
}

type disTriggerEvent struct {
	ShardID    string
	Message    disMessage
	Tag        string
	StreamName string
}

// kafkaRecord is one topic's entry of the runtime's events/kafka
// KAFKATriggerEvent (Kafka and RocketMQ triggers).
type kafkaRecord struct {
	Messages []string `json:"messages"`
	TopicID  string   `json:"topic_id"`
}

// triggerEvent reads either event: a DIS event has no top-level records or
// trigger_type, a Kafka/RocketMQ event no ShardID or Message.
type triggerEvent struct {
	disTriggerEvent
	EventVersion string        `json:"event_version"`
	EventTime    int64         `json:"event_time"`
	TriggerType  string        `json:"trigger_type"`
	Region       string        `json:"region"`
	InstanceID   string        `json:"instance_id"`
	Records      []kafkaRecord `json:"records"`
}

// Decode does what the platform's documented DIS example does, and then
// what every real handler does next: it unmarshals the event, base64-decodes
// every record and answers "ok: N records". A Kafka or RocketMQ event
// (trigger_type set) answers "ok: N messages". A payload that is not the event
// JSON answers "invalid data" with the error, as the example does.
func Decode(payload []byte, _ RuntimeContext) (any, error) {
	return decodeEvent(payload, nil)
}

// DecodeJSON is Decode that also parses every record's data as JSON; a
// record that is not JSON is an error naming it.
func DecodeJSON(payload []byte, _ RuntimeContext) (any, error) {
	return decodeEvent(payload, func(data []byte) error {
		var v any
		return json.Unmarshal(data, &v)
	})
}

// decodeEvent decodes the event and its records, passing each record's
// bytes to check when it is not nil. Failures return a non-nil value with
// the error: with a nil value the runtime reports "response is empty"
// instead of the error.
func decodeEvent(payload []byte, check func([]byte) error) (any, error) {
	var ev triggerEvent
	if err := json.Unmarshal(payload, &ev); err != nil {
		return "invalid data", err
	}
	if ev.TriggerType != "" {
		return checkMessages(ev.Records, check)
	}
	for i, r := range ev.Message.Records {
		data, err := base64.StdEncoding.DecodeString(r.Data)
		if err != nil {
			return "invalid data", fmt.Errorf("record %d (sequence_number %q): data: %w", i, r.SequenceNumber, err)
		}
		if check == nil {
			continue
		}
		if err := check(data); err != nil {
			return "invalid data", fmt.Errorf("record %d (sequence_number %q): not JSON: %w", i, r.SequenceNumber, err)
		}
	}
	return "ok: " + strconv.Itoa(len(ev.Message.Records)) + " records", nil
}

// checkMessages passes every message of a Kafka/RocketMQ event to check
// (when not nil) and answers "ok: N messages".
func checkMessages(records []kafkaRecord, check func([]byte) error) (any, error) {
	n := 0
	for _, r := range records {
		for j, m := range r.Messages {
			n++
			if check == nil {
				continue
			}
			if err := check([]byte(m)); err != nil {
				return "invalid data", fmt.Errorf("topic %q message %d: not JSON: %w", r.TopicID, j, err)
			}
		}
	}
	return "ok: " + strconv.Itoa(n) + " messages", nil
}
