package scenarios

import (
	"slices"
	"strings"
	"testing"

	"github.com/disload/disload/internal/generator"
)

func TestKafkaStreamKeys(t *testing.T) {
	s, err := Parse("k.yaml", []byte(`name: k
stream:
  type: rocketmq
  partitions: 4
  topics: [clicks, orders]
  region: eu-nl
  instance_id: 81335d56-b9fe-4679-ba95-7030949cc76b
batch: {size: 1000}
load: {rate: 10/s}
`))
	if err != nil {
		t.Fatal(err)
	}
	cfg := s.GeneratorConfig()
	if cfg.StreamType != generator.StreamRocketMQ || !slices.Equal(cfg.Kafka.Topics, []string{"clicks", "orders"}) ||
		cfg.Kafka.Region != "eu-nl" || cfg.Kafka.InstanceID != "81335d56-b9fe-4679-ba95-7030949cc76b" {
		t.Fatalf("GeneratorConfig = %+v", cfg)
	}
	y, err := s.YAML()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse("k2.yaml", y)
	if err != nil {
		t.Fatalf("printed scenario does not load: %v\n%s", err, y)
	}
	if back.Stream.Type != generator.StreamRocketMQ || !slices.Equal(back.Stream.Topics, s.Stream.Topics) {
		t.Errorf("printed scenario lost the stream settings:\n%s", y)
	}
}

func TestKafkaStreamProblems(t *testing.T) {
	tests := []struct {
		name, stream, batch string
		want                string
	}{
		{"unknown type", "type: kinesis", "", `k.yaml:3:3: stream.type: unknown stream type "kinesis" (want dis, kafka, rocketmq)`},
		{"topics on dis", "topics: [a]", "", "stream.topics: applies to stream.type kafka or rocketmq; this stream is dis"},
		{"region on dis", "type: dis\n  region: eu-de", "", "stream.region: applies to stream.type kafka or rocketmq"},
		{"kafka batch", "type: kafka", "batch: {size: 1001}\n", "batch.size: 1001 is above 1000, the largest batch of a kafka trigger"},
		{"topic twice", "type: kafka\n  topics: [a, b, a]", "", `stream.topics: topic 2, "a", is listed twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			load := "load: {rate: 10/s}\n"
			if tt.name == "trigger mode" {
				load = "load: {mode: trigger, rate: 10/s}\n"
			}
			file := "name: k\nstream:\n  " + tt.stream + "\n" + tt.batch + load
			_, err := Parse("k.yaml", []byte(file))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse err = %v, want %q", err, tt.want)
			}
		})
	}
}
