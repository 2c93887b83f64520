package generator

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

var (
	accessLine = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO|WARN|ERROR) [a-z-]+ [a-z-]+-[0-9a-f]{5} [0-9a-f]{32} "(GET|POST|PUT|PATCH|DELETE) /\S* HTTP/1\.1" \d{3} \d+ \d+\.\dms$`)
	appLine    = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (DEBUG|INFO|WARN|ERROR|FATAL) ([a-z-]+) [a-z-]+-[0-9a-f]{5} [0-9a-f]{32} ([a-z-]+)\.handler: \S`)
)

func TestLogTextIsTheRawLine(t *testing.T) {
	s, err := New(Config{Seed: 2, KeyCount: 100, Kinds: []KindWeight{{Kind: KindLog, Weight: 1}}, Encoding: EncodingText})
	if err != nil {
		t.Fatal(err)
	}
	var stacks int
	for range 30 {
		buf, _ := s.Next(nil)
		var ev wireEvent
		if err := json.Unmarshal(buf, &ev); err != nil {
			t.Fatal(err)
		}
		for _, r := range ev.Message.Records {
			line := string(r.Data)
			first, stack, multi := strings.Cut(line, "\n")
			if multi {
				stacks++
				if !strings.HasPrefix(stack, "    at github.com/acme/") {
					t.Fatalf("stack %q", stack)
				}
			}
			if !accessLine.MatchString(first) && !appLine.MatchString(first) {
				t.Fatalf("not a log line: %q", line)
			}
		}
	}
	if stacks == 0 {
		t.Error("no error line with a stack")
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
