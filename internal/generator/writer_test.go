package generator

import (
	"encoding/json"
	"testing"
)

func TestRecWriterEncodings(t *testing.T) {
	fName, fN, fX := newField("name"), newField("n"), newField("x")
	want := map[encID]string{
		encJSON: `{"type":"demo","name":"a \"b\", c","n":-12,"x":3.50,"ts":"ab12"}`,
		encCSV:  `demo,"a ""b"", c",-12,,3.50,,ab12`,
		encText: `type=demo name="a \"b\", c" n=-12 x=3.50 ts=ab12`,
	}
	for enc, w := range want {
		rw := recWriter{enc: enc}
		rw.begin("demo")
		rw.str(fName, `a "b", c`)
		rw.int(fN, -12)
		rw.optStr(fName, "absent", false)
		rw.optFixed(fX, 3.5, 2, true)
		rw.optFixed(fX, 1, 2, false)
		rw.hexID(fTs, "ab", 0x12, 2)
		rw.end()
		if got := string(rw.b); got != w {
			t.Errorf("%d:\n got %s\nwant %s", enc, got, w)
		}
	}
}

func TestPad(t *testing.T) {
	for enc := range encID(3) {
		for _, target := range []int{0, 10, 60, 61, 200, 1000} {
			w := recWriter{enc: enc, b: []byte("prefix")}
			w.begin("k")
			w.str(newField("a"), "value")
			w.pad(target)
			w.end()
			n := len(w.b) - len("prefix")
			natural := map[encID]int{encJSON: len(`{"type":"k","a":"value","pad":""}`), encCSV: len("k,value,"), encText: len("type=k a=value pad=")}[enc]
			if n != max(target, natural) {
				t.Errorf("encoding %d, target %d: record of %d bytes: %s", enc, target, n, w.b)
			}
			if enc == encJSON && !json.Valid(w.b[len("prefix"):]) {
				t.Errorf("padded JSON invalid: %s", w.b)
			}
		}
	}
}

func TestEncodeAndPlain(t *testing.T) {
	e := encode("Mozilla/5.0 (X11, Linux)")
	if e[encJSON] != `"Mozilla/5.0 (X11, Linux)"` || e[encCSV] != `"Mozilla/5.0 (X11, Linux)"` || e[encText] != `"Mozilla/5.0 (X11, Linux)"` {
		t.Errorf("encode = %q", e)
	}
	w := recWriter{enc: encCSV}
	w.pre(fUA, &e)
	if string(w.b) != `,"Mozilla/5.0 (X11, Linux)"` {
		t.Errorf("pre wrote %s", w.b)
	}
	for s, want := range map[string]bool{"": true, "user-000001": true, "/a/b?c": true, "a b": false, "a,b": false, `a"b`: false, "a=b": false, "a\\b": false} {
		if isPlain(s) != want {
			t.Errorf("isPlain(%q) = %v", s, !want)
		}
	}
}
