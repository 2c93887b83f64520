package inproc

import (
	"encoding/base64"
	"os"
	"strings"
	"testing"
)

// event builds a trigger event whose records hold data.
func event(data ...string) []byte {
	var b strings.Builder
	b.WriteString(`{"ShardID":"shardId-0000000000","Message":{"next_partition_cursor":"","records":[`)
	for i, d := range data {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"partition_key":"k","data":"` + base64.StdEncoding.EncodeToString([]byte(d)) + `","sequence_number":"` + string(rune('0'+i)) + `"}`)
	}
	b.WriteString(`],"millis_behind_latest":""},"Tag":"latest","StreamName":"s"}`)
	return []byte(b.String())
}

// kafkaDoc is the documented Kafka trigger event (docs/PROTOCOL.md §6).
var kafkaDoc = []byte(`{"event_version":"v1.0","event_time":1576737962,"trigger_type":"KAFKA","region":"eu-de",` +
	`"instance_id":"81335d56-b9fe-4679-ba95-7030949cc76b","records":[{"messages":["kafka message1","kafka message2"],"topic_id":"topic-test"}]}`)

// kafkaJSON is a RocketMQ event of two topics whose messages are JSON.
var kafkaJSON = []byte(`{"event_version":"v1.0","event_time":1,"trigger_type":"ROCKETMQ","region":"r","instance_id":"i",` +
	`"records":[{"messages":["{\"a\":1}","[2]"],"topic_id":"a"},{"messages":["3"],"topic_id":"b"}]}`)

func TestBuiltins(t *testing.T) {
	documented, err := os.ReadFile("testdata/documented-event.json")
	if err != nil {
		t.Fatal(err)
	}
	badBase64 := []byte(`{"Message":{"records":[{"data":"d2VsY29tZQ=="},{"data":"!!!","sequence_number":"7"}]}}`)
	for _, tc := range []struct {
		name    string
		h       Handler
		payload []byte
		res     any
		err     string
	}{
		{"noop", Noop, []byte("anything"), "ok", ""},
		{"decode documented", Decode, documented, "ok: 4 records", ""},
		{"decode no records", Decode, []byte(`{"Message":{"records":[]}}`), "ok: 0 records", ""},
		{"decode not JSON", Decode, []byte("welcome"), "invalid data", "invalid character 'w'"},
		{"decode bad base64", Decode, badBase64, "invalid data", `record 1 (sequence_number "7"): data: illegal base64 data at input byte 0`},
		{"json records", DecodeJSON, event(`{"a":1}`, `[1,2]`, `"s"`), "ok: 3 records", ""},
		{"json documented", DecodeJSON, documented, "invalid data", `record 0 (sequence_number "0"): not JSON: invalid character 'w'`},
		{"json one bad record", DecodeJSON, event(`{}`, `{oops`), "invalid data", `record 1 (sequence_number "1"): not JSON`},
		{"decode kafka", Decode, kafkaDoc, "ok: 2 messages", ""},
		{"json kafka not JSON", DecodeJSON, kafkaDoc, "invalid data", `topic "topic-test" message 0: not JSON`},
		{"json rocketmq", DecodeJSON, kafkaJSON, "ok: 3 messages", ""},
		{"sleep", Sleep(0), nil, "ok", ""},
	} {
		res, err := tc.h(tc.payload, nil)
		if res != tc.res || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%s(%.40q) = %v, %v; want %v, %q", tc.name, tc.payload, res, err, tc.res, tc.err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	documented, _ := os.ReadFile("testdata/documented-event.json")
	for _, s := range [][]byte{documented, kafkaDoc, kafkaJSON, event(`{"a":1}`), []byte(`{}`), []byte(`{"Message":{"records":[{"data":"@"}]}}`), nil} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		for _, h := range []Handler{Decode, DecodeJSON} {
			res, err := h(payload, nil)
			if res == nil || (err != nil) != (res == "invalid data") {
				t.Errorf("handler(%q) = %v, %v: want a result, and \"invalid data\" exactly with an error", payload, res, err)
			}
		}
	})
}
