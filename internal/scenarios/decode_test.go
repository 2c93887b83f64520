package scenarios

import (
	"strconv"
	"strings"
	"testing"
	"time"

	yaml "go.yaml.in/yaml/v3"
)

func TestMergeKeys(t *testing.T) {
	src := `
base: &base {rate: 100/s, duration: 2s}
load:
  <<: *base
  duration: 5s
`
	// "base" is not a scenario key: anchors must live under a known key.
	_, err := Parse("m.yaml", []byte(src))
	if err == nil || !strings.HasPrefix(err.Error(), `m.yaml:2:1: scenario: unknown key "base"`) {
		t.Fatalf("Parse = %v, want only the unknown key", err)
	}
	src = `
stream: {name: &n dis-a}
load:
  <<: [{rate: 100/s, duration: 2s}, {rate: 5/s, grace: 1s}]
  duration: 5s
target: {type: inproc, name: *n}
`
	s, err := Parse("m.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if s.Load.Rate != (Rate{100}) || s.Load.Duration != 5*time.Second || s.Load.Grace != time.Second || s.Target.Name != "dis-a" {
		t.Errorf("merged load = %+v, target %q", s.Load, s.Target.Name)
	}
}

func TestHostileYAML(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"self alias", "load: &a {rate: *a}\n", "h.yaml:1:17: load.rate: expected a rate, got a mapping"},
		{"self merge", "load: &a {<<: *a}\n", "h.yaml:1:15: load: merge keys (<<) nested too deeply"},
		{"merge of scalar", "load: {<<: 5}\n", "h.yaml:1:12: load: a merge key (<<) needs a mapping"},
		{"list key", "load: {rate: 1}\n? [a]\n: b\n", "h.yaml:2:3: scenario: keys must be plain names, got a list"},
		{"null key", "~: 1\nload: {rate: 1}\n", "h.yaml:1:1: scenario: keys must be plain names"},
		{"tagged int", "seed: !!int abc\nload: {rate: 1}\n", `h.yaml:1:7: seed: expected an integer, got "abc"`},
		{"no suggestion", "zzz: 1\nload: {rate: 1}\n", `h.yaml:1:1: scenario: unknown key "zzz" (known: batch, cost, description, load, name, records, seed, stream, target, thresholds, trigger)`},
		{"custom tag", "stream: {name: !mine dis-a}\nload: {rate: 1}\n", ""},
	}
	for _, tc := range tests {
		_, err := Parse("h.yaml", []byte(tc.src))
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: Parse = %v, want no error", tc.name, err)
		case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
			t.Errorf("%s: Parse = %v\nwant prefix %q", tc.name, err, tc.want)
		}
	}
}

func TestMergeBombIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("load:\n  a0: &a0 {x: 1}\n")
	for i := 1; i <= 12; i++ {
		refs := strings.Repeat(", *a"+strconv.Itoa(i-1), 10)[2:]
		b.WriteString("  a" + strconv.Itoa(i) + ": &a" + strconv.Itoa(i) + " {<<: [" + refs + "]}\n")
	}
	b.WriteString("target: {<<: *a12}\n")
	done := make(chan error, 1)
	go func() { _, err := Parse("bomb.yaml", []byte(b.String())); done <- err }()
	select {
	case err := <-done:
		if err == nil {
			t.Error("Parse accepted a merge bomb")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Parse of nested merges did not finish")
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a", `"a"`}, {"1", `integer "1"`}, {"1.5", `number "1.5"`}, {"true", `boolean "true"`},
		{"~", `null "~"`}, {"[1]", "a list"}, {"{a: 1}", "a mapping"},
		{strings.Repeat("x", 50), `"` + strings.Repeat("x", 40) + `..."`},
	}
	for _, tc := range tests {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(tc.src), &doc); err != nil {
			t.Fatal(err)
		}
		if got := describe(doc.Content[0]); got != tc.want {
			t.Errorf("describe(%s) = %s, want %s", tc.src, got, tc.want)
		}
	}
	if got := describe(nil); got != "nothing" {
		t.Errorf("describe(nil) = %s", got)
	}
}

func TestParent(t *testing.T) {
	tests := []struct{ in, want string }{
		{"load.rate", "load"}, {"records.kinds[2].kind", "records.kinds[2]"}, {"records.kinds[2]", "records.kinds"}, {"seed", ""}, {"", ""},
	}
	for _, tc := range tests {
		if got := parent(tc.in); got != tc.want {
			t.Errorf("parent(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
