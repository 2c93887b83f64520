package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"
)

// InvokeRequest is the argument of Function.Invoke.
type InvokeRequest struct {
	Payload []byte
	Header  http.Header
}

// InvokeResponse is the reply of Function.Invoke.
type InvokeResponse struct {
	StatusCode int
	Payload    []byte
}

// HealthCheckRequest is the argument of Function.HealthCheck.
type HealthCheckRequest struct{}

// HealthCheckResponse is the reply of Function.HealthCheck.
type HealthCheckResponse struct{}

// Function is the rpc receiver, as the runtime's.
type Function struct {
	k  *knobs
	st *stats
}

// errorBody is the runtime's error text, keys in this order.
type errorBody struct {
	ErrorMessage string   `json:"errorMessage"`
	ErrorType    string   `json:"errorType"`
	StackTrace   []string `json:"stackTrace,omitempty"`
}

// logMu serialises log lines (the runtime has one logger per process).
var logMu sync.Mutex

// logf writes "<time> <request id> <message>" to stdout.
func logf(rid, format string, a ...any) {
	logMu.Lock()
	defer logMu.Unlock()
	fmt.Fprintf(os.Stdout, "%s %s %s\n", time.Now().UTC().Format("2006-01-02T15:04:05.000Z"), rid, fmt.Sprintf(format, a...))
}

// HealthCheck answers the platform's liveness probe.
func (f *Function) HealthCheck(*HealthCheckRequest, *HealthCheckResponse) error { return nil }

// Invoke runs the handler and shapes the result as the runtime does.
func (f *Function) Invoke(req *InvokeRequest, resp *InvokeResponse) error {
	if len(req.Payload) == 0 {
		return errors.New("bad request parameters")
	}
	rid := req.Header.Get("X-CFF-Request-Id")
	async := req.Header.Get("X-CFF-Invoke-Type") == "async"
	n := f.st.begin(req, f.k, async)
	defer f.st.end()
	result, err, pv, stack := f.call(n, rid, req.Payload)
	switch {
	case stack != nil:
		logf(rid, "panic: %+v", pv)
		for _, l := range stack {
			fmt.Fprintln(os.Stdout, l)
		}
		if async {
			return nil
		}
		return errText("panic", fmt.Sprintf("%+v", pv), stack)
	case result == nil:
		return errText("FunctionReturnError", "response is empty", nil)
	case err != nil:
		return errText("FunctionReturnError", err.Error(), nil)
	}
	body, err := toBytes(result)
	if err != nil {
		return errText("FunctionReturnError", err.Error(), nil)
	}
	resp.StatusCode = 200
	if async {
		return nil
	}
	if f.k.maxResp > 0 && len(body) > f.k.maxResp {
		return errText("FunctionResponseTooLarge",
			fmt.Sprintf("Response body size '%d' larger than max value '%d'.", len(body), f.k.maxResp), nil)
	}
	resp.Payload = body
	return nil
}

// call runs the handler, turning a panic into its value and stack.
func (f *Function) call(n int64, rid string, payload []byte) (result any, err error, pv any, stack []string) {
	defer func() {
		if v := recover(); v != nil {
			pv, stack = v, stackTrace()
		}
	}()
	result, err = f.handle(n, rid, payload)
	return result, err, nil, nil
}

// stackTrace lists the panicking goroutine's frames as the runtime does:
// "Func()" then "    file:line", at most 32 frames.
func stackTrace() []string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	var out []string
	for {
		fr, more := frames.Next()
		out = append(out, fr.Function+"()", fmt.Sprintf("    %s:%d", fr.File, fr.Line))
		if !more {
			return out
		}
	}
}

// errText is the rpc error the runtime returns: 4-space indented JSON.
func errText(typ, msg string, stack []string) error {
	b, err := json.MarshalIndent(errorBody{ErrorMessage: msg, ErrorType: typ, StackTrace: stack}, "", "    ")
	if err != nil {
		return err
	}
	return errors.New(string(b))
}

// toBytes converts a handler result as the runtime does.
func toBytes(v any) ([]byte, error) {
	switch r := v.(type) {
	case string:
		return []byte(r), nil
	case []byte:
		return r, nil
	}
	return json.Marshal(v)
}

// handle is the test handler.
func (f *Function) handle(n int64, rid string, payload []byte) (any, error) {
	k := f.k
	if k.exitAt == n {
		logf(rid, "exiting at call %d as asked (FN_EXIT_AT)", n)
		f.writeCounts()
		os.Exit(3)
	}
	time.Sleep(k.sleep)
	if k.slowFile != "" {
		if _, err := os.Stat(k.slowFile); err == nil {
			time.Sleep(k.slow)
		}
	}
	switch {
	case every(k.panicEvery, n):
		panic(fmt.Sprintf("boom at call %d", n))
	case every(k.failEvery, n):
		logf(rid, "failing call %d", n)
		return "partial", fmt.Errorf("failed at call %d", n)
	case every(k.emptyEvery, n):
		return nil, nil
	case every(k.hugeEvery, n):
		return strings.Repeat("x", k.maxResp+1), nil
	}
	if k.logCalls {
		logf(rid, "call %d ok (%d bytes)", n, len(payload))
	}
	return "ok", nil
}

// every reports whether call n is a multiple of a positive k.
func every(k, n int64) bool { return k > 0 && n%k == 0 }
