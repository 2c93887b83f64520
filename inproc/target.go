// Package inproc runs FunctionGraph-style Go handlers inside disload: no
// process, no network, so what is measured is the handler (and disload).
// Handlers have the runtime's shape and get a RuntimeContext with the
// runtime's methods; failures are classified as the runtime reports them.
// New makes a target of a registered handler (what `disload run -t
// inproc:NAME` uses), NewTarget one of a handler value.
package inproc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/platform"
)

// Outcome classes this target reports, as the runtime names them (the
// values of Result.Class).
const (
	// ClassReturnError: the handler returned an error, or a nil result
	// (message "response is empty").
	ClassReturnError = string(harness.ClassReturnError)
	// ClassPanic: the handler panicked; the message is %+v of the value.
	ClassPanic = string(harness.ClassPanic)
	// ClassTooLarge: the result is larger than Options.MaxResponseBytes.
	ClassTooLarge = string(harness.ClassTooLarge)
	// ClassBadRequest: an empty payload, which the runtime refuses
	// ("bad request parameters") without calling the handler.
	ClassBadRequest = string(harness.ClassBadRequest)
)

// DefaultTimeout is the function timeout the context reports when
// Options.Timeout is 0 (the runtime's default RUNTIME_TIMEOUT).
const DefaultTimeout = platform.FunctionTimeout

// Options are the function's settings, as the runtime reads them from its
// environment, and where its log goes.
type Options struct {
	FunctionName string        // default: the handler's name
	Version      string        // default "latest"
	Package      string        // RUNTIME_PACKAGE
	ProjectID    string        // RUNTIME_PROJECT_ID
	MemoryMB     int           // RUNTIME_MEMORY
	CPU          int           // RUNTIME_CPU
	Timeout      time.Duration // RUNTIME_TIMEOUT as the context reports it (default 3s); enforce one with the run's Timeout
	UserData     map[string]string

	AccessKey, SecretKey                 string
	SecurityAccessKey, SecuritySecretKey string
	Token, SecurityToken                 string

	// MaxResponseBytes is RUNTIME_MAX_RESP_BODY_SIZE: a larger result fails
	// with ClassTooLarge. 0 = no limit (and no cost: the result is not
	// marshalled).
	MaxResponseBytes int
	// Log receives the handler's log lines; nil means io.Discard.
	Log io.Writer
}

// Validate reports every negative setting.
func (o Options) Validate() error {
	var errs []error
	for _, f := range []struct {
		name string
		v    int64
	}{{"memory", int64(o.MemoryMB)}, {"cpu", int64(o.CPU)}, {"timeout", int64(o.Timeout)},
		{"max_response_bytes", int64(o.MaxResponseBytes)}} {
		if f.v < 0 {
			errs = append(errs, fmt.Errorf("%s: must not be negative", f.name))
		}
	}
	return errors.Join(errs...)
}

// function is a handler with its settings: everything a call needs. The
// executors' goroutines hold it, never the target, so that an unreachable
// target can still be cleaned up.
type function struct {
	h    Handler
	opts Options
	ids  *idSource
	log  *logSink
	ctxs sync.Pool // *callContext
}

// Target calls one handler, as the runtime would: with a RuntimeContext,
// under the caller's deadline, with the runtime's failure classes. Call
// invokes it; Invoke is the same call in the shape disload's engines use.
// Close it when done.
type Target struct {
	*function
	execs   *executors
	cleanup runtime.Cleanup
}

var _ harness.Target = (*Target)(nil)

// New returns a target calling the handler spec names: a registered name
// (see Names; built-ins: decode, json, noop) or sleep:DURATION (e.g.
// sleep:5ms). An "inproc:" prefix is accepted.
func New(spec string, opts Options) (*Target, error) {
	name := strings.TrimPrefix(spec, "inproc:")
	h, err := resolve(name)
	if err != nil {
		return nil, err
	}
	if err := opts.Validate(); err != nil {
		return nil, fmt.Errorf("inproc: %w", err)
	}
	return newTarget(name, h, opts), nil
}

// DefaultFunctionName is the function name NewTarget's handlers see when
// Options.FunctionName is empty.
const DefaultFunctionName = "handler"

// NewTarget returns a target calling h, as New does a registered handler,
// without registering it: for a handler value such as a closure or a
// method, and for tests and benchmarks that make many targets. The
// handler's context reports Options.FunctionName, or DefaultFunctionName
// when it is empty. It fails on a nil handler or invalid options. Close the
// target when done with it: that ends the goroutines it keeps to enforce
// deadlines.
func NewTarget(h Handler, opts Options) (*Target, error) {
	if h == nil {
		return nil, errors.New("inproc: NewTarget: nil handler")
	}
	if err := opts.Validate(); err != nil {
		return nil, fmt.Errorf("inproc: %w", err)
	}
	return newTarget(DefaultFunctionName, h, opts), nil
}

