package disloadtest

import (
	"errors"
	"fmt"
	"testing"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/scenarios"
)

// Events returns the first n events of a scenario, each its compact JSON as
// the function receives it. scenario is a built-in name (default, clicks,
// transactions, logs, locations, mixed), a YAML file's path, or "" for
// default. A scenario that does not load fails the test.
func Events(tb testing.TB, scenario string, n int) [][]byte {
	tb.Helper()
	sc, err := scenarios.Resolve(scenario)
	if err != nil {
		tb.Fatalf("disloadtest: scenario %q: %v", scenario, err)
	}
	events, err := eventsFrom(sc, n)
	if err != nil {
		tb.Fatalf("disloadtest: scenario %q: %v", scenario, err)
	}
	return events
}

// eventsFrom returns the first n events of sc: the events `disload gen`
// writes and `disload run` sends for it. Change a copy of a scenario
// (sc.Clone) to vary its seed, batch size or partitions.
func eventsFrom(sc *scenarios.Scenario, n int) ([][]byte, error) {
	if sc == nil {
		return nil, errors.New("no scenario")
	}
	if n < 0 {
		return nil, fmt.Errorf("n = %d: must not be negative", n)
	}
	src, err := generator.New(sc.GeneratorConfig())
	if err != nil {
		return nil, err
	}
	events := make([][]byte, n)
	var buf []byte
	for i := range events {
		start := len(buf)
		buf, _ = src.Next(buf)
		// A full slice expression: appending to one event never writes
		// over the next.
		events[i] = buf[start:len(buf):len(buf)]
	}
	return events, nil
}

// Decode decodes a trigger event (either dialect; record data
// base64-decoded). An event that does not decode fails the test.
func Decode(tb testing.TB, data []byte) *dis.TriggerEvent {
	tb.Helper()
	ev, err := dis.Decode(data)
	if err != nil {
		tb.Fatalf("disloadtest: decode %.60q: %v", data, err)
	}
	return ev
}
