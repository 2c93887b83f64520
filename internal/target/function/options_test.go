package function

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestOptionsValidate(t *testing.T) {
	dir := t.TempDir()
	notExec := filepath.Join(dir, "plain")
	if err := os.WriteFile(notExec, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts Options
		want []string // parts of the error; none: valid
	}{
		{"binary", Options{Path: fnBin}, nil},
		{"attach", Options{Addr: "rpc://127.0.0.1:8000"}, nil},
		{"attach bare", Options{Addr: "localhost:8000"}, nil},
		{"nothing", Options{}, []string{"path: a function binary path or an rpc:// address is required"}},
		{"both", Options{Path: fnBin, Addr: "rpc://h:1"}, []string{"give one, not both"}},
		{"missing binary", Options{Path: filepath.Join(dir, "nope")}, []string{"nope", "no such file"}},
		{"directory", Options{Path: dir}, []string{"no bootstrap, index.py, index.js or single executable found"}},
		{"directory as a Go binary", Options{Runtime: RuntimeGo, Path: dir}, []string{"not a regular file"}},
		{"python without index.py", Options{Runtime: RuntimePython, Path: dir}, []string{"index.py not found"}},
		{"bad runtime", Options{Runtime: "cobol", Path: notExec}, []string{`runtime "cobol"`}},
		{"not executable", Options{Path: notExec}, []string{"plain", "not executable"}},
		{"bad addr", Options{Addr: "rpc://nohost"}, []string{`addr "rpc://nohost": want rpc://HOST:PORT`}},
		{"attach scaled", Options{Addr: "rpc://h:1", Instances: Instances{1, 2}}, []string{"instances max 2"}},
		{"min above max", Options{Path: fnBin, Instances: Instances{3, 2}}, []string{"instances {min 3, max 2}"}},
		{"negative min", Options{Path: fnBin, Instances: Instances{-1, 2}}, []string{"instances {min -1, max 2}"}},
		{"invoke type", Options{Path: fnBin, InvokeType: "Async"}, []string{`invoke type "Async"`}},
		{"concurrency", Options{Path: fnBin, ConcurrencyPerInstance: -1}, []string{"concurrency per instance -1"}},
		{"timeout", Options{Path: fnBin, Timeout: -time.Second}, []string{"timeout -1s"}},
		{"env timeout", Options{Path: fnBin, Env: map[string]string{"RUNTIME_TIMEOUT": "3s"}}, []string{`env RUNTIME_TIMEOUT "3s"`}},
		{"env name", Options{Path: fnBin, Env: map[string]string{"A=B": "x"}}, []string{`env "A=B"`}},
		{"every problem", Options{Path: fnBin, InvokeType: "x", MemoryMB: -1, StartTimeout: -1},
			[]string{`invoke type "x"`, "memory -1", "start timeout -1ns"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.opts.validate()
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("validate: %v", err)
				}
				return
			}
			if err == nil || !hasAll(err.Error(), tt.want...) {
				t.Fatalf("validate error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestOptionsDefaults(t *testing.T) {
	c, err := Options{Path: fnBin}.validate()
	if err != nil {
		t.Fatal(err)
	}
	if c.Instances != (Instances{1, DefaultMaxInstances}) || c.ConcurrencyPerInstance != 1 || c.timeout != 3*time.Second ||
		c.StartTimeout != 10*time.Second || c.MaxFailedStarts != 3 || c.InvokeType != "sync" || c.FuncName != "fn" {
		t.Errorf("defaults: %+v", c)
	}
	c, err = Options{Path: fnBin, Instances: Instances{Min: 2}}.validate()
	if err != nil || c.Instances != (Instances{2, DefaultMaxInstances}) {
		t.Errorf("Instances{Min: 2} → %+v, %v; want {2 %d}: on demand up to the platform's default", c.Instances, err, DefaultMaxInstances)
	}
	c, err = Options{Addr: "rpc://127.0.0.1:9"}.validate()
	if err != nil || c.Instances != (Instances{1, 1}) {
		t.Errorf("attached: %+v, %v; want {1 1}: an attached runtime is one instance", c.Instances, err)
	}
	c, err = Options{Path: fnBin, Instances: Instances{Max: 4}}.validate()
	if err != nil || c.Instances != (Instances{0, 4}) {
		t.Errorf("Instances{Max: 4} → %+v, %v; want {0 4}", c.Instances, err)
	}
}

// envOf turns a KEY=VALUE list into a map, the last value winning (as exec does).
func envOf(env []string) map[string]string {
	m := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return m
}

func TestOptionsEnv(t *testing.T) {
	t.Setenv("DISLOAD_TEST_PARENT", "inherited")
	c, err := Options{Path: fnBin, FuncName: "clicks", Version: "v2", MemoryMB: 256,
		Timeout: 1500 * time.Millisecond, UserData: map[string]string{"k": "v"}, MaxRespBodySize: 1000,
		Env: map[string]string{"RUNTIME_ALIAS": "prod", "EXTRA": "1"}}.validate()
	if err != nil {
		t.Fatal(err)
	}
	env := envOf(c.env)
	want := map[string]string{
		"DISLOAD_TEST_PARENT": "inherited", "RUNTIME_FUNC_NAME": "clicks", "RUNTIME_FUNC_VERSION": "v2",
		"RUNTIME_MEMORY": "256", "RUNTIME_CPU": "600", "RUNTIME_TIMEOUT": "2", "RUNTIME_USERDATA": `{"k":"v"}`,
		"RUNTIME_MAX_RESP_BODY_SIZE": "1000", "RUNTIME_MAX_REQUEST_BODY_SIZE": "6291456", "RUNTIME_HANDLER": "fn",
		"RUNTIME_PACKAGE": "default", "RUNTIME_PROJECT_ID": "disload", "RUNTIME_ROOT": filepath.Dir(fnBin),
		"RUNTIME_CODE_ROOT": filepath.Dir(fnBin), "RUNTIME_ALIAS": "prod", "RUNTIME_INITIALIZER_HANDLER": "",
		"RUNTIME_INITIALIZER_TIMEOUT": "2", "RUNTIME_PRESTOP_HANDLER": "", "RUNTIME_MAX_STATE_SIZE": "6291456",
		"EXTRA": "1",
	}
	for k, v := range want {
		if got, ok := env[k]; !ok || got != v {
			t.Errorf("env %s = %q (set %v), want %q", k, got, ok, v)
		}
	}
	if _, ok := env["RUNTIME_API_ADDR"]; ok && os.Getenv("RUNTIME_API_ADDR") == "" {
		t.Error("RUNTIME_API_ADDR is set before a port is picked")
	}
}

func TestOptionsTimeoutFromEnv(t *testing.T) {
	c, err := Options{Path: fnBin, Env: map[string]string{"RUNTIME_TIMEOUT": "7"}}.validate()
	if err != nil || c.timeout != 7*time.Second || envOf(c.env)["RUNTIME_TIMEOUT"] != "7" {
		t.Errorf("timeout %v, env %q, err %v; want 7s from RUNTIME_TIMEOUT", c.timeout, envOf(c.env)["RUNTIME_TIMEOUT"], err)
	}
}

func TestOptionsHeaderCanonical(t *testing.T) {
	c, err := Options{Path: fnBin, InvokeType: "async", Headers: http.Header{
		"x-cff-workflow-id": {"wf"}, "X-CFF-Request-Id": {"not mine"}}}.validate()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range c.header {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"X-Cff-Invoke-Type", "X-Cff-Workflow-Id"}; !slices.Equal(keys, want) {
		t.Errorf("header keys %q, want %q", keys, want)
	}
	if c.header.Get("X-CFF-Invoke-Type") != "async" || c.header.Get("X-Cff-Workflow-Id") != "wf" {
		t.Errorf("header %v", c.header)
	}
}

func TestOptionsStringHidesSecrets(t *testing.T) {
	h := http.Header{}
	h.Set("X-CFF-Secret-Key", "sk-123")
	o := Options{Path: "./fn", Headers: h, Env: map[string]string{"DB_PASSWORD": "pw-456"}}
	for _, s := range []string{o.String(), fmt.Sprintf("%v", o), fmt.Sprintf("%+v", o)} {
		if strings.Contains(s, "sk-123") || strings.Contains(s, "pw-456") || !hasAll(s, "X-Cff-Secret-Key", "DB_PASSWORD") {
			t.Errorf("%q: want names, not values", s)
		}
	}
}
