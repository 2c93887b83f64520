package scenarios

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/disload/disload/internal/platform"
	"github.com/disload/disload/internal/redact"
)

// TargetType says what receives the events.
type TargetType string

// Target types.
const (
	// TargetInproc is a handler compiled into disload, called in-process.
	TargetInproc TargetType = "inproc"
	// TargetFunction is a FunctionGraph Go function binary disload spawns and
	// calls over the runtime's RPC protocol.
	TargetFunction TargetType = "function"
	// TargetRPC is a function already listening on an address (the runtime's
	// RPC protocol, without process supervision).
	TargetRPC TargetType = "rpc"
	// TargetHTTP is an HTTP or HTTPS endpoint that receives each event as a
	// request body.
	TargetHTTP TargetType = "http"
)

// TargetTypes lists the target types in a stable order.
var TargetTypes = []TargetType{TargetInproc, TargetFunction, TargetRPC, TargetHTTP}

// InvokeType is how a function or rpc target is invoked.
type InvokeType string

// Invoke types (the X-CFF-Invoke-Type header).
const (
	InvokeSync  InvokeType = "sync"
	InvokeAsync InvokeType = "async"
)

// Target defaults.
const (
	DefaultTimeout         = platform.FunctionTimeout
	DefaultMethod          = "POST"
	DefaultMemory          = platform.MemoryMB         // MB
	DefaultMaxRespBodySize = platform.ResponseBodySize // bytes (6 MB read as 6 MiB)
	DefaultInproc          = "decode"                  // in-process handler of the default target
)

// Target is where the events go. Which fields apply depends on Type; a field
// of another type is an error. Numeric fields left at 0 take their defaults
// (SetDefaults), so 0 means "default" there.
type Target struct {
	Type TargetType
	Name string   // inproc: the handler's name, e.g. "decode"
	Path string   // function: the binary, relative to the working directory
	Args []string // function: extra command-line arguments
	// Runtime is how a function runs (go, custom, python, node, http,
	// container, image); "" detects it from Path.
	Runtime FunctionRuntime
	// Handler is RUNTIME_HANDLER (function), e.g. index.handler for python
	// and node.
	Handler string
	// Initializer is RUNTIME_INITIALIZER_HANDLER (python, node), e.g.
	// index.initializer.
	Initializer string
	Addr        string // rpc: HOST:PORT of a running function
	URL         string // http: an http:// or https:// URL
	// Method is the HTTP method (http), default POST.
	Method string
	// Headers are extra request headers (http), with ${VAR}s expanded.
	Headers map[string]string
	// TLS configures an https:// URL; it is an error on http://.
	TLS TLS
	// Timeout bounds one invocation (every type), default 3s; a function
	// also gets it as RUNTIME_TIMEOUT.
	Timeout time.Duration
	// InvokeType is sync (default) or async (function, rpc).
	InvokeType InvokeType
	// Instances bounds the function processes (function), default: 1
	// started first, more on demand up to the platform's default maximum.
	Instances Instances
	// ConcurrencyPerInstance is how many calls one process runs at a time
	// (function), default 1.
	ConcurrencyPerInstance int
	// Memory is the function's RUNTIME_MEMORY in MB (function, inproc,
	// rpc), default 128; it is also the memory a run's cost is billed at.
	Memory int
	// Env is extra environment of the function process, with ${VAR}s expanded.
	Env map[string]string
	// Userdata becomes RUNTIME_USERDATA, a JSON object of strings (function),
	// with ${VAR}s expanded.
	Userdata map[string]string
	// MaxRespBodySize is RUNTIME_MAX_RESP_BODY_SIZE in bytes (function),
	// default 6MiB.
	MaxRespBodySize int
	// Raw holds, for each value that referenced environment variables, the
	// text as written, keyed by its path under target ("headers.X-Api-Key").
	// Redacted prints these instead of the expanded secrets.
	Raw map[string]string
}

// TLS configures the client side of an https:// target.
type TLS struct {
	InsecureSkipVerify bool   // do not verify the server's certificate
	CAFile             string // PEM roots to trust instead of the system's
	CertFile           string // client certificate (PEM), with KeyFile
	KeyFile            string // client key (PEM), with CertFile
	ServerName         string // name to verify instead of the URL's host
}

// Instances bounds the number of function processes: Min start before
// the load, more start on demand up to Max. Max 0 means the platform's
// default maximum (400, see function.DefaultMaxInstances).
type Instances struct {
	Min, Max int
}

