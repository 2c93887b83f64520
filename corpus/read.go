package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/disload/disload/dis"
)

// Item is one event of a corpus and where it came from.
type Item struct {
	File string // the file's path as given
	Line int    // 1-based line where the event starts
	Data []byte // the event's JSON, as written
}

// Read reads every event of the files or directories at paths on disk: a
// directory gives its *.json files in name order; a .jsonl or .ndjson file,
// or any file that is not one JSON value, is read as JSON lines (blank
// lines skipped); any other file is one event.
func Read(paths ...string) ([]Item, error) {
	var items []Item
	for _, p := range paths {
		p = filepath.Clean(p)
		got, err := ReadFS(os.DirFS(filepath.Dir(p)), filepath.Base(p))
		if err != nil {
			return nil, err
		}
		for i := range got {
			got[i].File = filepath.Join(filepath.Dir(p), got[i].File)
		}
		items = append(items, got...)
	}
	return items, nil
}

// ReadFS is Read on a file system, such as an embed.FS holding a corpus that
// `disload gen` wrote: ReadFS(testdata, "testdata/events").
func ReadFS(fsys fs.FS, name string) ([]Item, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return readFile(fsys, name)
	}
	entries, err := fs.ReadDir(fsys, name)
	if err != nil {
		return nil, err
	}
	var items []Item
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") && !isLines(e.Name()) {
			continue
		}
		got, err := readFile(fsys, path.Join(name, e.Name()))
		if err != nil {
			return nil, err
		}
		items = append(items, got...)
	}
	return items, nil
}

func isLines(name string) bool {
	ext := path.Ext(name)
	return ext == ".jsonl" || ext == ".ndjson"
}

func readFile(fsys fs.FS, name string) ([]Item, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	trimmed := bytes.TrimSpace(data)
	if !isLines(name) && json.Valid(trimmed) {
		lead := len(data) - len(bytes.TrimLeft(data, " \t\r\n"))
		line := 1 + bytes.Count(data[:lead], []byte("\n"))
		return []Item{{File: name, Line: line, Data: trimmed}}, nil
	}
	var items []Item
	for i, l := range bytes.Split(data, []byte("\n")) {
		if l = bytes.TrimSpace(l); len(l) > 0 {
			items = append(items, Item{File: name, Line: i + 1, Data: l})
		}
	}
	return items, nil
}

// Events decodes every item. The first item that is not a valid event
// stops it with an error naming its file and line.
func Events(items []Item) ([]*dis.TriggerEvent, error) {
	evs := make([]*dis.TriggerEvent, 0, len(items))
	for _, it := range items {
		ev, err := dis.Decode(it.Data)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", it.File, it.Line, err)
		}
		evs = append(evs, ev)
	}
	return evs, nil
}
