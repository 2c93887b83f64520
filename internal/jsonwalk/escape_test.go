package jsonwalk

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// jsonString is encoding/json's quoting of s with HTML escaping off.
func jsonString(t testing.TB, s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

func TestAppendString(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", `""`},
		{"plain ASCII ~", `"plain ASCII ~"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"\b\f\n\r\t", `"\b\f\n\r\t"`},
		{"\x00\x01\x1f\x7f", `"\u0000\u0001\u001f` + "\x7f" + `"`},
		{"<&>", `"<&>"`},
		{"ä€😀", `"ä€😀"`},
		{"\u2028x\u2029", `"\u2028x\u2029"`},
		{"a\xffb\xc3", `"a\ufffdb\ufffd"`},
		{"\xed\xa0\x80", `"\ufffd\ufffd\ufffd"`}, // surrogate half: invalid UTF-8
	}
	for _, tt := range tests {
		got := string(AppendString(nil, tt.in))
		if got != tt.want {
			t.Errorf("AppendString(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if ref := jsonString(t, tt.in); got != ref {
			t.Errorf("AppendString(%q) = %s, encoding/json says %s", tt.in, got, ref)
		}
	}
}

func TestAppendStringAllBytes(t *testing.T) {
	var all []byte
	for c := 0; c < 256; c++ {
		all = append(all, byte(c), 'x')
	}
	if got, want := string(AppendString(nil, string(all))), jsonString(t, string(all)); got != want {
		t.Errorf("AppendString(all bytes) =\n%s\nwant\n%s", got, want)
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "a", "\"\\", "\u2028", "\xff", "ключ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := string(AppendString(nil, s))
		if want := jsonString(t, s); got != want {
			t.Fatalf("AppendString(%q) = %s, encoding/json says %s", s, got, want)
		}
		if b := string(AppendBytes([]byte("x"), []byte(s))); b != "x"+got {
			t.Fatalf("AppendBytes(%q) = %s, AppendString gives %s", s, b[1:], got)
		}
	})
}

func BenchmarkAppendString(b *testing.B) {
	s := strings.Repeat("user-1234567890/", 4)
	buf := make([]byte, 0, 256)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		buf = AppendString(buf[:0], s)
	}
}
