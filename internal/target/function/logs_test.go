package function

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestRing(t *testing.T) {
	lines := func(from, to int) []string {
		var out []string
		for i := from; i < to; i++ {
			out = append(out, fmt.Sprint("line ", i))
		}
		return out
	}
	tests := []struct {
		name   string
		writes []string
		n      int
		want   []string
	}{
		{"empty", nil, 5, nil},
		{"split writes", []string{"he", "llo\nwor", "ld\n"}, 5, []string{"hello", "world"}},
		{"last n", []string{"a\nb\nc\n"}, 2, []string{"b", "c"}},
		{"partial line last", []string{"a\nb"}, 5, []string{"a", "b"}},
		{"partial line counts", []string{"a\nb\nc"}, 2, []string{"b", "c"}},
		{"crlf", []string{"a\r\n"}, 5, []string{"a"}},
		{"keeps 50", []string{strings.Join(lines(0, 60), "\n") + "\n"}, 100, lines(10, 60)},
		{"zero", []string{"a\n"}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r ring
			for _, w := range tt.writes {
				if n, err := r.Write([]byte(w)); n != len(w) || err != nil {
					t.Fatalf("Write = %d, %v", n, err)
				}
			}
			if got := r.tail(tt.n); !slices.Equal(got, tt.want) {
				t.Errorf("tail(%d) = %q, want %q", tt.n, got, tt.want)
			}
		})
	}
}

func TestRingSince(t *testing.T) {
	var r ring
	fmt.Fprint(&r, "old 1\nold 2\n")
	m := r.mark()
	fmt.Fprint(&r, "new 1\nnew 2\n")
	if got, want := r.since(m, 10), []string{"new 1", "new 2"}; !slices.Equal(got, want) {
		t.Errorf("since = %q, want %q", got, want)
	}
}

func TestRingCutsLongLines(t *testing.T) {
	var r ring
	fmt.Fprint(&r, strings.Repeat("x", 3*maxLineSize), "\n")
	if got := r.tail(1); len(got) != 1 || len(got[0]) != maxLineSize {
		t.Errorf("long line kept as %d bytes, want %d", len(got[0]), maxLineSize)
	}
}

// FuzzRing writes arbitrary process output: the ring never panics, keeps
// at most 50 lines of at most 4096 bytes, none with a newline.
func FuzzRing(f *testing.F) {
	f.Add([]byte("a\nb\r\nc"), 3)
	f.Add([]byte(strings.Repeat("x\n", 70)), 60)
	f.Fuzz(func(t *testing.T, out []byte, n int) {
		var r ring
		for len(out) > 0 { // in uneven writes, as a pipe delivers them
			k := min(len(out), 1+len(out)%7)
			r.Write(out[:k])
			out = out[k:]
		}
		got := r.tail(n)
		if len(got) > max(n, 0) || len(got) > ringLines+1 {
			t.Fatalf("tail(%d) gave %d lines", n, len(got))
		}
		for _, l := range got {
			if len(l) > maxLineSize || strings.Contains(l, "\n") {
				t.Fatalf("line %q", l)
			}
		}
	})
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestFileLogNeverFails(t *testing.T) {
	l := newFileLog(failingWriter{}, &ring{}, 100, newLogBudget(100))
	if n, err := l.Write([]byte("a\n")); n != 2 || err != nil {
		t.Errorf("Write = %d, %v; want 2, nil", n, err)
	}
	if got := l.r.tail(1); !slices.Equal(got, []string{"a"}) {
		t.Errorf("ring has %q", got)
	}
}

// TestFileLogCaps: a file stops at its own cap and at the pool's, says so
// once, and the ring still gets every line.
func TestFileLogCaps(t *testing.T) {
	tests := []struct {
		name          string
		perFile, pool int64
		writes        int
		wantBytes     int
	}{
		{"under both caps", 100, 1000, 5, 5 * 6},
		{"file cap", 20, 1000, 5, 20},
		{"pool cap", 100, 14, 5, 14},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f bytes.Buffer
			r := &ring{}
			l := newFileLog(&f, r, tt.perFile, newLogBudget(tt.pool))
			for i := range tt.writes {
				fmt.Fprintf(l, "line%d\n", i)
			}
			data, note, capped := strings.Cut(f.String(), "\ndisload: log cap reached")
			if len(data) != tt.wantBytes {
				t.Errorf("file holds %d bytes of output, want %d", len(data), tt.wantBytes)
			}
			if wantCap := tt.wantBytes < tt.writes*6; capped != wantCap || strings.Count(note, "log cap") > 0 {
				t.Errorf("cap note present %v (want %v), file %q", capped, wantCap, f.String())
			}
			if got := r.tail(100); len(got) != tt.writes {
				t.Errorf("ring has %d lines, want %d", len(got), tt.writes)
			}
		})
	}
}
