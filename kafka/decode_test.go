package kafka

import (
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		topic   string
		wantErr string
	}{
		{"documented", doc, "topic-test", ""},
		{"keys any case", strings.Replace(doc, `"topic_id"`, `"TOPIC_ID"`, 1), "topic-test", ""},
		{"unknown keys ignored", strings.Replace(doc, `"region"`, `"x":1,"region"`, 1), "topic-test", ""},
		{"empty", " \n", "", "empty input"},
		{"array", `[1]`, "", "want a JSON object"},
		{"syntax", `{"event_time":`, "", "not JSON"},
		{"type", strings.Replace(doc, `1576737962`, `"x"`, 1), "", "event_time: JSON string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := Decode([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Decode err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ev.EventTime != 1576737962 || len(ev.Records) != 1 || ev.Records[0].TopicID != tt.topic ||
				len(ev.Records[0].Messages) != 2 || ev.Records[0].Messages[1] != "kafka message2" {
				t.Errorf("Decode = %+v", ev)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(doc))
	f.Add([]byte(`{"records":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := Decode(data)
		if err != nil {
			return
		}
		back, err := Decode(AppendEvent(nil, ev))
		if err != nil {
			t.Fatalf("re-encoded event does not decode: %v", err)
		}
		if len(back.Records) != len(ev.Records) || back.EventTime != ev.EventTime {
			t.Fatalf("round trip changed the event: %+v vs %+v", back, ev)
		}
	})
}
