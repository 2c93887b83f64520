package disloadtest

import (
	"encoding/json"
	"testing"

	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/scenarios"
	"github.com/disload/disload/kafka"
)

// TestKafkaEventsEveryBuiltin: every built-in scenario serves valid Kafka
// events whose messages are its records (JSON ones where it encodes JSON).
func TestKafkaEventsEveryBuiltin(t *testing.T) {
	for _, name := range scenarios.BuiltinNames() {
		t.Run(name, func(t *testing.T) {
			sc, err := scenarios.Builtin(name)
			if err != nil {
				t.Fatal(err)
			}
			asJSON := sc.Records.Encoding == generator.EncodingJSON
			events := KafkaEvents(t, name, 10)
			if len(events) != 10 {
				t.Fatalf("%d events", len(events))
			}
			for i, ev := range events {
				if probs := kafka.Validate(ev); len(probs) > 0 {
					t.Fatalf("event %d: %v", i, probs)
				}
				dec := DecodeKafka(t, ev)
				if dec.TriggerType != "KAFKA" || len(dec.Records) == 0 {
					t.Fatalf("event %d: %+v", i, dec)
				}
				for _, r := range dec.Records {
					for _, m := range r.Messages {
						if m == "" || asJSON && !json.Valid([]byte(m)) {
							t.Fatalf("event %d: message is not a %s record: %.100s", i, sc.Records.Encoding, m)
						}
					}
				}
			}
		})
	}
}
