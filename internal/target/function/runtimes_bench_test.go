package function

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disload/disload/internal/harness"
)

// buildGoBootstrap builds testdata/gobootstrap into a temporary folder.
func buildGoBootstrap(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "bootstrap")
	if out, err := exec.Command("go", "build", "-o", bin, "./testdata/gobootstrap").CombinedOutput(); err != nil {
		b.Fatalf("build testdata/gobootstrap: %v\n%s", err, out)
	}
	return bin
}

// benchPool invokes one instance of opts back to back.
func benchPool(b *testing.B, opts Options) {
	p, err := New(opts)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	if err := p.Start(b.Context()); err != nil {
		b.Fatal(err)
	}
	ev := &harness.Event{Payload: noopPayload(b)}
	b.ResetTimer()
	for b.Loop() {
		if out := p.Invoke(context.Background(), ev); !out.OK() {
			b.Fatalf("%+v", out)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkCustomRuntime: Pool.Invoke through the custom runtime API to a
// Go bootstrap, one instance, one call at a time. Compare with
// BenchmarkBareRuntimeAPI on the same bootstrap.
func BenchmarkCustomRuntime(b *testing.B) {
	benchPool(b, Options{Runtime: RuntimeCustom, Path: buildGoBootstrap(b), Instances: Instances{Min: 1, Max: 1}})
}

// BenchmarkBareRuntimeAPI: the same bootstrap against a bare loop: a
// minimal runtime API handing it the event and taking its answer, without
// the pool (no slots, timers, request ids or classification).
func BenchmarkBareRuntimeAPI(b *testing.B) {
	bin := buildGoBootstrap(b)
	events, answers := make(chan []byte), make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+apiNext, func(w http.ResponseWriter, r *http.Request) {
		select {
		case ev := <-events:
			w.Header().Set("X-Cff-Request-Id", "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b")
			w.Write(ev) //nolint:errcheck // the loop sees a missing answer
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("POST "+apiResponse+"{id}", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) //nolint:errcheck // drained
		answers <- struct{}{}
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln) //nolint:errcheck // closed below
	defer srv.Close()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "RUNTIME_API_ADDR="+ln.Addr().String())
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }() //nolint:errcheck // the bootstrap never exits on its own
	payload := noopPayload(b)
	b.ResetTimer()
	for b.Loop() {
		events <- payload
		<-answers
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkNoopHandler: a no-op Python and Node.js handler, one instance,
// one call at a time: events/s per instance.
func BenchmarkNoopHandler(b *testing.B) {
	for _, rt := range []Runtime{RuntimePython, RuntimeNode} {
		b.Run(string(rt), func(b *testing.B) {
			if _, err := exec.LookPath(interpreters[rt][0]); err != nil {
				b.Skipf("SKIP: %s not installed", strings.Join(interpreters[rt], " or "))
			}
			benchPool(b, Options{Runtime: rt, Path: "testdata/noop", Instances: Instances{Min: 1, Max: 1}})
		})
	}
}
