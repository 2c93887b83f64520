package dishandler

import (
	"testing"

	"github.com/disload/disload/disloadtest"
)

// BenchmarkDisTest drives the built-in clicks scenario (batches of 100)
// through the handler with disload's harness. Compare two versions with
//
//	go test -run '^$' -bench DisTest -count 10 > old.txt   # before the change
//	go test -run '^$' -bench DisTest -count 10 > new.txt   # after it
//	benchstat old.txt new.txt
func BenchmarkDisTest(b *testing.B) { disloadtest.Benchmark(b, DisTest, "clicks") }

// BenchmarkDisTestSmallBatches uses a scenario file: batches of 10.
func BenchmarkDisTestSmallBatches(b *testing.B) {
	disloadtest.Benchmark(b, DisTest, "testdata/small-batches.yaml")
}

// BenchmarkDisTestCorpus replays the fixture corpus.
func BenchmarkDisTestCorpus(b *testing.B) {
	disloadtest.BenchmarkEvents(b, DisTest, disloadtest.Corpus(b, fixtures, "testdata/clicks.jsonl"))
}

// BenchmarkDisTestParallel has two calls in flight at once.
func BenchmarkDisTestParallel(b *testing.B) {
	disloadtest.Benchmark(b, DisTest, "clicks", disloadtest.Concurrency(2))
}
