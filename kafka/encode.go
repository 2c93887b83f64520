package kafka

import (
	"strconv"

	"github.com/disload/disload/internal/jsonwalk"
)

// AppendEventHead appends the start of an event for batch b, up to and
// including the records array's '[':
//
//	{"event_version":"v1.0","event_time":1576737962,"trigger_type":"KAFKA","region":"eu-de","instance_id":"<id>","records":[
//
// It does not allocate when dst has room.
func AppendEventHead(dst []byte, b *Batch) []byte {
	dst = append(dst, `{"event_version":"`+EventVersion+`","event_time":`...)
	dst = strconv.AppendInt(dst, b.EventTime, 10)
	dst = append(dst, `,"trigger_type":"`...)
	dst = append(dst, b.TriggerType.String()...)
	dst = append(dst, `","region":`...)
	dst = jsonwalk.AppendString(dst, b.Region)
	dst = append(dst, `,"instance_id":`...)
	dst = jsonwalk.AppendString(dst, b.InstanceID)
	return append(dst, `,"records":[`...)
}

// AppendTopicHead opens topic entry i of the records array (i counts from
// 0; a comma goes before every entry but the first), up to the messages
// array's '['.
func AppendTopicHead(dst []byte, i int) []byte {
	if i > 0 {
		dst = append(dst, ',')
	}
	return append(dst, `{"messages":[`...)
}

// AppendMessage appends message j of a topic entry (j counts from 0) as a
// JSON string, escaped as encoding/json does with HTML escaping off. It
// does not allocate when dst has room.
func AppendMessage(dst []byte, j int, msg []byte) []byte {
	if j > 0 {
		dst = append(dst, ',')
	}
	return jsonwalk.AppendBytes(dst, msg)
}

// AppendTopicTail closes a topic entry after its last message:
//
//	],"topic_id":"<topic>"}
func AppendTopicTail(dst []byte, topic string) []byte {
	dst = append(dst, `],"topic_id":`...)
	dst = jsonwalk.AppendString(dst, topic)
	return append(dst, '}')
}

// AppendEventTail closes the records array and the event.
func AppendEventTail(dst []byte) []byte {
	return append(dst, ']', '}')
}

// AppendEvent appends ev as compact JSON, keys in the order of the types.
// It matches encoding/json with HTML escaping off, except that nil Records
// and nil Messages are written as [].
func AppendEvent(dst []byte, ev *TriggerEvent) []byte {
	dst = append(dst, `{"event_version":`...)
	dst = jsonwalk.AppendString(dst, ev.EventVersion)
	dst = append(dst, `,"event_time":`...)
	dst = strconv.AppendInt(dst, ev.EventTime, 10)
	dst = append(dst, `,"trigger_type":`...)
	dst = jsonwalk.AppendString(dst, ev.TriggerType)
	dst = append(dst, `,"region":`...)
	dst = jsonwalk.AppendString(dst, ev.Region)
	dst = append(dst, `,"instance_id":`...)
	dst = jsonwalk.AppendString(dst, ev.InstanceID)
	dst = append(dst, `,"records":[`...)
	for i := range ev.Records {
		r := &ev.Records[i]
		dst = AppendTopicHead(dst, i)
		for j, m := range r.Messages {
			if j > 0 {
				dst = append(dst, ',')
			}
			dst = jsonwalk.AppendString(dst, m)
		}
		dst = AppendTopicTail(dst, r.TopicID)
	}
	return AppendEventTail(dst)
}
