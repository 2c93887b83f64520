package corpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// counter is a NextFunc whose events are numbered JSON objects.
func counter() NextFunc {
	i := 0
	return func(dst []byte) []byte {
		i++
		return fmt.Appendf(dst, `{"n":%d,"s":"x"}`, i)
	}
}

func TestWriteLines(t *testing.T) {
	var b bytes.Buffer
	if err := WriteLines(&b, 3, counter()); err != nil {
		t.Fatal(err)
	}
	if want := "{\"n\":1,\"s\":\"x\"}\n{\"n\":2,\"s\":\"x\"}\n{\"n\":3,\"s\":\"x\"}\n"; b.String() != want {
		t.Errorf("WriteLines wrote %q; want %q", b.String(), want)
	}
}

func TestWriteDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "events")
	if err := WriteDir(dir, 3, counter()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A smaller corpus over it removes the extra events, and nothing else.
	if err := WriteDir(dir, 2, counter()); err != nil {
		t.Fatal(err)
	}
	names := func() []string {
		entries, _ := os.ReadDir(filepath.Dir(dir))
		var got []string
		for _, e := range entries {
			sub, _ := os.ReadDir(filepath.Join(filepath.Dir(dir), e.Name()))
			for _, s := range sub {
				got = append(got, e.Name()+"/"+s.Name())
			}
		}
		return got
	}()
	if want := []string{"events/event-000001.json", "events/event-000002.json", "events/keep.txt"}; !slices.Equal(names, want) {
		t.Errorf("files after rewriting with 2 events: %q; want %q (no temporary directory left)", names, want)
	}
	b, err := os.ReadFile(filepath.Join(dir, FileName(2)))
	if want := "{\n  \"n\": 2,\n  \"s\": \"x\"\n}\n"; err != nil || string(b) != want {
		t.Errorf("event 2 = %q, %v; want %q", b, err, want)
	}
}

func TestWriteDirRefusesBadJSON(t *testing.T) {
	bad := func(dst []byte) []byte { return append(dst, "{"...) }
	dir := filepath.Join(t.TempDir(), "events")
	if err := WriteDir(dir, 1, bad); err == nil {
		t.Error("WriteDir of an invalid event: no error")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("WriteDir failed but left %s (%v)", dir, err)
	}
}
