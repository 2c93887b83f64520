package generator

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/kafka"
)

// kafkaEvent is the Kafka/RocketMQ event as an independent reader
// (encoding/json only) sees it.
type kafkaEvent struct {
	EventVersion string `json:"event_version"`
	EventTime    int64  `json:"event_time"`
	TriggerType  string `json:"trigger_type"`
	Region       string `json:"region"`
	InstanceID   string `json:"instance_id"`
	Records      []struct {
		TopicID  string   `json:"topic_id"`
		Messages []string `json:"messages"`
	} `json:"records"`
}

// checkKafkaEvent holds an event to docs/PROTOCOL.md §6 with encoding/json
// only: exactly the six keys, a numeric event_time, the trigger type, one
// entry per topic, and n messages in all.
func checkKafkaEvent(t *testing.T, ev []byte, trigger string, topics []string, n int) kafkaEvent {
	t.Helper()
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(ev, &keys); err != nil {
		t.Fatalf("not a JSON object: %v\n%.300s", err, ev)
	}
	got := slices.Sorted(func(yield func(string) bool) {
		for k := range keys {
			if !yield(k) {
				return
			}
		}
	})
	if want := []string{"event_time", "event_version", "instance_id", "records", "region", "trigger_type"}; !slices.Equal(got, want) {
		t.Fatalf("keys %v, want %v", got, want)
	}
	if c := keys["event_time"][0]; c < '0' || c > '9' {
		t.Fatalf("event_time %s is not a JSON number", keys["event_time"])
	}
	var e kafkaEvent
	dec := json.NewDecoder(bytes.NewReader(ev))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		t.Fatal(err)
	}
	if e.EventVersion != "v1.0" || e.TriggerType != trigger || e.Region == "" || e.InstanceID == "" {
		t.Fatalf("header %+v", e)
	}
	seen, total := map[string]bool{}, 0
	for _, r := range e.Records {
		if !slices.Contains(topics, r.TopicID) || seen[r.TopicID] || len(r.Messages) == 0 {
			t.Fatalf("records entry for topic %q (topics %v, seen %v, %d messages)", r.TopicID, topics, seen, len(r.Messages))
		}
		seen[r.TopicID] = true
		total += len(r.Messages)
	}
	if total != n {
		t.Fatalf("%d messages, want %d", total, n)
	}
	return e
}

func TestKafkaEvents(t *testing.T) {
	for name, cfg := range checkerConfigs() {
		for _, st := range []StreamType{StreamKafka, StreamRocketMQ} {
			t.Run(string(st)+"/"+name, func(t *testing.T) {
				cfg.StreamType = st
				cfg.Kafka.Topics = []string{"clicks", "orders", "audit"}
				trigger := strings.ToUpper(string(st))
				s, err := New(cfg)
				if err != nil {
					t.Fatal(err)
				}
				start := cfg.WithDefaults().StartTime.Unix()
				for i := range 60 {
					ev, meta := s.Next(nil)
					if probs := kafka.Validate(ev); len(probs) > 0 {
						t.Fatalf("event %d: %v\n%.400s", i, probs, ev)
					}
					e := checkKafkaEvent(t, ev, trigger, cfg.Kafka.Topics, meta.Records)
					if e.EventTime < start || e.EventTime > start+3600 {
						t.Fatalf("event_time %d, want Unix seconds near %d", e.EventTime, start)
					}
					for _, r := range e.Records {
						for _, m := range r.Messages {
							if cfg.Encoding == EncodingJSON && !json.Valid([]byte(m)) {
								t.Fatalf("message is not JSON: %.200s", m)
							}
						}
					}
				}
			})
		}
	}
}

// TestKafkaKeyPlacement: keys land where each stream's producers put them,
// and a key's records all go to one topic.
func TestKafkaKeyPlacement(t *testing.T) {
	tests := []struct {
		st    StreamType
		place func(key string, n int) int
	}{
		{StreamDIS, dis.PartitionForKey},
		{StreamKafka, func(k string, n int) int { return kafka.PartitionForKey([]byte(k), n) }},
		{StreamRocketMQ, rocketMQQueue},
	}
	for _, tt := range tests {
		t.Run(string(tt.st), func(t *testing.T) {
			cfg := mixedConfig()
			cfg.StreamType = tt.st
			s, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range s.Partitions() {
				ps := s.PartitionStream(p)
				for range 200 {
					_, key, _ := ps.NextRecord(nil)
					if want := tt.place(key, cfg.Partitions); want != p {
						t.Fatalf("key %q made on partition %d, its producers put it on %d", key, p, want)
					}
				}
			}
		})
	}
}

// TestRocketMQQueue checks the Java String.hashCode arithmetic: "abc" hashes
// to 96354 and "polygenelubricants" to Integer.MIN_VALUE.
func TestRocketMQQueue(t *testing.T) {
	tests := []struct {
		key  string
		n    int
		want int
	}{
		{"abc", 7, 96354 % 7},
		{"abc", 1000, 354},
		{"polygenelubricants", 10, 8}, // -2147483648 % 10 = -8, abs 8
		{"", 3, 0},
	}
	for _, tt := range tests {
		if got := rocketMQQueue(tt.key, tt.n); got != tt.want {
			t.Errorf("rocketMQQueue(%q, %d) = %d, want %d", tt.key, tt.n, got, tt.want)
		}
	}
}

func TestKafkaSameSeedSameBytes(t *testing.T) {
	cfg := mixedConfig()
	cfg.StreamType = StreamKafka
	cfg.Kafka.Topics = []string{"a", "b"}
	a, b := events(t, cfg, 30), events(t, cfg, 30)
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Fatalf("event %d differs between two sources of one seed", i)
		}
	}
	cfg.Seed++
	if c := events(t, cfg, 1); bytes.Equal(a[0], c[0]) {
		t.Error("another seed made the same first event")
	}
}

func TestStreamConfigProblems(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"unknown type", Config{StreamType: "kinesis"}, `StreamType: unknown stream type "kinesis"`},
		{"kafka batch", Config{StreamType: StreamKafka, BatchSize: 1001}, "BatchSize: 1001 is above 1000"},
		{"dis batch ok", Config{StreamType: StreamDIS, BatchSize: 1001}, ""},
		{"empty topic", Config{StreamType: StreamRocketMQ, Kafka: KafkaConfig{Topics: []string{"a", ""}}}, "Kafka: topic 1 is empty"},
		{"twice", Config{StreamType: StreamKafka, Kafka: KafkaConfig{Topics: []string{"a", "a"}}}, `Kafka: topic 1, "a", is listed twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestKafkaEncodeAddsNoAllocs: batching into Kafka events allocates no
// more than DIS events of the same records, once the buffers have grown.
func TestKafkaEncodeAddsNoAllocs(t *testing.T) {
	allocs := map[StreamType]float64{}
	for _, st := range []StreamType{StreamDIS, StreamKafka} {
		cfg := Config{Seed: 3, Partitions: 4, BatchSize: 100, StreamType: st,
			Kafka: KafkaConfig{Topics: []string{"a", "b"}}}
		s, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var buf []byte
		for range 200 {
			buf, _ = s.Next(buf[:0])
		}
		allocs[st] = testing.AllocsPerRun(100, func() { buf, _ = s.Next(buf[:0]) })
	}
	if allocs[StreamKafka] > allocs[StreamDIS] {
		t.Errorf("allocs per event: kafka %v, dis %v", allocs[StreamKafka], allocs[StreamDIS])
	}
}
