package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestWriteJSONGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := fixtureSummary(t).WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	writeGolden(t, "summary.golden.json", buf.Bytes())
}

// TestWriteJSONRichGolden pins the keys of the newer parts: intervals,
// trigger (partitions, lag timeline, end-to-end latency) and the scenario.
func TestWriteJSONRichGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := richSummary(t).WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	writeGolden(t, "summary_rich.golden.json", buf.Bytes())
}

func TestReadSummaryRoundTrip(t *testing.T) {
	for name, want := range map[string]*Summary{"plain": fixtureSummary(t), "rich": richSummary(t)} {
		dir := t.TempDir()
		file := filepath.Join(dir, SummaryFile)
		if err := WriteFileAtomic(file, want.WriteJSON); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{dir, file} {
			got, err := ReadSummary(path)
			if err != nil {
				t.Fatalf("%s: ReadSummary(%s): %v", name, path, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: ReadSummary(%s) = %+v\nwant %+v", name, path, got, want)
			}
		}
	}
}

func TestReadSummaryFillsEmptyCollections(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	if err := os.WriteFile(path, []byte(`{"schema":"disload/summary/v1"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := ReadSummary(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Errors == nil || s.ErrorSamples == nil || s.Thresholds == nil || s.Intervals == nil {
		t.Errorf("nil collections after read: %+v", s)
	}
}

func TestReadSummaryErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := t.TempDir()
	cases := []struct {
		name, path string
		want       []string
	}{
		{"missing", filepath.Join(dir, "nope.json"), []string{"nope.json", "no such file"}},
		{"dir without summary", empty, []string{filepath.Join(empty, SummaryFile), "no such file"}},
		{"syntax", write("syntax.json", "{\n  \"schema\": \"disload/summary/v1\",\n  oops\n}"),
			[]string{"syntax.json:3:3:", "invalid character"}},
		{"type", write("type.json", "{\"schema\":\"disload/summary/v1\",\n\"events\":{\"sent\":\"many\"}}"),
			[]string{"type.json:2:", "events.sent", "string", "int64"}},
		{"no schema", write("noschema.json", `{"scenario":"x"}`), []string{"noschema.json: not a disload summary"}},
		{"other schema", write("v9.json", `{"schema":"disload/summary/v9"}`),
			[]string{"v9.json: schema \"disload/summary/v9\" is not supported"}},
		{"empty file", write("empty.json", ""), []string{"empty.json:1:1:", "unexpected end"}},
		{"bad time", write("time.json", `{"schema":"disload/summary/v1","started":"yesterday"}`),
			[]string{"time.json: started:", "yesterday"}},
	}
	for _, c := range cases {
		_, err := ReadSummary(c.path)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", c.name, err, w)
			}
		}
	}
}

func TestPosition(t *testing.T) {
	data := []byte("ab\ncd\n\nef")
	cases := map[int64]string{0: "1:1", 1: "1:2", 3: "2:1", 4: "2:2", 7: "4:1", 9: "4:3", 99: "4:3", -5: "1:1"}
	for off, want := range cases {
		if got := position(data, off); got != want {
			t.Errorf("position(%d) = %s, want %s", off, got, want)
		}
	}
}
