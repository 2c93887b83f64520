package function

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/disload/disload/internal/platform"
)

// Platform defaults used when Options leave a field zero.
const (
	DefaultTimeout      = platform.FunctionTimeout  // RUNTIME_TIMEOUT's default
	DefaultStartTimeout = 10 * time.Second          // spawn to healthy
	DefaultMemoryMB     = platform.MemoryMB         // smallest FunctionGraph flavour
	DefaultBodySize     = platform.ResponseBodySize // sync request/response limit (6 MB)
	DefaultMaxFailures  = 3                         // failed starts in a row → fatal
	defaultStopGrace    = 2 * time.Second           // SIGTERM → SIGKILL on Close
	maxInstances        = 10000                     // sanity cap on Instances.Max
	// DefaultMaxInstances is FunctionGraph's default "Max. Instances per
	// Function" (range 1–1000, -1 unlimited): Huawei Cloud FunctionGraph
	// user guide, "Configuring Concurrency" (functiongraph_01_0303), read
	// 2026-12. Instances start on demand up to it, so that by default the
	// pool is never what limits a run below that ceiling.
	DefaultMaxInstances = platform.MaxInstances
	// LongQueue is the wait for a free instance, with Instances.Max
	// running, that Options.OnLongQueue reports.
	LongQueue    = 100 * time.Millisecond
	attachScheme = "rpc://"
)

// Instances bounds the number of function instances, as the platform's
// reserved (Min) and maximum (Max) instances. Min 0 starts instances on
// demand only. Max 0 means the platform's default, DefaultMaxInstances (one
// for an attached runtime); the zero value means {1, DefaultMaxInstances}.
// Instances beyond Min start when every call slot is busy, as the
// platform scales out.
type Instances struct {
	Min, Max int
}

// Options configure a Pool. Exactly one of Path (start the binary) and Addr
// (attach to a running runtime) is set.
type Options struct {
	Path string   // function binary to start ("function:PATH")
	Args []string // its arguments
	// Addr attaches to a runtime already running: "rpc://HOST:PORT" or
	// "HOST:PORT". No process is managed; at most one instance.
	Addr string
	// Env adds variables to the instance environment; it overrides the
	// RUNTIME_* defaults except RUNTIME_API_ADDR.
	Env      map[string]string
	UserData map[string]string // RUNTIME_USERDATA, as a JSON object
	FuncName string            // RUNTIME_FUNC_NAME; default: the binary's name
	Version  string            // RUNTIME_FUNC_VERSION; default "latest"
	MemoryMB int               // RUNTIME_MEMORY; default 128
	// Timeout is the function timeout disload enforces (and passes as
	// RUNTIME_TIMEOUT, in whole seconds rounded up); default: RUNTIME_TIMEOUT
	// from Env, else 3 s. A call not answered in time is abandoned and its
	// instance killed and restarted.
	Timeout    time.Duration
	InvokeType string // X-CFF-Invoke-Type: "sync" (default) or "async"
	// Headers are sent on every call (credentials belong here, taken from the
	// environment by the caller); keys are made canonical. Values are never
	// written to a log or an error.
	Headers                http.Header
	Instances              Instances
	ConcurrencyPerInstance int    // calls at once per instance; default 1
	MaxRespBodySize        int    // RUNTIME_MAX_RESP_BODY_SIZE; default 6 MB
	LogDir                 string // instance-N.log files; default: memory only
	StartTimeout           time.Duration
	// OnLongQueue, if set, is called once, the first time a call waited
	// LongQueue or more for a free instance with Instances.Max running
	// (the run should say so, as it does when its in-flight cap is
	// reached); it must not block.
	OnLongQueue func(maxInstances int, wait time.Duration)
	// MaxFailedStarts is how many instance starts in a row may fail (exit,
	// no health, or die before answering any call) before the pool gives up
	// with ClassFatal; default 3.
	MaxFailedStarts int
}

// config is the validated form of Options.
type config struct {
	Options
	path    string // absolute binary path ("" when attaching)
	addr    string // host:port when attaching
	timeout time.Duration
	header  http.Header // canonical, with the invoke type
	env     []string    // environment without RUNTIME_API_ADDR
}

