package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

const (
	ev1 = `{"ShardID":"shardId-0000000000","Message":{"next_partition_cursor":"","records":[],"millisBehindLatest":"","subscribeEnable":false}}`
	ev2 = `{"ShardID":"shardId-0000000001","Message":{"next_partition_cursor":"","records":[],"millisBehindLatest":"","subscribeEnable":false}}`
)

func TestReadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"one.json":           {Data: []byte("\n\n  " + ev1 + "\n")},
		"lines.jsonl":        {Data: []byte(ev1 + "\n\n" + ev2 + "\n")},
		"lines.json":         {Data: []byte(ev1 + "\n" + ev2)}, // not one JSON value: read as lines
		"dir/event-02.json":  {Data: []byte(ev2)},
		"dir/event-01.json":  {Data: []byte(ev1)},
		"dir/more.ndjson":    {Data: []byte(ev2 + "\n")},
		"dir/notes.txt":      {Data: []byte("not an event")},
		"dir/sub/event.json": {Data: []byte(ev1)},
	}
	for _, tc := range []struct {
		name string
		want []Item
	}{
		{"one.json", []Item{{"one.json", 3, []byte(ev1)}}},
		{"lines.jsonl", []Item{{"lines.jsonl", 1, []byte(ev1)}, {"lines.jsonl", 3, []byte(ev2)}}},
		{"lines.json", []Item{{"lines.json", 1, []byte(ev1)}, {"lines.json", 2, []byte(ev2)}}},
		{"dir", []Item{{"dir/event-01.json", 1, []byte(ev1)}, {"dir/event-02.json", 1, []byte(ev2)}, {"dir/more.ndjson", 1, []byte(ev2)}}},
	} {
		got, err := ReadFS(fsys, tc.name)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ReadFS(%q) = %s, %v; want %s", tc.name, got, err, tc.want)
		}
	}
	if _, err := ReadFS(fsys, "missing.json"); err == nil {
		t.Error("ReadFS of a missing file: no error")
	}
}

func TestReadPathsOnDisk(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(ev1+"\n"+ev2+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	items, err := Read(filepath.Join(dir, "a.jsonl"), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 4 || items[1].File != filepath.Join(dir, "a.jsonl") || items[1].Line != 2 {
		t.Errorf("Read = %s; want 4 items, the 2nd at %s:2", items, filepath.Join(dir, "a.jsonl"))
	}
}

func TestEvents(t *testing.T) {
	evs, err := Events([]Item{{"a", 1, []byte(ev1)}, {"a", 2, []byte(ev2)}})
	if err != nil || len(evs) != 2 || evs[1].ShardID != "shardId-0000000001" {
		t.Fatalf("Events = %v, %v", evs, err)
	}
	_, err = Events([]Item{{"a", 1, []byte(ev1)}, {"b.jsonl", 7, []byte(`{"ShardID":`)}})
	if err == nil || !strings.HasPrefix(err.Error(), "b.jsonl:7: ") {
		t.Errorf("Events of a broken item: %v; want an error starting b.jsonl:7:", err)
	}
}

// FuzzReadFS: any file content reads without a panic, every item is a
// non-empty trimmed line or value with a line number inside the file, and
// Events either decodes all or names a file and line.
func FuzzReadFS(f *testing.F) {
	for _, s := range []string{ev1, ev1 + "\n" + ev2, "\n\n" + ev1, "", "{", "[1,2]\n{}", "\r\n\r\n"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, data string, lines bool) {
		name := "f.json"
		if lines {
			name = "f.jsonl"
		}
		items, err := ReadFS(fstest.MapFS{name: {Data: []byte(data)}}, name)
		if err != nil {
			t.Fatalf("ReadFS: %v", err)
		}
		nlines := strings.Count(data, "\n") + 1
		for _, it := range items {
			if len(it.Data) == 0 || it.Line < 1 || it.Line > nlines || it.File != name {
				t.Errorf("item %+v of %q: want non-empty data, line in 1..%d, file %s", it, data, nlines, name)
			}
		}
		if _, err := Events(items); err != nil && !strings.HasPrefix(err.Error(), name+":") {
			t.Errorf("Events error %q does not name the file", err)
		}
	})
}

// String shows an item in test messages.
func (it Item) String() string { return fmt.Sprintf("%s:%d:%s", it.File, it.Line, it.Data) }
