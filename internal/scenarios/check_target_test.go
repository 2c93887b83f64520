package scenarios

import (
	"strings"
	"testing"
)

func TestTargetCheck(t *testing.T) {
	tests := []struct {
		name   string
		target Target
		want   []string
	}{
		{"inproc", Target{Type: TargetInproc, Name: "decode"}, nil},
		{"no type", Target{}, []string{"target.type: is required (inproc, function, rpc or http)"}},
		{"bad type", Target{Type: "htp"}, []string{`target.type: unknown target type "htp" (want inproc, function, rpc, http); did you mean "http"?`}},
		{"inproc without name", Target{Type: TargetInproc}, []string{"target.name: a handler name is required, e.g. inproc:decode"}},
		{"function without path", Target{Type: TargetFunction}, []string{"target.path: the path of a function binary is required"}},
		{"rpc without addr", Target{Type: TargetRPC}, []string{"target.addr: an address HOST:PORT is required"}},
		{"rpc bad addr", Target{Type: TargetRPC, Addr: "nohost"}, []string{`target.addr: address "nohost" is not HOST:PORT`}},
		{"http without url", Target{Type: TargetHTTP}, []string{"target.url: a URL is required, e.g. http://127.0.0.1:8080/events"}},
		{"http bad url", Target{Type: TargetHTTP, URL: "ws://h/"}, []string{`target.url: URL "ws://h/" must start with http:// or https://`}},
		{"fields of other types", Target{
			Type: TargetInproc, Name: "decode", Path: "p", Args: []string{"a"}, Addr: "h:1", URL: "http://h/",
			Method: "GET", Headers: map[string]string{"A": "b"}, TLS: TLS{ServerName: "x"}, InvokeType: InvokeAsync,
			Instances: Instances{1, 1}, ConcurrencyPerInstance: 1, Memory: 1, Env: map[string]string{"A": "b"},
			Userdata: map[string]string{"a": "b"}, MaxRespBodySize: 1,
		}, []string{
			"target.path: only for function targets, this one is inproc",
			"target.args: only for function targets, this one is inproc",
			"target.addr: only for rpc targets, this one is inproc",
			"target.url: only for http targets, this one is inproc",
			"target.method: only for http targets, this one is inproc",
			"target.headers: only for function, rpc or http targets, this one is inproc",
			"target.tls: only for http targets, this one is inproc",
			"target.invoke_type: only for function or rpc targets, this one is inproc",
			"target.instances: only for function targets, this one is inproc",
			"target.concurrency_per_instance: only for function targets, this one is inproc",
			"target.env: only for function targets, this one is inproc",
			"target.userdata: only for function targets, this one is inproc",
			"target.max_resp_body_size: only for function targets, this one is inproc",
		}},
		{"memory on http", Target{Type: TargetHTTP, URL: "http://h/", Method: "GET", Memory: 256}, []string{
			"target.memory: only for function, inproc or rpc targets, this one is http",
		}},
		{"inproc memory", Target{Type: TargetInproc, Name: "decode", Memory: 256}, nil},
		{"negative inproc memory", Target{Type: TargetInproc, Name: "decode", Memory: -1}, []string{
			"target.memory: must not be negative (MB; 0: the default 128), got -1",
		}},
		{"http", Target{
			Type: TargetHTTP, URL: "http://h/", Method: "GE T",
			Headers: map[string]string{"Bad Name": "v", "X-Ok": "a\r\nInjected: 1"},
			TLS:     TLS{KeyFile: "k.pem"},
		}, []string{
			`target.method: "GE T" is not an HTTP method`,
			`target.headers.Bad Name: "Bad Name" is not a valid header name`,
			"target.headers.X-Ok: a header value must not contain line breaks",
			"target.tls: TLS settings need an https:// URL, this one is http://",
			"target.tls: cert_file and key_file go together: give both or neither",
		}},
		{"function headers", Target{Type: TargetFunction, Path: "p", InvokeType: InvokeSync, Instances: Instances{1, 1},
			ConcurrencyPerInstance: 1, Memory: 1, MaxRespBodySize: 1, Headers: map[string]string{"X-CFF-Auth-Token": "t"}}, nil},
		{"rpc headers", Target{Type: TargetRPC, Addr: "h:1", InvokeType: InvokeSync,
			Headers: map[string]string{"X-CFF-Auth-Token": "t", "Bad Name": "v", "X-Bad": "secret\nX: 1"}}, []string{
			`target.headers.Bad Name: "Bad Name" is not a valid header name`,
			"target.headers.X-Bad: a header value must not contain line breaks",
		}},
		{"https with tls", Target{Type: TargetHTTP, URL: "HTTPS://h/", Method: "POST", TLS: TLS{CertFile: "c", KeyFile: "k"}}, nil},
		{"function", Target{
			Type: TargetFunction, Path: "p", InvokeType: "later", Instances: Instances{-1, 2000},
			ConcurrencyPerInstance: -1, Memory: -1, MaxRespBodySize: -1, Env: map[string]string{"A=B": "x"},
		}, []string{
			`target.invoke_type: unknown invoke type "later" (want sync, async)`,
			"target.instances: need 1 <= min <= max <= 1000 (max 0: the platform's default), got min -1 and max 2000",
			"target.concurrency_per_instance: must be at least 1, got -1",
			"target.memory: must be at least 1 (MB), got -1",
			"target.max_resp_body_size: must be at least 1B, got -1",
			`target.env.A=B: "A=B" is not a valid environment variable name`,
		}},
		{"rpc invoke type", Target{Type: TargetRPC, Addr: "h:1", InvokeType: "x"}, []string{
			`target.invoke_type: unknown invoke type "x" (want sync, async)`,
		}},
	}
	for _, tc := range tests {
		tg := tc.target
		tg.SetDefaults() // as the loader and ParseTarget do
		c := &checker{}
		tg.check(c, "target")
		var got []string
		for _, p := range c.probs {
			got = append(got, p.field+": "+p.msg)
		}
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s: problems\n%s\nwant\n%s", tc.name, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}

func TestTargetTimeout(t *testing.T) {
	c := &checker{}
	tg := Target{Type: TargetInproc, Name: "decode", Timeout: -1}
	tg.check(c, "target")
	if len(c.probs) != 1 || c.probs[0].field != "target.timeout" {
		t.Errorf("problems %+v, want one at target.timeout", c.probs)
	}
}

func TestIsToken(t *testing.T) {
	for s, want := range map[string]bool{"POST": true, "X-Api-Key": true, "": false, "a b": false, "a:b": false, "é": false} {
		if isToken(s) != want {
			t.Errorf("isToken(%q) = %v", s, !want)
		}
	}
}
