package generator

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// parseLogfmt splits a logfmt line into its pairs: bare values end at a
// space, quoted ones are Go/JSON string literals.
func parseLogfmt(line string) (map[string]string, error) {
	out := map[string]string{}
	for line != "" {
		key, rest, ok := strings.Cut(line, "=")
		if !ok || key == "" || strings.ContainsAny(key, " \"\n") {
			return nil, fmt.Errorf("no key=value at %q", line)
		}
		var val string
		if strings.HasPrefix(rest, `"`) {
			end := 1
			for ; end < len(rest) && rest[end] != '"'; end++ {
				if rest[end] == '\\' {
					end++
				}
			}
			if end >= len(rest) {
				return nil, fmt.Errorf("unterminated quote in %q", rest)
			}
			v, err := strconv.Unquote(rest[:end+1])
			if err != nil {
				return nil, fmt.Errorf("quoted value %s: %v", rest[:end+1], err)
			}
			val, rest = v, rest[end+1:]
		} else {
			val, rest, _ = strings.Cut(rest, " ")
			rest = " " + rest
			if strings.ContainsAny(val, "\"\n") {
				return nil, fmt.Errorf("bare value %q needs quoting", val)
			}
		}
		out[key] = val
		line = strings.TrimPrefix(rest, " ")
	}
	return out, nil
}

// TestLogTextIsLogfmt: text log records are logfmt lines (issue 13.5):
// ts, level and msg among the pairs, messages with spaces and stacks with
// line breaks quoted.
func TestLogTextIsLogfmt(t *testing.T) {
	s, err := New(Config{Seed: 2, KeyCount: 100, Kinds: []KindWeight{{Kind: KindLog, Weight: 1}}, Encoding: EncodingText})
	if err != nil {
		t.Fatal(err)
	}
	var stacks, access int
	for range 30 {
		buf, _ := s.Next(nil)
		var ev wireEvent
		if err := json.Unmarshal(buf, &ev); err != nil {
			t.Fatal(err)
		}
		for _, r := range ev.Message.Records {
			line := string(r.Data)
			kv, err := parseLogfmt(line)
			if err != nil || strings.Contains(line, "\n") {
				t.Fatalf("not one logfmt line (%v): %q", err, line)
			}
			if kv["type"] != "log" || parseTS(kv["ts"]) < 0 || kv["level"] == "" || !strings.Contains(kv["msg"], " ") {
				t.Fatalf("pairs %q lack type=log, ts, level or a msg with spaces", kv)
			}
			if st, ok := kv["stack"]; ok {
				stacks++
				if !strings.HasPrefix(st, "    at github.com/acme/") || !strings.Contains(st, "\n") {
					t.Fatalf("stack %q", st)
				}
			}
			if kv["source"] == "access" {
				access++
			}
		}
	}
	if stacks == 0 || access == 0 {
		t.Errorf("%d error lines with a stack, %d access lines; want some of each", stacks, access)
	}
}

func TestAccessStatus(t *testing.T) {
	r := newRNG(4, 4)
	for range 1000 {
		if s := accessStatus(lvInfo, "DELETE", r); s != 204 {
			t.Fatalf("DELETE answered %d", s)
		}
		if s := accessStatus(lvWarn, "GET", r); s < 400 || s > 499 {
			t.Fatalf("WARN access line with status %d", s)
		}
		if s := accessStatus(lvError, "GET", r); s < 500 {
			t.Fatalf("ERROR access line with status %d", s)
		}
		if s := responseBytes(304, r); s != 0 {
			t.Fatalf("304 with %d bytes", s)
		}
	}
}
