package function

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/harness"
)

// TestCustomStartFailures: a bootstrap that dies or never asks for an
// event fails the start with its log tail.
func TestCustomStartFailures(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		want       []string
	}{
		{"dies", "testdata/deadboot/bootstrap", []string{"exited during start", "exit status 3", "config missing"}},
		{"never asks", "testdata/silentboot/bootstrap", []string{"has not asked for an event", "starting"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPool(t, Options{Runtime: RuntimeCustom, Path: tc.path, StartTimeout: 500 * time.Millisecond, MaxFailedStarts: 1})
			err := p.Start(t.Context())
			if err == nil || !hasAll(err.Error(), tc.want...) {
				t.Fatalf("Start: %v; want %q", err, tc.want)
			}
		})
	}
}

// TestHTTPAndContainerFunctions: an HTTP function gets every event as a
// POST on its own port with the X-CFF headers; a container event function
// gets POST /init once per instance, then POST /invoke; a 5xx is a failure
// of class http_5xx.
func TestHTTPAndContainerFunctions(t *testing.T) {
	needTool(t, "python3")
	for _, tc := range []struct {
		rt        Runtime
		path      string
		args      []string
		wantInits string
	}{
		{RuntimeHTTP, "testdata/httpfn/bootstrap", nil, `"inits": 0`},
		{RuntimeContainer, "testdata/container/server", []string{"container"}, `"inits": 1`},
	} {
		t.Run(string(tc.rt), func(t *testing.T) {
			p := newPool(t, Options{Runtime: tc.rt, Path: tc.path, Args: tc.args, Instances: Instances{Min: 2, Max: 2}})
			start(t, p)
			seen := map[string]bool{}
			for range 6 {
				pr, out := p.acquire(t.Context())
				if pr == nil {
					t.Fatal(out)
				}
				call := p.newCall(pr, []byte(`{"records":[]}`))
				<-call.Done
				got := string(call.Reply.(*InvokeResponse).Payload)
				if o := p.finish(pr, call); o.Class != "" || !hasAll(got, `"func": "`, tc.wantInits) {
					t.Fatalf("outcome %+v, result %s", o, got)
				}
				var r struct{ ID string }
				json.Unmarshal([]byte(got), &r) //nolint:errcheck // checked below
				if r.ID == "" || seen[r.ID] {
					t.Errorf("request id %q missing or repeated", r.ID)
				}
				seen[r.ID] = true
			}
			o := p.Invoke(t.Context(), &harness.Event{Payload: []byte(`{"fail":true}`)})
			if o.Class != "http_5xx" || !strings.Contains(o.Message, "asked to fail") {
				t.Errorf("failing event: %+v", o)
			}
			before := p.Stats().ColdStarts
			if o := p.Invoke(t.Context(), &harness.Event{Payload: []byte(`{"drop":true}`)}); o.Class != ClassConnect {
				t.Errorf("unanswered event: %+v", o)
			}
			if o := p.Invoke(t.Context(), &harness.Event{Payload: []byte(`{}`)}); o.Class != "" || p.Stats().ColdStarts != before {
				t.Errorf("after an unanswered event: %+v, cold starts %d → %d (the server is alive)", o, before, p.Stats().ColdStarts)
			}
		})
	}
}

// TestBootstrapRemovedAtClose: the extracted bootstrap goes with the pool.
func TestBootstrapRemovedAtClose(t *testing.T) {
	needTool(t, "python3", "python")
	p, err := New(Options{Runtime: RuntimePython, Path: "testdata/python", Env: map[string]string{"COUNT_DIR": t.TempDir()}})
	if err != nil {
		t.Fatal(err)
	}
	start(t, p)
	dir := p.rt.(*langRuntime).dir
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("bootstrap folder while running: %v", err)
	}
	p.Close()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("bootstrap folder %s after Close: %v", dir, err)
	}
}

