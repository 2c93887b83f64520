package kafka

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Decode reads a Kafka or RocketMQ trigger event as the runtime's
// encoding/json does: keys match case-insensitively and unknown keys are
// ignored. It checks types only: use Validate for the event's rules.
func Decode(data []byte) (*TriggerEvent, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, errors.New("kafka: decode event: empty input")
	}
	if trimmed[0] != '{' {
		return nil, fmt.Errorf("kafka: decode event: want a JSON object, input starts with %q", trimmed[0])
	}
	var ev TriggerEvent
	if err := json.Unmarshal(data, &ev); err != nil {
		return nil, decodeError(err)
	}
	return &ev, nil
}

// decodeError words encoding/json's errors with the field and offset.
func decodeError(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("kafka: decode event: not JSON at byte %d: %w", se.Offset, err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("kafka: decode event: %s: JSON %s at byte %d, want %s",
			te.Field, te.Value, te.Offset, te.Type)
	}
	return fmt.Errorf("kafka: decode event: %w", err)
}
