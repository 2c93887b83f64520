package runner

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"

	"github.com/disload/disload/harness"
	"github.com/disload/disload/harness/function"
	"github.com/disload/disload/harness/httptarget"
	"github.com/disload/disload/harness/inproc"
	"github.com/disload/disload/scenarios"
)

// openTarget builds the scenario's target. logDir is where a function's
// instance logs go ("" keeps them in memory); handlerLog receives the log
// lines of in-process handlers.
func openTarget(t scenarios.Target, concurrency int, logDir string, handlerLog io.Writer) (harness.Target, error) {
	switch t.Type {
	case scenarios.TargetInproc:
		return inproc.New(t.Name, inproc.Options{
			Timeout: t.Timeout, Log: handlerLog, UserData: t.Userdata, MemoryMB: t.Memory,
		})
	case scenarios.TargetHTTP:
		return httptarget.New(t.URL, httptarget.Options{
			// The run's per-invoke timeout bounds each request already.
			Method: t.Method, Headers: header(t.Headers), MaxConns: concurrency,
			TLS: httptarget.TLSOptions{
				InsecureSkipVerify: t.TLS.InsecureSkipVerify, CAFile: t.TLS.CAFile,
				CertFile: t.TLS.CertFile, KeyFile: t.TLS.KeyFile, ServerName: t.TLS.ServerName,
			},
		})
	case scenarios.TargetFunction, scenarios.TargetRPC:
		opts := function.Options{
			Path: t.Path, Args: t.Args, Env: t.Env, UserData: t.Userdata,
			MemoryMB: t.Memory, Timeout: t.Timeout, InvokeType: string(t.InvokeType),
			Headers: header(t.Headers), Instances: function.Instances{Min: t.Instances.Min, Max: t.Instances.Max},
			ConcurrencyPerInstance: t.ConcurrencyPerInstance, MaxRespBodySize: t.MaxRespBodySize,
		}
		if t.Type == scenarios.TargetRPC {
			opts.Addr = "rpc://" + t.Addr
		}
		if logDir != "" {
			opts.LogDir = filepath.Join(logDir, "logs")
		}
		return function.New(opts)
	}
	return nil, fmt.Errorf("target: unknown type %q", t.Type)
}

func header(m map[string]string) http.Header {
	if len(m) == 0 {
		return nil
	}
	h := make(http.Header, len(m))
	for k, v := range m {
		h.Set(k, v)
	}
	return h
}
