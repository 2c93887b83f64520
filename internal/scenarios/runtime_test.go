package scenarios

import (
	"strings"
	"testing"
)

// TestParseRuntimeTargets: the specs of the other runtimes read back.
func TestParseRuntimeTargets(t *testing.T) {
	for _, tc := range []struct {
		spec                  string
		rt                    FunctionRuntime
		path, handler, reSpec string
	}{
		{"custom:./fn/bootstrap", RuntimeCustom, "./fn/bootstrap", "", "custom:./fn/bootstrap"},
		{"python:examples/py/index.handler", RuntimePython, "examples/py", "index.handler", "python:examples/py/index.handler"},
		{"node:examples/js/main.run", RuntimeNode, "examples/js", "main.run", "node:examples/js/main.run"},
		{"python:testdata", RuntimePython, "testdata", "", "python:testdata"},
		{"http-function:./web/bootstrap", RuntimeHTTPFunc, "./web/bootstrap", "", "http-function:./web/bootstrap"},
		{"container:./server", RuntimeContainer, "./server", "", "container:./server"},
		{"image:registry.example/fn:1", RuntimeImage, "registry.example/fn:1", "", "image:registry.example/fn:1"},
	} {
		got, err := ParseTarget(tc.spec)
		if err != nil || got.Type != TargetFunction || got.Runtime != tc.rt || got.Path != tc.path || got.Handler != tc.handler {
			t.Errorf("ParseTarget(%q) = %+v, %v", tc.spec, got, err)
			continue
		}
		if got.Spec() != tc.reSpec {
			t.Errorf("ParseTarget(%q).Spec() = %q, want %q", tc.spec, got.Spec(), tc.reSpec)
		}
	}
	if _, err := ParseTarget("python:"); err == nil || !strings.Contains(err.Error(), "path") {
		t.Errorf("python: without a folder: %v", err)
	}
}

// TestRuntimeCheck: the runtime keys name their field when wrong.
func TestRuntimeCheck(t *testing.T) {
	for _, tc := range []struct {
		name   string
		target Target
		want   string
	}{
		{"bad runtime", Target{Type: TargetFunction, Path: "p", Runtime: "pyton"}, `target.runtime: unknown runtime "pyton"`},
		{"initializer on go", Target{Type: TargetFunction, Path: "p", Runtime: RuntimeGo, Initializer: "i.x"}, "target.initializer: only for the python and node runtimes"},
		{"args on python", Target{Type: TargetFunction, Path: "p", Runtime: RuntimePython, Args: []string{"-x"}}, "target.args: not for the python runtime"},
		{"runtime on http", Target{Type: TargetHTTP, URL: "http://h/", Runtime: RuntimeNode}, "target.runtime: only for function targets"},
	} {
		tc.target.SetDefaults()
		c := &checker{}
		tc.target.check(c, "target")
		var got string
		for _, p := range c.probs {
			got += p.field + ": " + p.msg + "\n"
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: %q, want it to contain %q", tc.name, got, tc.want)
		}
	}
}

// FuzzParseTarget: any -t text is a target whose spec reads back as the
// same target, or an error; nothing panics.
func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{"python:examples/py/index.handler", "node:.", "custom:./b", "container:x", "http-function:", "function:./fn", "python:a.b/c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		got, err := ParseTarget(spec)
		if err != nil {
			return
		}
		again, err := ParseTarget(got.Spec())
		if err != nil || again.Type != got.Type || again.Runtime != got.Runtime || again.Path != got.Path || again.Handler != got.Handler {
			t.Fatalf("%q → %+v → %q → %+v, %v", spec, got, got.Spec(), again, err)
		}
	})
}