// ParseTarget reads a target spec: "inproc:NAME", "function:PATH",
// "rpc://HOST:PORT", or an "http://" or "https://" URL. The result has its
// defaults set; Spec is the inverse.
func ParseTarget(spec string) (Target, error) {
	t, isRuntime := parseRuntimeSpec(spec)
	switch {
	case isRuntime:
	case strings.HasPrefix(spec, "inproc:"):
		t = Target{Type: TargetInproc, Name: strings.TrimPrefix(spec, "inproc:")}
	case strings.HasPrefix(spec, "function:"):
		t = Target{Type: TargetFunction, Path: strings.TrimPrefix(spec, "function:")}
	case strings.HasPrefix(spec, "rpc://"):
		t = Target{Type: TargetRPC, Addr: strings.TrimPrefix(spec, "rpc://")}
	case strings.HasPrefix(spec, "http://"), strings.HasPrefix(spec, "https://"):
		t = Target{Type: TargetHTTP, URL: spec}
	default:
		return Target{}, fmt.Errorf("bad target %q: want inproc:NAME, function:PATH, custom:PATH, python:DIR/index.handler, node:DIR/index.handler, http-function:PATH, container:COMMAND, image:IMAGE, rpc://HOST:PORT or an http(s):// URL", spec)
	}
	if err := t.checkEndpoint(); err != nil {
		return Target{}, fmt.Errorf("bad target %q: %v", redactURL(spec), err)
	}
	t.SetDefaults()
	return t, nil
}

// Spec returns the target as a spec string that ParseTarget reads back (the
// other settings are not part of it). A URL's password is masked.
func (t Target) Spec() string {
	switch t.Type {
	case TargetInproc:
		return "inproc:" + t.Name
	case TargetFunction:
		if s := t.runtimeSpec(); s != "" {
			return s
		}
		return "function:" + t.Path
	case TargetRPC:
		return "rpc://" + t.Addr
	case TargetHTTP:
		return redactURL(t.URL)
	}
	return string(t.Type)
}

// FunctionLike reports whether t runs a function the platform would bill
// (inproc, function, rpc), so that a run against it has a cost.
func (t Target) FunctionLike() bool {
	return t.Type == TargetInproc || t.Type == TargetFunction || t.Type == TargetRPC
}

// BilledMemory is the memory in MB a run's cost is computed at: Memory, or
// DefaultMemory when it is not set.
func (t Target) BilledMemory() int { return cmpOr(t.Memory, DefaultMemory) }

// String is the same as Spec.
func (t Target) String() string { return t.Spec() }

// SetDefaults fills the fields of t's type that are zero with their defaults.
func (t *Target) SetDefaults() {
	if t.Timeout == 0 {
		t.Timeout = DefaultTimeout
	}
	switch t.Type {
	case TargetHTTP:
		t.Method = cmpOr(t.Method, DefaultMethod)
	case TargetRPC:
		t.InvokeType = cmpOr(t.InvokeType, InvokeSync)
	case TargetFunction:
		t.InvokeType = cmpOr(t.InvokeType, InvokeSync)
		t.Instances.Min = cmpOr(t.Instances.Min, 1)
		t.ConcurrencyPerInstance = cmpOr(t.ConcurrencyPerInstance, 1)
		t.Memory = cmpOr(t.Memory, DefaultMemory)
		t.MaxRespBodySize = cmpOr(t.MaxRespBodySize, DefaultMaxRespBodySize)
	}
}

// cmpOr returns v, or def when v is the zero value.
func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// checkEndpoint checks the one field that says where t's type sends events.
func (t *Target) checkEndpoint() error {
	switch {
	case t.Type == TargetInproc && t.Name == "":
		return fmt.Errorf("a handler name is required, e.g. inproc:decode")
	case t.Type == TargetFunction && t.Path == "":
		return fmt.Errorf("the path of a function binary is required")
	case t.Type == TargetRPC && t.Addr == "":
		return fmt.Errorf("an address HOST:PORT is required")
	case t.Type == TargetRPC:
		return checkHostPort(t.Addr)
	case t.Type == TargetHTTP && t.URL == "":
		return fmt.Errorf("a URL is required, e.g. http://127.0.0.1:8080/events")
	case t.Type == TargetHTTP:
		_, err := parseHTTPURL(t.URL)
		return err
	}
	return nil
}

// checkHostPort checks a HOST:PORT address.
func checkHostPort(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q is not HOST:PORT", addr)
	}
	if p, err := strconv.Atoi(port); err != nil || p < 1 || p > 65535 {
		return fmt.Errorf("address %q has a bad port", addr)
	}
	return nil
}

// parseHTTPURL parses an absolute http:// or https:// URL with a host.
func parseHTTPURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("bad URL: %v", urlErrText(err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("URL %q must start with http:// or https://", redactURL(raw))
	}
	if u.Host == "" {
		return nil, fmt.Errorf("URL %q has no host", redactURL(raw))
	}
	return u, nil
}

// urlErrText is a url.Parse error without the (possibly secret) URL.
func urlErrText(err error) string {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err.Error()
	}
	return err.Error()
}

// redactURL masks a URL's secrets (query values, password, lone user
// name) as every writer of a run does, even in a URL that does not parse.
func redactURL(raw string) string { return redact.URL(raw) }
