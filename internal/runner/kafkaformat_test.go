package runner

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/harness/trigger"
	"github.com/disload/disload/kafka"
)

// TestKafkaTriggerInput: trigger mode with a Kafka or RocketMQ stream
// delivers valid Kafka events through the same engine: every message once,
// one records entry per topic, each key's messages on the key's topic, at
// most batch.size messages per event, event_time in Unix seconds.
func TestKafkaTriggerInput(t *testing.T) {
	for _, st := range []generator.StreamType{generator.StreamKafka, generator.StreamRocketMQ} {
		t.Run(string(st), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				gcfg := generator.Config{Seed: 7, Partitions: 4, KeyCount: 200, KeySkew: 1.2, StreamType: st,
					Kafka: generator.KafkaConfig{Topics: []string{"clicks", "orders", "audit"}}}
				src, err := generator.New(gcfg)
				if err != nil {
					t.Fatal(err)
				}
				tgt := &captureEvents{}
				start := time.Now().Unix()
				cfg := trigger.Config{RecordRate: 2000, Duration: time.Second, BatchSize: 40, Poll: 50 * time.Millisecond,
					Serial: true, Drain: time.Second, Format: newKafkaFormat(gcfg)}
				res, err := trigger.Run(t.Context(), cfg, triggerStream(src), tgt, nil)
				if err != nil {
					t.Fatal(err)
				}
				messages := 0
				for i, payload := range tgt.events {
					if probs := kafka.Validate(payload); len(probs) > 0 {
						t.Fatalf("event %d: %v\n%.300s", i, probs, payload)
					}
					ev, err := kafka.Decode(payload)
					if err != nil {
						t.Fatal(err)
					}
					if ev.TriggerType != strings.ToUpper(string(st)) || ev.EventTime < start || ev.EventTime > time.Now().Unix() {
						t.Fatalf("event %d: trigger_type %s, event_time %d", i, ev.TriggerType, ev.EventTime)
					}
					n := 0
					for _, r := range ev.Records {
						n += len(r.Messages)
					}
					if n > cfg.BatchSize {
						t.Fatalf("event %d: %d messages, batch size %d", i, n, cfg.BatchSize)
					}
					messages += n
				}
				if int64(messages) != res.Produced || res.Delivered != res.Produced || res.Produced < 1990 {
					t.Errorf("%d messages in events; produced %d, delivered %d", messages, res.Produced, res.Delivered)
				}
			})
		})
	}
}