// validate checks o, applies defaults and gathers every problem.
func (o Options) validate() (*config, error) {
	c := &config{Options: o}
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	c.resolveTarget(bad)
	c.applyDefaults(bad)
	if len(errs) > 0 {
		return nil, fmt.Errorf("function options: %w", errors.Join(errs...))
	}
	c.header = c.buildHeader()
	c.env = c.buildEnv()
	return c, nil
}

// resolveTarget checks Path/Addr.
func (c *config) resolveTarget(bad func(string, ...any)) {
	switch {
	case c.Path != "" && c.Addr != "":
		bad("path %q and addr %q: give one, not both", c.Path, c.Addr)
	case c.Path == "" && c.Addr == "":
		bad("path: a function binary path or an rpc:// address is required")
	case c.Addr != "":
		c.addr = strings.TrimPrefix(c.Addr, attachScheme)
		if _, port, err := net.SplitHostPort(c.addr); err != nil || port == "" {
			bad("addr %q: want rpc://HOST:PORT", c.Addr)
		}
	default:
		p, err := resolvePath(c.Path)
		if err != nil {
			bad("path %q: %v", c.Path, err)
		}
		c.path = p
	}
}

// resolvePath finds an executable file: as given, else on PATH.
func resolvePath(p string) (string, error) {
	fi, err := os.Stat(p)
	if err != nil {
		lp, lerr := exec.LookPath(p)
		if lerr != nil || strings.ContainsRune(p, filepath.Separator) {
			return "", err
		}
		return lp, nil
	}
	if !fi.Mode().IsRegular() {
		return "", errors.New("not a regular file")
	}
	if fi.Mode().Perm()&0o111 == 0 {
		return "", errors.New("not executable")
	}
	return filepath.Abs(p)
}

// applyDefaults fills zero fields and checks ranges.
func (c *config) applyDefaults(bad func(string, ...any)) {
	c.applyInstanceDefaults(bad)
	if c.MemoryMB == 0 {
		c.MemoryMB = DefaultMemoryMB
	}
	if c.MaxRespBodySize == 0 {
		c.MaxRespBodySize = DefaultBodySize
	}
	if c.StartTimeout == 0 {
		c.StartTimeout = DefaultStartTimeout
	}
	if c.MaxFailedStarts == 0 {
		c.MaxFailedStarts = DefaultMaxFailures
	}
	if c.Version == "" {
		c.Version = platform.Tag
	}
	if c.FuncName == "" {
		c.FuncName = funcName(c.path)
	}
	switch c.InvokeType {
	case "":
		c.InvokeType = "sync"
	case "sync", "async":
	default:
		bad("invoke type %q: want sync or async", c.InvokeType)
	}
	c.timeout = c.resolveTimeout(bad)
	c.checkRanges(bad)
}

// checkRanges reports negative sizes, bad env names and an unusable LogDir.
func (c *config) checkRanges(bad func(string, ...any)) {
	for _, f := range []struct {
		name string
		v    int
	}{{"memory", c.MemoryMB}, {"max response body size", c.MaxRespBodySize}, {"max failed starts", c.MaxFailedStarts}} {
		if f.v < 0 {
			bad("%s %d: must not be negative", f.name, f.v)
		}
	}
	if c.StartTimeout < 0 {
		bad("start timeout %v: must not be negative", c.StartTimeout)
	}
	if c.LogDir != "" {
		if err := os.MkdirAll(c.LogDir, 0o755); err != nil {
			bad("log dir: %v", err)
		}
	}
	for k := range c.Env {
		if k == "" || strings.ContainsAny(k, "=\x00") {
			bad("env %q: not a valid variable name", k)
		}
	}
}

// applyInstanceDefaults checks Instances and ConcurrencyPerInstance.
func (c *config) applyInstanceDefaults(bad func(string, ...any)) {
	in := &c.Instances
	if in.Min == 0 && in.Max == 0 {
		in.Min = 1
	}
	if in.Max == 0 {
		in.Max = max(in.Min, DefaultMaxInstances)
		if c.addr != "" {
			in.Max = max(in.Min, 1)
		}
	}
	switch {
	case in.Min < 0 || in.Max < 1 || in.Min > in.Max || in.Max > maxInstances:
		bad("instances {min %d, max %d}: want 0 ≤ min ≤ max, 1 ≤ max ≤ %d", in.Min, in.Max, maxInstances)
	case c.addr != "" && in.Max > 1:
		bad("instances max %d: an attached runtime (%s) is one instance", in.Max, c.Addr)
	}
	if c.ConcurrencyPerInstance == 0 {
		c.ConcurrencyPerInstance = 1
	}
	if c.ConcurrencyPerInstance < 1 {
		bad("concurrency per instance %d: must be at least 1", c.ConcurrencyPerInstance)
	}
}

