package disloadtest

import (
	"testing"

	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/scenarios"
	"github.com/disload/disload/kafka"
)

// KafkaEvents returns the first n events of a scenario as Kafka trigger
// events (docs/PROTOCOL.md §6), made from the records the scenario's DIS
// events hold; a scenario whose stream.type is rocketmq gives RocketMQ
// events. scenario is as for Events. A scenario that does not load fails the
// test.
func KafkaEvents(tb testing.TB, scenario string, n int) [][]byte {
	tb.Helper()
	sc, err := scenarios.Resolve(scenario)
	if err != nil {
		tb.Fatalf("disloadtest: scenario %q: %v", scenario, err)
	}
	if sc.Stream.Type == generator.StreamDIS {
		sc = sc.Clone()
		sc.Stream.Type = generator.StreamKafka
	}
	events, err := eventsFrom(sc, n)
	if err != nil {
		tb.Fatalf("disloadtest: scenario %q: %v", scenario, err)
	}
	return events
}

// DecodeKafka decodes a Kafka or RocketMQ trigger event. An event that does
// not decode fails the test.
func DecodeKafka(tb testing.TB, data []byte) *kafka.TriggerEvent {
	tb.Helper()
	ev, err := kafka.Decode(data)
	if err != nil {
		tb.Fatalf("disloadtest: decode %.60q: %v", data, err)
	}
	return ev
}
