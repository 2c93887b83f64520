package jsonwalk

import (
	"strings"
	"testing"
)

func TestScannerWalk(t *testing.T) {
	in := ` {"a" : [1, -2.5e3, "x\"y", {"b":null}, true, false, []] , "ü\u00e9":"\u00fc\ud83d\ude00", "c":{}} `
	s := Scanner{Data: []byte(in)}
	var got []string
	s.Members(func(key string, off int) {
		got = append(got, key+"@"+string(in[off]))
		if key != "a" {
			got = append(got, s.Kind()+":"+in[s.Pos:s.Pos+1])
			s.Skip()
			return
		}
		s.Elements(func(i int) {
			got = append(got, s.Kind())
			s.Skip()
		})
	})
	want := `a@" number number string object boolean boolean array üé@" string:" c@" object:{`
	if strings.Join(got, " ") != want {
		t.Errorf("walk = %s\nwant %s", strings.Join(got, " "), want)
	}
	if rest := strings.TrimSpace(in[s.Pos:]); rest != "" {
		t.Errorf("Scanner stopped before %q", rest)
	}
}

func TestScannerStr(t *testing.T) {
	tests := []struct{ in, want string }{
		{`""`, ""},
		{`"plain"`, "plain"},
		{`"a\\b\"c\n"`, "a\\b\"c\n"},
		{`"\u00fc"`, "ü"},
		{"\"\xff\"", "\ufffd"}, // invalid UTF-8 becomes U+FFFD, as in encoding/json
	}
	for _, tt := range tests {
		s := Scanner{Data: []byte(tt.in + ",")}
		if got := s.Str(); got != tt.want || s.Pos != len(tt.in) {
			t.Errorf("str(%s) = %q at %d, want %q at %d", tt.in, got, s.Pos, tt.want, len(tt.in))
		}
	}
}

func TestFirstValue(t *testing.T) {
	tests := []struct {
		in      string
		end     int
		problem string
	}{
		{`{"a":1}`, 7, ""},
		{"{}\n\t ", 2, ""},
		{`{"a":1} 2`, 0, `trailing data after the event: "2"`},
		{``, 0, "not JSON: empty input"},
		{`{"a":tru}`, 0, "not JSON: invalid character"},
	}
	for _, tt := range tests {
		end, p := FirstValue([]byte(tt.in))
		switch {
		case tt.problem == "" && (p != nil || end != tt.end):
			t.Errorf("FirstValue(%q) = %d, %v, want %d", tt.in, end, p, tt.end)
		case tt.problem != "" && (p == nil || !strings.Contains(p.Msg, tt.problem)):
			t.Errorf("FirstValue(%q) problem = %v, want %q", tt.in, p, tt.problem)
		}
	}
}
