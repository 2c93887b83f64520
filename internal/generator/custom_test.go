package generator

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCheckTemplate(t *testing.T) {
	for _, c := range []struct {
		tmpl, err string
	}{
		{ExampleTemplate, ""},
		{`{{FirstName}} bought {{Number 1 9}}`, ""},
		{`{"n":{{Number 1 9}},"at":"{{.Timestamp}}","past":"{{PastDate}}"}`, ""},
		{"", "empty"},
		{"  \n", "empty"},
		{`{{FirstName`, "unclosed action"},
		{`{{NoSuchFunction}}`, `"NoSuchFunction" not defined`},
		{`{{.NoSuchField}}`, "NoSuchField"},
		{`{"name":"{{FirstName}}"`, "invalid JSON"},
		{`{"name":{{FirstName}}}`, "invalid JSON"},
	} {
		err := CheckTemplate(c.tmpl)
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("CheckTemplate(%q) = %v, want error containing %q", c.tmpl, err, c.err)
		}
	}
}

func FuzzCheckTemplate(f *testing.F) {
	for _, s := range []string{ExampleTemplate, "{{", "{{Number 1 2}}", `{"a":{{Bool}}}`, "{{.Key}}{{.Partition}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tmpl string) {
		if strings.Contains(tmpl, "Sentence") || strings.Contains(tmpl, "IntRange") || len(tmpl) > 200 {
			t.Skip("slow or unbounded functions")
		}
		if CheckTemplate(tmpl) != nil {
			return
		}
		out, err := renderOnce(tmpl, 1)
		if err != nil {
			t.Fatalf("accepted template fails to render: %v", err)
		}
		if strings.HasPrefix(strings.TrimSpace(string(out)), "{") && !json.Valid(out) {
			t.Fatalf("accepted template renders invalid JSON %q", out)
		}
	})
}

func customRecords(t *testing.T, tmpl string, enc Encoding) [][]byte {
	t.Helper()
	s, err := New(Config{Seed: 4, KeyCount: 20, Encoding: enc, Kinds: []KindWeight{{Kind: KindCustom, Weight: 1, Template: tmpl}}})
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	ps := s.PartitionStream(0)
	for range 5 {
		d, _, _ := ps.NextRecord(nil)
		out = append(out, d)
	}
	return out
}

func TestCustomRecords(t *testing.T) {
	for _, c := range []struct {
		name, tmpl string
		enc        Encoding
		check      func(string) bool
	}{
		{"type injected", `{"who":"{{.Key}}"}`, EncodingJSON, func(s string) bool { return strings.HasPrefix(s, `{"type":"custom","who":"key-0000`) }},
		{"empty object", `{}`, EncodingJSON, func(s string) bool { return s == `{"type":"custom"}` }},
		{"own type kept", `{"type":"order","n":{{Number 1 3}}}`, EncodingJSON, func(s string) bool { return strings.HasPrefix(s, `{"type":"order","n":`) }},
		{"not JSON", `{{FirstName}} said "hi"`, EncodingJSON, func(s string) bool { return strings.HasPrefix(s, `{"type":"custom","raw":"`) && json.Valid([]byte(s)) }},
		{"csv", `{{.Key}};{{Number 1 3}}`, EncodingCSV, func(s string) bool { return strings.HasPrefix(s, "custom,key-0000") }},
		{"text", `{{.Key}} at {{.Timestamp}}`, EncodingText, func(s string) bool { return strings.HasPrefix(s, "key-0000") && strings.HasSuffix(s, "Z") }},
	} {
		for _, r := range customRecords(t, c.tmpl, c.enc) {
			if !c.check(string(r)) {
				t.Errorf("%s: record %s", c.name, r)
			}
		}
	}
}

func TestCustomPadding(t *testing.T) {
	s, err := New(Config{Seed: 1, KeyCount: 5, Size: SizeConfig{Min: 300, Max: 300},
		Kinds: []KindWeight{{Kind: KindCustom, Weight: 1, Template: `{"a":{{Number 1 9}}}`}}})
	if err != nil {
		t.Fatal(err)
	}
	d, _, _ := s.PartitionStream(0).NextRecord(nil)
	var m map[string]any
	if len(d) != 300 || json.Unmarshal(d, &m) != nil || m["pad"] == nil {
		t.Errorf("padded custom record (%d bytes): %s", len(d), d)
	}
}
