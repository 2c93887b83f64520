package kafka

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	goldenPretty  = "testdata/documented-event.json"
	goldenCompact = "testdata/documented-event.compact.json"
)

// documentedBatch is the batch of the documented example event
// (docs/PROTOCOL.md §6).
var documentedBatch = Batch{EventTime: 1576737962, TriggerType: TriggerKafka,
	Region: "eu-de", InstanceID: "81335d56-b9fe-4679-ba95-7030949cc76b"}

// buildDocumented encodes the documented event with the append API.
func buildDocumented(dst []byte) []byte {
	dst = AppendEventHead(dst, &documentedBatch)
	dst = AppendTopicHead(dst, 0)
	for j, m := range []string{"kafka message1", "kafka message2"} {
		dst = AppendMessage(dst, j, []byte(m))
	}
	dst = AppendTopicTail(dst, "topic-test")
	return AppendEventTail(dst)
}

// golden compares got with the file, or rewrites the file under -update.
func golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n got %s\nwant %s", path, got, want)
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestDocumentedEvent: the append API writes the documented example, key
// for key and value for value, as the compact golden file.
func TestDocumentedEvent(t *testing.T) {
	got := buildDocumented(nil)
	golden(t, goldenCompact, got)
	var compact bytes.Buffer
	if err := json.Compact(&compact, readFile(t, goldenPretty)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, compact.Bytes()) {
		t.Errorf("encoded documented event\n got %s\nwant %s", got, compact.Bytes())
	}
	if probs := Validate(got); len(probs) != 0 {
		t.Errorf("Validate(documented) = %v", probs)
	}
}

// marshal is encoding/json's compact form of v with HTML escaping off.
func marshal(t testing.TB, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func TestAppendEventMatchesEncodingJSON(t *testing.T) {
	tests := []struct {
		name string
		ev   TriggerEvent
	}{
		{"documented", TriggerEvent{EventVersion: "v1.0", EventTime: 1576737962, TriggerType: "KAFKA",
			Region: "eu-de", InstanceID: "i", Records: []Record{{Messages: []string{"a", "b"}, TopicID: "t"}}}},
		{"rocketmq two topics", TriggerEvent{EventVersion: "v1.0", EventTime: 1, TriggerType: "ROCKETMQ",
			Region: "ap-southeast-1", InstanceID: "x", Records: []Record{
				{Messages: []string{`{"a":"<&>"}`}, TopicID: "t1"},
				{Messages: []string{"line\nbreak\t\"q\"", "ä€😀\u2028", "bad\xffutf8"}, TopicID: "t\"2"}}}},
		{"empty values", TriggerEvent{Records: []Record{{Messages: []string{""}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AppendEvent(nil, &tt.ev)
			if want := marshal(t, &tt.ev); !bytes.Equal(got, want) {
				t.Errorf("AppendEvent\n got %s\nwant %s", got, want)
			}
			back, err := Decode(got)
			if err != nil {
				t.Fatal(err)
			}
			if again, want := AppendEvent(nil, back), marshal(t, back); !bytes.Equal(again, want) {
				t.Errorf("decoded event re-encoded\n got %s\nwant %s", again, want)
			}
		})
	}
}

func TestAppendStreamingMatchesAppendEvent(t *testing.T) {
	b := Batch{EventTime: 1700000000, TriggerType: TriggerRocketMQ, Region: "eu-nl", InstanceID: "id-\"1"}
	topics := []string{"clicks", "orders"}
	msgs := [][]string{{`{"x":1}`, "two\n"}, {"three"}}
	var dst []byte
	dst = AppendEventHead(dst, &b)
	ev := TriggerEvent{EventVersion: EventVersion, EventTime: b.EventTime, TriggerType: "ROCKETMQ",
		Region: b.Region, InstanceID: b.InstanceID}
	for i, topic := range topics {
		dst = AppendTopicHead(dst, i)
		for j, m := range msgs[i] {
			dst = AppendMessage(dst, j, []byte(m))
		}
		dst = AppendTopicTail(dst, topic)
		ev.Records = append(ev.Records, Record{Messages: msgs[i], TopicID: topic})
	}
	dst = AppendEventTail(dst)
	if want := AppendEvent(nil, &ev); !bytes.Equal(dst, want) {
		t.Errorf("streaming\n got %s\nwant %s", dst, want)
	}
	if probs := Validate(dst); len(probs) != 0 {
		t.Errorf("Validate = %v", probs)
	}
}

// benchBatch is 100 click-like messages of about 170 bytes, as the dis
// benchmark's records.
func benchBatch() (*Batch, [][]byte) {
	b := &Batch{EventTime: 1700000000, TriggerType: TriggerKafka, Region: "eu-de",
		InstanceID: "81335d56-b9fe-4679-ba95-7030949cc76b"}
	data := make([][]byte, 100)
	for i := range data {
		data[i] = []byte(`{"user":"u-` + strings.Repeat("x", 20) + `","page":"/products/` +
			strings.Repeat("p", 100) + `","ts":1700000000000,"action":"click","n":` + strconv.Itoa(i) + `}`)
	}
	return b, data
}

// appendBench encodes the benchmark batch into one topic.
func appendBench(dst []byte, b *Batch, data [][]byte) []byte {
	dst = AppendEventHead(dst, b)
	dst = AppendTopicHead(dst, 0)
	for j := range data {
		dst = AppendMessage(dst, j, data[j])
	}
	dst = AppendTopicTail(dst, "clicks")
	return AppendEventTail(dst)
}

func TestEncodeZeroAllocs(t *testing.T) {
	b, data := benchBatch()
	buf := appendBench(nil, b, data)
	allocs := testing.AllocsPerRun(50, func() { buf = appendBench(buf[:0], b, data) })
	if allocs != 0 {
		t.Errorf("appendBench into a reused buffer: %v allocs, want 0", allocs)
	}
}

// BenchmarkAppendEvent100 encodes a 100-message event into a reused buffer
// (compare dis's BenchmarkAppendEvent100); records/s is messages per second.
func BenchmarkAppendEvent100(b *testing.B) {
	batch, data := benchBatch()
	buf := appendBench(nil, batch, data)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		buf = appendBench(buf[:0], batch, data)
	}
	b.ReportMetric(float64(len(data)*b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkJSONMarshal100 is encoding/json on the same event, for scale.
func BenchmarkJSONMarshal100(b *testing.B) {
	batch, data := benchBatch()
	ev, err := Decode(appendBench(nil, batch, data))
	if err != nil {
		b.Fatal(err)
	}
	out, _ := json.Marshal(ev)
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(ev); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data)*b.N)/b.Elapsed().Seconds(), "records/s")
}

func FuzzAppendEvent(f *testing.F) {
	f.Add("t", "m", "eu-de", "id")
	f.Add("t\"", "\x00\xff\u2028<>&", "", "")
	f.Fuzz(func(t *testing.T, topic, msg, region, id string) {
		ev := TriggerEvent{EventVersion: EventVersion, EventTime: 5, TriggerType: "KAFKA", Region: region,
			InstanceID: id, Records: []Record{{Messages: []string{msg, msg}, TopicID: topic}}}
		got := AppendEvent(nil, &ev)
		if want := marshal(t, &ev); !bytes.Equal(got, want) {
			t.Fatalf("AppendEvent\n got %s\nwant %s", got, want)
		}
	})
}
