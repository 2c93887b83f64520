package disloadtest

import (
	"embed"
	"strings"
	"testing"
)

//go:embed testdata
var testdata embed.FS

func TestCorpus(t *testing.T) {
	for _, tc := range []struct {
		name      string
		n         int
		firstSeq  string
		firstPart string
	}{
		{"testdata/default.jsonl", 5, "0", "shardId-0000000000"},
		{"testdata/small", 3, "0", "shardId-0000000001"},
		{"testdata/small/event-000002.json", 1, "0", "shardId-0000000000"},
	} {
		events := Corpus(t, testdata, tc.name)
		if len(events) != tc.n {
			t.Fatalf("Corpus(%s): %d events, want %d", tc.name, len(events), tc.n)
		}
		ev := Decode(t, events[0])
		if ev.ShardID != tc.firstPart || ev.Message.Records[0].SequenceNumber != tc.firstSeq {
			t.Errorf("Corpus(%s)[0]: %s sequence %s, want %s sequence %s", tc.name,
				ev.ShardID, ev.Message.Records[0].SequenceNumber, tc.firstPart, tc.firstSeq)
		}
	}
}

// TestCorpusIsTheScenario checks that the directory corpus `disload gen`
// wrote from testdata/small.yaml holds the scenario's first events.
func TestCorpusIsTheScenario(t *testing.T) {
	files := Corpus(t, testdata, "testdata/small")
	generated := Events(t, "testdata/small.yaml", len(files))
	for i := range files {
		a, b := Decode(t, files[i]), Decode(t, generated[i])
		if a.Message.NextPartitionCursor != b.Message.NextPartitionCursor || len(a.Message.Records) != len(b.Message.Records) {
			t.Errorf("event %d: the corpus file and the generated event differ", i+1)
		}
	}
}

func TestCorpusFailsTheTest(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"testdata/nothing-here.jsonl", "disloadtest: corpus testdata/nothing-here.jsonl: "},
		{"testdata/empty.jsonl", "disloadtest: corpus testdata/empty.jsonl: no events"},
	} {
		msg := fails(func(tb testing.TB) { Corpus(tb, testdata, tc.name) })
		if !strings.Contains(msg, tc.want) {
			t.Errorf("Corpus(%s) failed with %q, want %q", tc.name, msg, tc.want)
		}
	}
}
