package scenarios

import (
	"errors"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

// TestProblemLine: the line at fault, not the line of the enclosing
// block that go-yaml names.
func TestProblemLine(t *testing.T) {
	tests := []struct {
		name, doc string
		want      int
	}{
		{"key indented too little", "name: x\nload:\n  rate: 1/s\n  grace: 1s\n duration: 2s\ntarget: t\n", 5},
		{"key indented too much", "load:\n  rate: 1/s\n    grace: 1s\n", 3},
		{"item indented too much", "a:\n  - b: 1\n    c: 2\n   - b: 3\n", 4},
		{"tab", "a:\n  b: 1\n\tc: 2\n", 3},
		{"after blank lines", "a:\n  b: 1\n\n\n c: 2\n", 5},
		{"no newline at the end", "a:\n  b: 1\n c: 2", 3},
	}
	for _, tc := range tests {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(tc.doc), &n)
		if err == nil {
			t.Fatalf("%s: parses", tc.name)
		}
		line, msg := yamlError(err)
		if got := problemLine([]byte(tc.doc), line, msg); got != tc.want {
			t.Errorf("%s: line %d (go-yaml said %d: %s), want %d", tc.name, got, line, msg, tc.want)
		}
	}
}

func TestYAMLError(t *testing.T) {
	for _, tc := range []struct {
		err  string
		line int
		msg  string
	}{
		{"yaml: line 3: did not find expected key", 3, "did not find expected key"},
		{"yaml: control characters are not allowed", 1, "control characters are not allowed"},
		{"something else", 1, "something else"},
	} {
		line, msg := yamlError(errors.New(tc.err))
		if line != tc.line || msg != tc.msg {
			t.Errorf("yamlError(%q) = %d, %q; want %d, %q", tc.err, line, msg, tc.line, tc.msg)
		}
	}
}