// newTarget fills in the defaults and builds the target.
func newTarget(name string, h Handler, opts Options) *Target {
	if opts.FunctionName == "" {
		opts.FunctionName = name
	}
	if opts.Version == "" {
		opts.Version = platform.Tag
	}
	if opts.Timeout == 0 {
		opts.Timeout = DefaultTimeout
	}
	f := &function{h: h, opts: opts, ids: newIDSource(), log: &logSink{w: opts.Log}}
	f.ctxs.New = func() any { return &callContext{f: f} }
	t := &Target{function: f, execs: &executors{fn: f}}
	// A target dropped without Close still ends its idle executors.
	t.cleanup = runtime.AddCleanup(t, (*executors).close, t.execs)
	return t
}

func resolve(name string) (Handler, error) {
	if d, ok := strings.CutPrefix(name, sleepPrefix); ok {
		dur, err := time.ParseDuration(d)
		if err != nil || dur < 0 {
			return nil, fmt.Errorf("inproc: %q: bad sleep duration %q (e.g. sleep:5ms); valid: %s", name, d, validSpecs())
		}
		return Sleep(dur), nil
	}
	if h, ok := Lookup(name); ok {
		return h, nil
	}
	return nil, fmt.Errorf("inproc: unknown handler %q; valid: %s", name, validSpecs())
}

// Close ends the target's idle executors (the goroutines that run
// handlers under a deadline); an abandoned handler's executor ends when
// the handler returns. Close never fails and may be called more than once.
func (t *Target) Close() error {
	t.cleanup.Stop()
	t.execs.close()
	return nil
}

// Invoke calls the handler with the event. Without a deadline on ctx the
// handler runs inline on the caller's goroutine (no goroutine, no copy, no
// allocation of the target's own). With a deadline it runs on one of the
// target's executor goroutines with the executor's own copy of the
// payload; when ctx is done first the call returns "timeout" (or
// "canceled") and the handler is abandoned: it runs on, its copy of the
// payload stays its own, and its result is discarded when it ends.
func (t *Target) Invoke(ctx context.Context, ev *harness.Event) harness.Outcome {
	if len(ev.Payload) == 0 {
		return harness.Outcome{Class: harness.ClassBadRequest, Message: "bad request parameters"}
	}
	if ctx.Err() != nil {
		return ctxOutcome(ctx, "the deadline had passed before the call: not called")
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		return t.call(ev.Payload, time.Time{})
	}
	return t.execs.run(ctx, ev.Payload, deadline)
}

// Result is how one call went: Class is "" on success, else the runtime's
// class (ClassReturnError, ClassPanic, ClassTooLarge, ClassBadRequest) or
// disload's "timeout" (ctx's deadline passed first) or "canceled".
type Result struct {
	Class   string
	Message string // the error text; empty on success
}

// OK reports whether the call succeeded.
func (r Result) OK() bool { return r.Class == "" }

// Call invokes the handler once with payload, as Invoke does: under ctx's
// deadline if it has one (the handler is abandoned when it passes),
// inline otherwise.
func (t *Target) Call(ctx context.Context, payload []byte) Result {
	out := t.Invoke(ctx, &harness.Event{Payload: payload, Records: 1})
	return Result{Class: string(out.Class), Message: out.Message}
}

// ctxOutcome is the outcome of a call whose ctx is done: a timeout with
// the message timedOut, or a cancellation.
func ctxOutcome(ctx context.Context, timedOut string) harness.Outcome {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return harness.Outcome{Class: harness.ClassTimeout, Message: timedOut}
	}
	return harness.Outcome{Class: harness.ClassCanceled, Message: "the call was canceled: " + ctx.Err().Error()}
}

// call runs the handler and classifies what it did. It reads the clock
// only for a call without a deadline, the one kind whose context needs its
// start: a clock read costs as much as the rest of a noop call.
func (f *function) call(payload []byte, deadline time.Time) (out harness.Outcome) {
	c := f.ctxs.Get().(*callContext)
	c.deadline, c.reqID = deadline, ""
	if deadline.IsZero() {
		c.start = time.Now()
	}
	defer func() {
		if v := recover(); v != nil {
			msg := fmt.Sprintf("%+v", v)
			c.Logf("invoke function failed for function code panic, error=%s.", msg)
			out = harness.Outcome{Class: harness.ClassPanic, Message: msg}
		}
		f.ctxs.Put(c)
	}()
	res, err := f.h(payload, c)
	return f.classify(c, res, err)
}

var errEmpty = errors.New("response is empty")

// classify mirrors the runtime: a nil result is an error whatever the
// handler returned with it; then the handler's error; then the size limit.
func (f *function) classify(c *callContext, res any, err error) harness.Outcome {
	if res == nil {
		err = errEmpty
	}
	if err != nil {
		msg := err.Error()
		c.Logf("%s", msg)
		return harness.Outcome{Class: harness.ClassReturnError, Message: msg}
	}
	if limit := f.opts.MaxResponseBytes; limit > 0 {
		if n := responseSize(res); n > limit {
			msg := fmt.Sprintf("Response body size '%d' larger than max value '%d'.", n, limit)
			c.Logf("%s", msg)
			return harness.Outcome{Class: harness.ClassTooLarge, Message: msg}
		}
	}
	return harness.Outcome{}
}

// responseSize is the length of the result as the runtime sends it.
func responseSize(res any) int {
	switch v := res.(type) {
	case string:
		return len(v)
	case []byte:
		return len(v)
	}
	b, err := json.Marshal(res)
	if err != nil {
		return 0 // the runtime sends an empty body
	}
	return len(b)
}
