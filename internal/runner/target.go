package runner

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"time"

	"github.com/disload/disload/inproc"
	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/scenarios"
	"github.com/disload/disload/internal/target/function"
	"github.com/disload/disload/internal/target/httptarget"
)

// openTarget builds the scenario's target. logDir is where a function's
// instance logs go ("" keeps them in memory); handlerLog receives the log
// lines of in-process handlers; warn, warnings during the run (a
// function's calls queueing with instances.max running).
func openTarget(t scenarios.Target, concurrency int, logDir string, handlerLog io.Writer, warn func(string)) (harness.Target, error) {
	switch t.Type {
	case scenarios.TargetInproc:
		tgt, err := inproc.New(t.Name, inproc.Options{
			Timeout: t.Timeout, Log: handlerLog, UserData: t.Userdata, MemoryMB: t.Memory,
		})
		if err != nil {
			return nil, err // not a nil *Target in a non-nil interface
		}
		return tgt, nil
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
			OnLongQueue: func(maxInstances int, wait time.Duration) {
				warn(fmt.Sprintf("instances.max %d reached: a call waited %v for a free instance "+
					"(this counts in response time; raise it with --instances MIN:MAX)", maxInstances, wait.Round(time.Millisecond)))
			},
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

// runWarner returns how warnings reach the user during the run: on the
// progress writer (a terminal, its live line cleared first) or on Warn.
func runWarner(o Options) func(string) {
	return func(msg string) {
		switch {
		case o.Progress != nil:
			fmt.Fprintf(o.Progress, "\r\033[Kwarning: %s\n", msg)
		case o.Warn != nil:
			fmt.Fprintf(o.Warn, "warning: %s\n", msg)
		}
	}
}

// instanceStats is implemented by targets that run instances (function).
type instanceStats interface{ Stats() function.Stats }

// instanceFigures are the target's instances for the summary, nil for a
// target without instances; when calls waited long for an instance with
// instances.max running, warn says so.
func instanceFigures(tgt harness.Target, warn io.Writer) *reports.InstanceFigures {
	is, ok := tgt.(instanceStats)
	if !ok {
		return nil
	}
	st := is.Stats()
	if st.QueuedAtMax > 0 && st.LongestQueue >= function.LongQueue && warn != nil {
		fmt.Fprintf(warn, "warning: instances.max %d reached: %d calls waited for a free instance, the longest %v "+
			"(this counts in response time; raise it with --instances MIN:MAX)\n",
			st.MaxInstances, st.QueuedAtMax, st.LongestQueue.Round(time.Millisecond))
	}
	return &reports.InstanceFigures{
		Max: st.MaxInstances, Peak: st.PeakInstances, ColdStarts: st.ColdStarts, QueuedAtMax: st.QueuedAtMax,
		LongestQueueMs: float64(st.LongestQueue) / float64(time.Millisecond),
	}
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