// TestNodeCallbackStyle: a (event, context, callback) handler's result and
// error both arrive.
func TestNodeCallbackStyle(t *testing.T) {
	needTool(t, "node", "nodejs")
	p := newPool(t, Options{Runtime: RuntimeNode, Path: "testdata/nodecb"})
	start(t, p)
	if o := p.Invoke(t.Context(), &harness.Event{Payload: []byte(`{}`)}); o.Class != "" {
		t.Errorf("ok event: %+v", o)
	}
	if o := p.Invoke(t.Context(), &harness.Event{Payload: []byte(`{"fail":true}`)}); o.Class != "RangeError" || !strings.Contains(o.Message, "asked to fail") {
		t.Errorf("failing event: %+v", o)
	}
}

// TestParseHandlerError reads the bodies a bootstrap may post to .../error.
func TestParseHandlerError(t *testing.T) {
	for _, tc := range []struct {
		body, class, msg string
	}{
		{`{"errorType":"ValueError","errorMessage":"bad seq","stackTrace":["handler index.py:30","main x.py:2"]}`,
			"ValueError", "ValueError: bad seq [at handler index.py:30; main x.py:2]"},
		{`{"errorMessage":"no type"}`, ClassFunctionError, "FunctionError: no type"},
		{`{"errorType":"My Error\n","errorMessage":"m"}`, "My_Error", "My_Error: m"},
		{`plain text failure`, ClassFunctionError, "FunctionError: plain text failure"},
		{`{}`, ClassFunctionError, "FunctionError: {}"},
	} {
		class, msg := classifyHandlerError(parseHandlerError([]byte(tc.body)))
		if class != tc.class || msg != tc.msg {
			t.Errorf("%s: got (%q, %q), want (%q, %q)", tc.body, class, msg, tc.class, tc.msg)
		}
	}
}

// FuzzParseHandlerError: any error body gives a usable class and a bounded
// message.
func FuzzParseHandlerError(f *testing.F) {
	f.Add([]byte(`{"errorType":"ValueError","errorMessage":"x","stackTrace":["a b:1"]}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, body []byte) {
		class, msg := classifyHandlerError(parseHandlerError(body))
		if class == "" || len(class) > maxClass || strings.ContainsAny(class, " \n\t") || len(msg) > maxMessage {
			t.Fatalf("class %q (%d bytes), message %d bytes", class, len(class), len(msg))
		}
	})
}

// TestDetect: a package folder is run by what it holds.
func TestDetect(t *testing.T) {
	goDir := t.TempDir()
	os.WriteFile(goDir+"/handler", []byte("\x7fELF"), 0o755) //nolint:errcheck // checked by Detect
	empty := t.TempDir()
	for _, tc := range []struct {
		dir, path string
		rt        Runtime
		bad       bool
	}{
		{"testdata/custom", "testdata/custom/bootstrap", RuntimeCustom, false},
		{"testdata/python", "testdata/python", RuntimePython, false},
		{"testdata/node", "testdata/node", RuntimeNode, false},
		{goDir, goDir + "/handler", RuntimeGo, false},
		{"testdata/fn/main.go", "testdata/fn/main.go", RuntimeGo, false},
		{empty, "", "", true},
	} {
		rt, path, err := Detect(tc.dir)
		if rt != tc.rt || path != tc.path || (err != nil) != tc.bad {
			t.Errorf("Detect(%s) = %s, %s, %v; want %s, %s", tc.dir, rt, path, err, tc.rt, tc.path)
		}
	}
}

// TestDetectedPool: function:DIR of a Python package runs its handler.
func TestDetectedPool(t *testing.T) {
	needTool(t, "python3", "python")
	p := newPool(t, Options{Path: "testdata/python", Env: map[string]string{"COUNT_DIR": t.TempDir()}})
	start(t, p)
	if o := p.Invoke(t.Context(), okEvent(t)); o.Class != "" {
		t.Errorf("%+v", o)
	}
	if s := p.String(); s != "function python:"+filepath.Join("testdata/python", "index.handler") {
		t.Errorf("String() = %q", s)
	}
}
