package disloadtest

import (
	"io/fs"
	"testing"

	"github.com/disload/disload/corpus"
)

// Corpus returns the events of a fixture corpus in fsys, typically an
// embed.FS: name is a JSON-lines file (`disload gen -o FILE.jsonl`), a
// directory of event files (`disload gen -o DIR/`) or one event file.
// A corpus that cannot be read, or holds no event, fails the test.
func Corpus(tb testing.TB, fsys fs.FS, name string) [][]byte {
	tb.Helper()
	items, err := corpus.ReadFS(fsys, name)
	if err != nil {
		tb.Fatalf("disloadtest: corpus %s: %v", name, err)
	}
	if len(items) == 0 {
		tb.Fatalf("disloadtest: corpus %s: no events", name)
	}
	events := make([][]byte, len(items))
	for i, it := range items {
		events[i] = it.Data
	}
	return events
}