// resolveTimeout picks the enforced timeout: Options, then Env, then 3 s.
func (c *config) resolveTimeout(bad func(string, ...any)) time.Duration {
	if c.Timeout < 0 {
		bad("timeout %v: must not be negative", c.Timeout)
	}
	if c.Timeout > 0 {
		return c.Timeout
	}
	if s, ok := c.Env["RUNTIME_TIMEOUT"]; ok {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			bad("env RUNTIME_TIMEOUT %q: want a positive number of seconds", s)
			return DefaultTimeout
		}
		return time.Duration(n) * time.Second
	}
	return DefaultTimeout
}

// funcName derives a function name from the binary path.
func funcName(path string) string {
	if path == "" {
		return "disload-function"
	}
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

// buildHeader makes the per-call header template with canonical keys.
func (c *config) buildHeader() http.Header {
	h := make(http.Header, len(c.Headers)+2)
	for k, vs := range c.Headers {
		for _, v := range vs {
			h.Add(k, v)
		}
	}
	h.Set("X-CFF-Invoke-Type", c.InvokeType)
	h.Del("X-CFF-Request-Id")
	return h
}

// buildEnv is disload's environment, the RUNTIME_* defaults, then Env.
func (c *config) buildEnv() []string {
	secs := strconv.Itoa(int(math.Ceil(c.timeout.Seconds())))
	dir := filepath.Dir(c.path)
	ud, _ := json.Marshal(c.UserData) // a map[string]string always marshals
	if c.UserData == nil {
		ud = []byte("{}")
	}
	env := append(os.Environ(),
		"RUNTIME_FUNC_NAME="+c.FuncName,
		"RUNTIME_FUNC_VERSION="+c.Version,
		"RUNTIME_MEMORY="+strconv.Itoa(c.MemoryMB),
		"RUNTIME_CPU="+strconv.Itoa(cpuMillicores(c.MemoryMB)),
		"RUNTIME_TIMEOUT="+secs,
		"RUNTIME_USERDATA="+string(ud),
		"RUNTIME_MAX_RESP_BODY_SIZE="+strconv.Itoa(c.MaxRespBodySize),
		"RUNTIME_MAX_REQUEST_BODY_SIZE="+strconv.Itoa(DefaultBodySize),
		"RUNTIME_HANDLER="+filepath.Base(c.path),
		"RUNTIME_PACKAGE=default",
		"RUNTIME_PROJECT_ID=disload",
		"RUNTIME_ROOT="+dir,
		"RUNTIME_CODE_ROOT="+dir,
		"RUNTIME_ALIAS=",
		"RUNTIME_INITIALIZER_HANDLER=",
		"RUNTIME_INITIALIZER_TIMEOUT="+secs,
		"RUNTIME_PRESTOP_HANDLER=",
		"RUNTIME_MAX_STATE_SIZE="+strconv.Itoa(DefaultBodySize),
	)
	for _, k := range slices.Sorted(maps.Keys(c.Env)) {
		env = append(env, k+"="+c.Env[k])
	}
	return env
}

// cpuMillicores is the CPU share the platform gives a memory size: it grows
// in proportion to memory (300 millicores for 128 MB).
func cpuMillicores(memoryMB int) int {
	return max(1, memoryMB*300/128)
}

// GoString is String, so that %#v shows no secret either.
func (o Options) GoString() string { return o.String() }

// String describes the options for logs without any secret: header and env
// values are left out, only their names shown.
func (o Options) String() string {
	target := o.Path
	if o.Addr != "" {
		target = o.Addr
	}
	return fmt.Sprintf("function %s: instances %d..%d, concurrency %d, timeout %v, invoke %s, headers %v, env %v",
		target, o.Instances.Min, o.Instances.Max, o.ConcurrencyPerInstance, o.Timeout, o.InvokeType,
		slices.Sorted(maps.Keys(o.Headers)), slices.Sorted(maps.Keys(o.Env)))
}
