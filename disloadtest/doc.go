// Package disloadtest brings disload into `go test`: DIS trigger events for
// a handler's unit tests, generated from a built-in or YAML scenario in one
// line or read from a fixture corpus that `disload gen` wrote; a
// RuntimeContext to call the handler with; and benchmarks that drive a
// handler through disload's own harness and report what `disload run`
// reports, so benchstat can compare two versions of a handler.
//
// A unit test on generated events:
//
//	func TestHandler(t *testing.T) {
//		ctx := disloadtest.NewContext(t)
//		for _, payload := range disloadtest.Events(t, "clicks", 50) {
//			if _, err := DisTest(payload, ctx); err != nil {
//				t.Fatal(err)
//			}
//		}
//	}
//
// A fixture corpus, written once with
// `disload gen clicks -n 20 -o testdata/clicks.jsonl` and embedded:
//
//	//go:embed testdata/clicks.jsonl
//	var fixtures embed.FS
//
//	events := disloadtest.Corpus(t, fixtures, "testdata/clicks.jsonl")
//
// A benchmark:
//
//	func BenchmarkHandler(b *testing.B) { disloadtest.Benchmark(b, DisTest, "clicks") }
//
// reports, besides ns/op (per event), records/s, decoded-MB/s (the records'
// bytes after base64 decoding), p50-ns and p99-ns (the handler's service
// time from disload's HDR histograms):
//
//	go test -bench Handler -count 10 > new.txt && benchstat old.txt new.txt
//
// Every event depends only on the scenario and its seed, so the same test
// sees the same events on every run and every machine.
package disloadtest
