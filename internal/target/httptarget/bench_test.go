package httptarget

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/harness"
)

// BenchmarkInvoke sends a 1 KB event to a local net/http server with each
// client, one request at a time per goroutine (run with -cpu to vary the
// goroutines), so that the two clients compare side by side:
//
//	go test -run '^$' -bench Invoke -benchmem -count 6 ./internal/target/httptarget
func BenchmarkInvoke(b *testing.B) {
	srv := http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		io.WriteString(w, "ok")
	}), ErrorLog: quietLog()}
	ln := listenLoopback(b)
	go srv.Serve(ln)
	b.Cleanup(func() { srv.Close() })
	ev := &harness.Event{Payload: []byte(`{"message":"` + strings.Repeat("x", 1000) + `"}`)}
	for _, c := range clients {
		b.Run(c.String(), func(b *testing.B) {
			tgt, err := newTarget("http://"+ln.Addr().String()+"/", Options{}, c)
			if err != nil {
				b.Fatal(err)
			}
			defer tgt.Close()
			ctx, cancel := context.WithTimeout(context.Background(), timeoutForBench)
			defer cancel()
			b.SetBytes(int64(len(ev.Payload)))
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if out := tgt.Invoke(ctx, ev); !out.OK() {
						b.Error(out)
						return
					}
				}
			})
		})
	}
}

// timeoutForBench is the deadline the benchmark's requests carry, as a
// run's per-invoke timeout would.
const timeoutForBench = time.Hour

func listenLoopback(b *testing.B) net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	return ln
}
