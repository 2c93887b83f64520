package disloadtest_test

import (
	"embed"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/disload/disload/disloadtest"
	"github.com/disload/disload/inproc"
)

// Events gives a test realistic trigger events in one line; the same
// scenario and seed always give the same events.
func ExampleEvents() {
	t := &testing.T{} // in a test, the test's own t
	events := disloadtest.Events(t, "default", 3)
	for _, payload := range events {
		ev := disloadtest.Decode(t, payload)
		var click struct {
			Type, Event string
			User        string `json:"user_id"`
		}
		if err := json.Unmarshal(ev.Message.Records[0].Data, &click); err != nil {
			panic(err)
		}
		fmt.Println(ev.ShardID, len(ev.Message.Records), "records; first:", click.Type, click.Event, click.User)
	}
	// Output:
	// shardId-0000000000 10 records; first: click view user-000012
	// shardId-0000000003 10 records; first: click view user-006104
	// shardId-0000000001 10 records; first: click view user-002285
}

//go:embed testdata/default.jsonl
var fixtures embed.FS

// Corpus reads a fixture corpus that `disload gen` wrote, here with
// `disload gen default -n 5 -o testdata/default.jsonl`, embedded in the
// test binary.
func ExampleCorpus() {
	t := &testing.T{}
	for _, payload := range disloadtest.Corpus(t, fixtures, "testdata/default.jsonl") {
		ev := disloadtest.Decode(t, payload)
		fmt.Println(ev.ShardID, ev.Message.Records[0].SequenceNumber)
	}
	// Output:
	// shardId-0000000000 0
	// shardId-0000000003 0
	// shardId-0000000001 0
	// shardId-0000000002 0
	// shardId-0000000000 10
}

// DisTest is the platform's documented DIS example handler.
func DisTest(payload []byte, ctx inproc.RuntimeContext) (any, error) {
	var ev struct {
		ShardID    string
		StreamName string
	}
	if err := json.Unmarshal(payload, &ev); err != nil {
		return "invalid data", err
	}
	ctx.GetLogger().Logf("payload from %s of %s", ev.ShardID, ev.StreamName)
	return "ok", nil
}

// NewContext is the RuntimeContext to call a handler with in a test; it
// keeps what the handler logged.
func ExampleNewContext() {
	t := &testing.T{}
	ctx := disloadtest.NewContext(t)
	for _, payload := range disloadtest.Events(t, "default", 2) {
		res, err := DisTest(payload, ctx)
		fmt.Println(res, err)
	}
	fmt.Printf("%q\n", ctx.Lines())
	// Output:
	// ok <nil>
	// ok <nil>
	// ["payload from shardId-0000000000 of dis-clickstream" "payload from shardId-0000000003 of dis-clickstream"]
}

// Benchmark measures a handler with disload's harness from `go test
// -bench`. In a _test.go file:
//
//	func BenchmarkDisTest(b *testing.B) { disloadtest.Benchmark(b, DisTest, "clicks") }
//
// prints, besides ns/op, B/op and allocs/op, the run's records/s,
// decoded-MB/s, p50-ns and p99-ns; compare two versions with benchstat.
func ExampleBenchmark() {
	res := testing.Benchmark(func(b *testing.B) {
		disloadtest.Benchmark(b, DisTest, "clicks", disloadtest.Concurrency(2))
	})
	fmt.Println(res.N > 0, res.Extra["records/s"] > 0)
}
