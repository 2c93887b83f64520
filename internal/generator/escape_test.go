package generator

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"unicode/utf8"
)

func TestAppendFixed(t *testing.T) {
	for _, c := range []struct {
		v    float64
		dec  int
		want string
	}{
		{0, 2, "0.00"}, {1.005, 2, "1.00"}, {12.345, 2, "12.35"}, {-3.14159, 4, "-3.1416"}, {-0.0001, 2, "0.00"},
		{52.520008, 6, "52.520008"}, {-122.4194, 6, "-122.419400"}, {99.95, 1, "100.0"}, {7.6, 0, "8"},
		{1e20, 2, "100000000000000000000.00"},
	} {
		if got := string(appendFixed(nil, c.v, c.dec)); got != c.want {
			t.Errorf("appendFixed(%v, %d) = %s, want %s", c.v, c.dec, got, c.want)
		}
	}
}

func TestAppendHex(t *testing.T) {
	if got := string(appendHex(nil, 0xabc, 5)); got != "00abc" {
		t.Errorf("appendHex = %s", got)
	}
	if got := string(appendHex(nil, 0x1234567890abcdef, 16)); got != "1234567890abcdef" {
		t.Errorf("appendHex = %s", got)
	}
}

// TestAppendHexMatchesFmt checks every width against fmt on values that
// use every digit in every position.
func TestAppendHexMatchesFmt(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	values := []uint64{0, 1, math.MaxUint64, 0x0123456789abcdef, 0xfedcba9876543210}
	for range 100 {
		values = append(values, r.Uint64())
	}
	for _, v := range values {
		full := fmt.Sprintf("%016x", v)
		for n := 0; n <= 16; n++ {
			if got := string(appendHex([]byte("x"), v, n)); got != "x"+full[16-n:] {
				t.Fatalf("appendHex(%#x, %d) = %q, want %q", v, n, got, "x"+full[16-n:])
			}
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", `q"uote`, "back\\slash", "tab\tnew\nline\x01", "ünïcode"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip("records carry valid UTF-8")
		}
		out := appendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(out, &back); err != nil || back != s {
			t.Fatalf("%q → %s → %q, %v", s, out, back, err)
		}
	})
}

func FuzzAppendCSV(f *testing.F) {
	for _, s := range []string{"plain", "a,b", `q"uote`, "line\nbreak", "cr\rhere"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || s == "" || bytes.ContainsAny([]byte(s), "\r") {
			t.Skip("encoding/csv folds \\r\\n; records carry valid UTF-8")
		}
		line := append(appendCSV([]byte("k,"), s), ",end"...)
		rec, err := csv.NewReader(bytes.NewReader(line)).Read()
		if err != nil || len(rec) != 3 || rec[1] != s {
			t.Fatalf("%q → %s → %q, %v", s, line, rec, err)
		}
	})
}

func FuzzAppendLogfmt(f *testing.F) {
	for _, s := range []string{"", "plain", "two words", `q"uote`, "a=b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip("records carry valid UTF-8")
		}
		out := string(appendLogfmt(nil, s))
		if out != "" && out[0] == '"' {
			back, err := strconv.Unquote(out)
			if err != nil && json.Unmarshal([]byte(out), &back) != nil || back != s {
				t.Fatalf("%q → %s", s, out)
			}
			return
		}
		if out != s || !isBare(s) {
			t.Fatalf("%q → %s", s, out)
		}
	})
}

// isBare reports whether a logfmt value can stand unquoted.
func isBare(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f {
			return false
		}
	}
	return s != ""
}
