package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps what a check reported.
type recorder struct {
	testing.TB
	msgs  []string
	fatal bool
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	r.fatal = true
	runtime.Goexit()
}

// check runs Check on r in a goroutine of its own, as Fatalf ends it.
func (r *recorder) check(path string, got []byte) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		Check(r, path, got)
	}()
	<-done
}
func (r *recorder) Fatal(args ...any) { r.Fatalf("%s", fmt.Sprint(args...)) }

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.golden")
	if err := os.WriteFile(path, []byte("a\nb\nc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path, got string
		want            []string // substrings of the report; none: it passes
		fatal           bool
	}{
		{"same", path, "a\nb\nc\n", nil, false},
		{"a line differs", path, "a\nB\nc\n", []string{path, "line 2", `"B"`, `"b"`, "-update"}, false},
		{"a line more", path, "a\nb\nc\nd\n", []string{"line 4", `"d"`}, false},
		{"missing file", filepath.Join(dir, "none.golden"), "x", []string{"none.golden", "-update writes it"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &recorder{TB: t}
			r.check(tc.path, []byte(tc.got))
			if len(tc.want) == 0 && len(r.msgs) > 0 {
				t.Errorf("reported %q, want nothing", r.msgs)
			}
			if len(tc.want) > 0 && len(r.msgs) != 1 {
				t.Fatalf("reported %q, want one message", r.msgs)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.msgs[0], w) {
					t.Errorf("report %q does not name %q", r.msgs[0], w)
				}
			}
			if r.fatal != tc.fatal {
				t.Errorf("fatal %v, want %v", r.fatal, tc.fatal)
			}
		})
	}
}

func TestUpdateWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "new.golden")
	*update = true
	t.Cleanup(func() { *update = false })
	r := &recorder{TB: t}
	r.check(path, []byte("fresh\n"))
	if len(r.msgs) > 0 {
		t.Fatalf("reported %q", r.msgs)
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "fresh\n" {
		t.Fatalf("file holds %q, %v; want the output", b, err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".golden-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if !Update() {
		t.Error("Update() false under -update")
	}
}
