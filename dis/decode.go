package dis

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
)

// wireEvent is the event as encoding/json reads it, with both dialects'
// spellings. encoding/json matches keys case-insensitively, as the runtime's
// own json.Unmarshal does.
type wireEvent struct {
	ShardID    string
	Message    wireMessage
	Tag        string
	StreamName string
}

// wireMessage holds both spellings of the dialect-dependent keys.
type wireMessage struct {
	NextPartitionCursor string   `json:"next_partition_cursor"`
	NextPatitionCursor  string   `json:"next_patition_cursor"`
	Records             []Record `json:"records"`
	MillisBehindLatest  string   `json:"millis_behind_latest"`
	MillisBehindSDK     string   `json:"millisBehindLatest"`
}

// Decode reads a trigger event in either dialect (documented keys or the
// Huawei SDK's next_patition_cursor and millisBehindLatest; when both
// spellings are present the documented one wins unless it is empty). Keys
// match case-insensitively and unknown keys are ignored, as with
// encoding/json in the runtime; Record.Data holds the base64-decoded bytes.
// Decode checks types only: use Validate for the event's rules.
func Decode(data []byte) (*TriggerEvent, error) {
	if first := firstByte(data); first != '{' {
		if first == 0 {
			return nil, errors.New("dis: decode event: empty input")
		}
		return nil, fmt.Errorf("dis: decode event: want a JSON object, input starts with %q", first)
	}
	var w wireEvent
	if err := json.Unmarshal(data, &w); err != nil {
		return nil, decodeError(err)
	}
	return w.event(), nil
}

// event maps the wire form onto a TriggerEvent.
func (w *wireEvent) event() *TriggerEvent {
	m := &w.Message
	ev := &TriggerEvent{ShardID: w.ShardID, Tag: w.Tag, StreamName: w.StreamName}
	ev.Message.Records = m.Records
	ev.Message.NextPartitionCursor = firstNonEmpty(m.NextPartitionCursor, m.NextPatitionCursor)
	ev.Message.MillisBehindLatest = firstNonEmpty(m.MillisBehindLatest, m.MillisBehindSDK)
	return ev
}

// decodeError words encoding/json's errors with the field and offset.
func decodeError(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("dis: decode event: not JSON at byte %d: %w", se.Offset, err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("dis: decode event: %s: JSON %s at byte %d, want %s",
			te.Field, te.Value, te.Offset, te.Type)
	}
	var ce base64.CorruptInputError
	if errors.As(err, &ce) {
		return fmt.Errorf("dis: decode event: Message.records[].data is not standard base64: %w", err)
	}
	return fmt.Errorf("dis: decode event: %w", err)
}

// firstByte returns the first byte after JSON whitespace, 0 when none.
func firstByte(data []byte) byte {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return 0
	}
	return data[0]
}

// firstNonEmpty returns a unless it is empty, else b.
func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
