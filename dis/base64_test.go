package dis

import (
	"bytes"
	"encoding/base64"
	"math/rand/v2"
	"testing"
)

// checkBase64 compares appendBase64 with encoding/base64 on src, padded
// and raw, appended after a prefix.
func checkBase64(t *testing.T, src []byte) {
	t.Helper()
	for _, tc := range []struct {
		pad bool
		enc *base64.Encoding
	}{{true, base64.StdEncoding}, {false, base64.RawStdEncoding}} {
		prefix := []byte("prefix:")
		want := tc.enc.AppendEncode(bytes.Clone(prefix), src)
		got := appendBase64(bytes.Clone(prefix), src, tc.pad)
		if !bytes.Equal(got, want) {
			t.Fatalf("appendBase64(%q, pad %v)\n got %q\nwant %q", src, tc.pad, got, want)
		}
	}
}

func TestAppendBase64(t *testing.T) {
	for _, s := range []string{
		"", "f", "fo", "foo", "foob", "fooba", "foobar", // RFC 4648 §10
		"welcome", "using", "FunctionStage", "service",
		"\x00", "\xff\xff", "\xfb\xff\xbf", // + and / in every position
		"exactly12byt", "exactly16bytes!!", "seventeen bytes!!", "an event record of thirty-one b",
		`{"type":"click","event_id":"e103e509ff9138fe","ts":"2026-01-01T00:00:00.000Z"}`,
	} {
		checkBase64(t, []byte(s))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 200 {
		src := make([]byte, n)
		for i := range src {
			src[i] = byte(r.Uint32())
		}
		checkBase64(t, src)
	}
}

func TestAppendBase64Capacity(t *testing.T) {
	dst := make([]byte, 3, 64)
	got := appendBase64(dst, []byte("foobar"), true)
	if &got[0] != &dst[0] || string(got[3:]) != "Zm9vYmFy" {
		t.Errorf("appendBase64 into a slice with room = %q, reallocated: %v", got, &got[0] != &dst[0])
	}
	if n := testing.AllocsPerRun(100, func() { appendBase64(dst[:0], []byte("foobar!"), true) }); n != 0 {
		t.Errorf("%v allocations with room in dst", n)
	}
}

func FuzzAppendBase64(f *testing.F) {
	for _, s := range []string{"", "f", "fo", "foo", "foobarbazquxquux", "\xfb\xff\xbf\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) { checkBase64(t, src) })
}

// record400 is a click record's size.
var record400 = bytes.Repeat([]byte(`{"type":"click","ua":"Mozilla/5.0"}`), 12)[:400]

func BenchmarkBase64Append(b *testing.B) {
	dst := make([]byte, 0, 1024)
	b.SetBytes(int64(len(record400)))
	for b.Loop() {
		dst = appendBase64(dst[:0], record400, true)
	}
}

func BenchmarkBase64AppendStdlib(b *testing.B) {
	dst := make([]byte, 0, 1024)
	b.SetBytes(int64(len(record400)))
	for b.Loop() {
		dst = base64.StdEncoding.AppendEncode(dst[:0], record400)
	}
}
