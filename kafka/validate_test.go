package kafka

import (
	"strings"
	"testing"
)

// doc is the documented event, compact.
const doc = `{"event_version":"v1.0","event_time":1576737962,"trigger_type":"KAFKA","region":"eu-de",` +
	`"instance_id":"81335d56-b9fe-4679-ba95-7030949cc76b","records":[{"messages":["kafka message1","kafka message2"],"topic_id":"topic-test"}]}`

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // "path: msg" prefixes, in order
	}{
		{"documented", doc, nil},
		{"rocketmq", strings.Replace(doc, `"KAFKA"`, `"ROCKETMQ"`, 1), nil},
		{"keys any case", strings.Replace(doc, `"region"`, `"REGION"`, 1), nil},
		{"not JSON", `{"event_version":`, []string{"not JSON"}},
		{"trailing data", doc + ` x`, []string{"trailing data"}},
		{"not an object", `[]`, []string{"want a JSON object, got an array"}},
		{"wrong version", strings.Replace(doc, `"v1.0"`, `"v2"`, 1), []string{`event_version: want "v1.0"`}},
		{"time as string", strings.Replace(doc, `1576737962`, `"1576737962"`, 1), []string{"event_time: want Unix seconds as a JSON number, got a string"}},
		{"time fraction", strings.Replace(doc, `1576737962`, `1576737962.5`, 1), []string{"event_time: want whole Unix seconds"}},
		{"time millis", strings.Replace(doc, `1576737962`, `1576737962000`, 1), []string{"event_time: 1576737962000 looks like milliseconds"}},
		{"time negative", strings.Replace(doc, `1576737962`, `-1`, 1), []string{"event_time: negative"}},
		{"trigger type", strings.Replace(doc, `"KAFKA"`, `"kafka"`, 1), []string{`trigger_type: want "KAFKA" or "ROCKETMQ"`}},
		{"empty region", strings.Replace(doc, `"eu-de"`, `""`, 1), []string{"region: empty"}},
		{"instance number", strings.Replace(doc, `"81335d56-b9fe-4679-ba95-7030949cc76b"`, `7`, 1), []string{"instance_id: want a JSON string, got a number"}},
		{"unknown and missing", strings.Replace(doc, `"region"`, `"regio"`, 1), []string{"region: missing", "regio: unknown key"}},
		{"duplicate key", strings.Replace(doc, `"region":"eu-de",`, `"region":"eu-de","region":"eu-nl",`, 1), []string{"region: duplicate key"}},
		{"records empty", strings.Replace(doc, `[{"messages":["kafka message1","kafka message2"],"topic_id":"topic-test"}]`, `[]`, 1), []string{"records: empty"}},
		{"message not string", strings.Replace(doc, `"kafka message2"`, `{"a":1}`, 1), []string{"records[0].messages[1]: want a JSON string, got an object"}},
		{"messages empty", strings.Replace(doc, `["kafka message1","kafka message2"]`, `[]`, 1), []string{"records[0].messages: empty"}},
		{"topic missing", strings.Replace(doc, `,"topic_id":"topic-test"`, ``, 1), []string{"records[0].topic_id: missing"}},
		{"topic twice", strings.Replace(doc, `"topic_id":"topic-test"}]`, `"topic_id":"topic-test"},{"messages":["m"],"topic_id":"topic-test"}]`, 1),
			[]string{`records[1].topic_id: topic "topic-test" has a second entry`}},
		{"record key unknown", strings.Replace(doc, `"topic_id"`, `"partition":3,"topic_id"`, 1), []string{"records[0].partition: unknown key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			probs := Validate([]byte(tt.in))
			if len(probs) != len(tt.want) {
				t.Fatalf("Validate = %v, want %d problems %q", probs, len(tt.want), tt.want)
			}
			for i, p := range probs {
				if !strings.HasPrefix(p.Error(), tt.want[i]) {
					t.Errorf("problem %d = %q, want prefix %q", i, p.Error(), tt.want[i])
				}
				if p.Offset < 0 || p.Offset > int64(len(tt.in)) {
					t.Errorf("problem %d offset %d outside the input", i, p.Offset)
				}
			}
		})
	}
}

func TestValidateBatchLimit(t *testing.T) {
	ev := TriggerEvent{EventVersion: EventVersion, EventTime: 1, TriggerType: "KAFKA", Region: "r", InstanceID: "i",
		Records: []Record{{TopicID: "a", Messages: make([]string, 600)}, {TopicID: "b", Messages: make([]string, 400)}}}
	if probs := Validate(AppendEvent(nil, &ev)); len(probs) != 0 {
		t.Fatalf("1,000 messages: %v", probs)
	}
	ev.Records[1].Messages = append(ev.Records[1].Messages, "one more")
	probs := Validate(AppendEvent(nil, &ev))
	if len(probs) != 1 || !strings.Contains(probs[0].Error(), "1001 messages in all") {
		t.Fatalf("1,001 messages: %v", probs)
	}
}

func TestValidateSize(t *testing.T) {
	big := strings.Repeat("x", MaxEventSize)
	ev := TriggerEvent{EventVersion: EventVersion, EventTime: 1, TriggerType: "KAFKA", Region: "r", InstanceID: "i",
		Records: []Record{{TopicID: "a", Messages: []string{big}}}}
	probs := Validate(AppendEvent(nil, &ev))
	if len(probs) != 1 || !strings.Contains(probs[0].Msg, "6 MB") {
		t.Fatalf("Validate(> 6 MB) = %v", probs)
	}
}

func FuzzValidate(f *testing.F) {
	f.Add([]byte(doc))
	f.Add([]byte(`{"records":[{"messages":[1,{}],"topic_id":null}],"event_time":1e99}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		probs := Validate(data)
		for _, p := range probs {
			if p.Offset < -1 || p.Offset > int64(len(data)) {
				t.Fatalf("offset %d outside %d bytes: %v", p.Offset, len(data), p)
			}
		}
		// A valid event decodes and re-encodes to an event that is valid too.
		if len(probs) == 0 {
			ev, err := Decode(data)
			if err != nil {
				t.Fatalf("valid event does not decode: %v", err)
			}
			if again := Validate(AppendEvent(nil, ev)); len(again) != 0 {
				t.Fatalf("re-encoded valid event: %v", again)
			}
		}
	})
}
