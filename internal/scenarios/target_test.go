package scenarios

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/redact"
)

func TestParseTarget(t *testing.T) {
	tests := []struct {
		spec string
		want Target
	}{
		{"inproc:decode", Target{Type: TargetInproc, Name: "decode", Timeout: DefaultTimeout}},
		{"function:./bin/handler", Target{
			Type: TargetFunction, Path: "./bin/handler", Timeout: DefaultTimeout, InvokeType: InvokeSync,
			Instances: Instances{1, 0}, ConcurrencyPerInstance: 1, Memory: DefaultMemory, MaxRespBodySize: DefaultMaxRespBodySize,
		}},
		{"rpc://127.0.0.1:9000", Target{Type: TargetRPC, Addr: "127.0.0.1:9000", Timeout: DefaultTimeout, InvokeType: InvokeSync}},
		{"rpc://[::1]:9000", Target{Type: TargetRPC, Addr: "[::1]:9000", Timeout: DefaultTimeout, InvokeType: InvokeSync}},
		{"http://127.0.0.1:8080/events", Target{Type: TargetHTTP, URL: "http://127.0.0.1:8080/events", Method: "POST", Timeout: DefaultTimeout}},
		{"https://example.test/x?y=1", Target{Type: TargetHTTP, URL: "https://example.test/x?y=1", Method: "POST", Timeout: DefaultTimeout}},
	}
	for _, tc := range tests {
		got, err := ParseTarget(tc.spec)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseTarget(%q) =\n%+v, %v\nwant\n%+v", tc.spec, got, err, tc.want)
			continue
		}
		if got.Spec() != redact.URL(tc.spec) { // query values masked
			t.Errorf("ParseTarget(%q).Spec() = %q", tc.spec, got.Spec())
		}
	}
}

func TestParseTargetErrors(t *testing.T) {
	tests := []struct{ spec, want string }{
		{"", "want inproc:NAME"},
		{"decode", "want inproc:NAME"},
		{"inproc:", "a handler name is required"},
		{"function:", "path of a function binary is required"},
		{"rpc://localhost", "not HOST:PORT"},
		{"rpc://localhost:http", "bad port"},
		{"rpc://localhost:70000", "bad port"},
		{"http://", "has no host"},
		{"http://h:port/", "bad URL"},
		{"ftp://h/", "want inproc:NAME"},
		{"https://user:secret@h:bad/", "bad URL"},
	}
	for _, tc := range tests {
		_, err := ParseTarget(tc.spec)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseTarget(%q) = %v, want an error containing %q", tc.spec, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("ParseTarget(%q) error shows the password: %v", tc.spec, err)
		}
	}
}

func TestTargetSpecRedactsPassword(t *testing.T) {
	tg, err := ParseTarget("https://user:secret@example.test/")
	if err != nil {
		t.Fatal(err)
	}
	if got := tg.Spec(); strings.Contains(got, "secret") || !strings.Contains(got, "user:") {
		t.Errorf("Spec() = %q, want the password masked", got)
	}
	if tg.String() != tg.Spec() {
		t.Errorf("String() = %q, Spec() = %q", tg.String(), tg.Spec())
	}
}

func TestTargetSetDefaultsKeepsGiven(t *testing.T) {
	tg := Target{Type: TargetFunction, Path: "p", Timeout: time.Second, Instances: Instances{Min: 2}, Memory: 512}
	tg.SetDefaults()
	if tg.Timeout != time.Second || tg.Instances != (Instances{2, 0}) || tg.Memory != 512 || tg.ConcurrencyPerInstance != 1 {
		t.Errorf("SetDefaults() = %+v", tg)
	}
	web := Target{Type: TargetHTTP, URL: "http://h/"}
	web.SetDefaults()
	if web.Instances != (Instances{}) || web.Memory != 0 || web.Method != "POST" {
		t.Errorf("SetDefaults() on http set another type's defaults: %+v", web)
	}
}
