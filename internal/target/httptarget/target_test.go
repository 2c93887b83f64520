package httptarget

import (
	"bufio"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/disload/disload/internal/harness"
)

func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }

// server starts a test server on 127.0.0.1, closed when the test ends.
func server(t *testing.T, h http.HandlerFunc, configure ...func(*http.Server)) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = quietLog()
	for _, c := range configure {
		c(srv.Config) // before Start: the server reads its config as it starts
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// clients are the HTTP clients every behaviour is checked with.
var clients = []client{clientFast, clientStd}

// eachClient runs test once with each HTTP client.
func eachClient(t *testing.T, test func(t *testing.T, c client)) {
	for _, c := range clients {
		t.Run(c.String(), func(t *testing.T) { test(t, c) })
	}
}

func newTestTarget(t *testing.T, c client, url string, opts Options) harness.Target {
	t.Helper()
	tgt, err := newTarget(url, opts, c)
	if err != nil {
		t.Fatalf("newTarget(%q): %v", url, err)
	}
	t.Cleanup(func() { tgt.Close() })
	return tgt
}

var event = &harness.Event{Payload: []byte(`{"ShardID":"shardId-0000000000"}`)}

func reply(code int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

// hijack runs fn on the raw connection instead of answering.
func hijack(fn func(net.Conn, *bufio.ReadWriter)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, rw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			panic(err)
		}
		defer conn.Close()
		fn(conn, rw)
	}
}

func TestStatusClasses(t *testing.T) {
	eachClient(t, func(t *testing.T, c client) {
		long := strings.Repeat("x", 150) + "\n" + strings.Repeat("y", 150)
		for _, tc := range []struct {
			name  string
			h     http.HandlerFunc
			class harness.Class
			msg   string
		}{
			{"200", reply(200, `{"ok":true}`), "", ""},
			{"204", reply(204, ""), "", ""},
			{"404", reply(404, "no such function\n"), Class4xx, "HTTP 404: no such function"},
			{"429", reply(429, ""), Class4xx, "HTTP 429: "},
			{"503 long body", reply(503, long), Class5xx, "HTTP 503: " + strings.Repeat("x", 150) + " " + strings.Repeat("y", 49)},
			{"200 with a body of 5 MB", reply(200, strings.Repeat("z", 5<<20)), "", ""},
			{"200 with a body at the limit", reply(200, strings.Repeat("z", MaxResponseBody)), "", ""},
			{"200 with a body over the limit", reply(200, strings.Repeat("z", MaxResponseBody+1)), ClassBodyTooLarge,
				"HTTP 200 with a body over 6 MB, the platform's response limit"},
			{"200 with an endless body", endless, ClassBodyTooLarge, "HTTP 200 with a body over 6 MB, the platform's response limit"},
			{"500 with a body over the limit", reply(500, strings.Repeat("z", MaxResponseBody+1)), Class5xx, "HTTP 500: " + strings.Repeat("z", maxMessageBody)},
			{"header of 12 KB", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Big", strings.Repeat("h", 12<<10))
			}, "", ""},
			{"302 not followed", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/elsewhere", http.StatusFound) },
				ClassOther, "HTTP 302: "}, // no body for a POST
			{"reset before a response", hijack(func(net.Conn, *bufio.ReadWriter) {}), ClassConnect, "EOF"},
			{"body cut short", hijack(func(_ net.Conn, rw *bufio.ReadWriter) {
				rw.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b")
				rw.Flush()
			}), ClassRead, "unexpected EOF"},
			{"chunked body cut short", hijack(func(_ net.Conn, rw *bufio.ReadWriter) {
				rw.WriteString("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40\r\nonly ten b")
				rw.Flush()
			}), ClassRead, "EOF"},
			{"not HTTP", hijack(func(_ net.Conn, rw *bufio.ReadWriter) {
				rw.WriteString("SSH-2.0-OpenSSH_9.2\r\n\r\n")
				rw.Flush()
			}), ClassConnect, ""},
		} {
			srv := server(t, tc.h)
			out := newTestTarget(t, c, srv.URL, Options{}).Invoke(context.Background(), event)
			t.Logf("%s: %+v", tc.name, out)
			exact := tc.class != ClassConnect && tc.class != ClassRead // transport errors vary by platform
			if out.Class != tc.class || (exact && out.Message != tc.msg) || !strings.Contains(out.Message, tc.msg) {
				t.Errorf("%s: Invoke = %+v; want {Class:%s Message:%s}", tc.name, out, tc.class, tc.msg)
			}
		}
	})
}

// TestHugeHeader: a response header past what the fasthttp client reads is
// a read failure that says so (net/http reads up to 1 MB).
func TestHugeHeader(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Big", strings.Repeat("h", readBufferSize))
	})
	out := newTestTarget(t, clientFast, srv.URL, Options{}).Invoke(context.Background(), event)
	if want := "the response header is over 16 KB"; out.Class != ClassRead || !strings.Contains(out.Message, want) {
		t.Errorf("Invoke = %+v; want class %q, message containing %q", out, ClassRead, want)
	}
}

func TestTransportErrors(t *testing.T) {
	eachClient(t, func(t *testing.T, c client) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		refused := "http://" + ln.Addr().String()
		ln.Close()
		stuck := server(t, func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body) // then the server notices the client hang up
			<-r.Context().Done()
		})
		canceled, cancel := context.WithCancel(context.Background())
		cancel()
		deadline, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel2()
		for _, tc := range []struct {
			name  string
			url   string
			opts  Options
			ctx   context.Context
			class harness.Class
			msg   string
		}{
			{"refused", refused, Options{}, context.Background(), ClassConnect, "connection refused"},
			{"option timeout", stuck.URL, Options{Timeout: 20 * time.Millisecond}, context.Background(), harness.ClassTimeout, "deadline exceeded"},
			{"run deadline", stuck.URL, Options{}, deadline, harness.ClassTimeout, "deadline exceeded"},
			{"canceled", stuck.URL, Options{}, canceled, harness.ClassCanceled, "canceled"},
		} {
			out := newTestTarget(t, c, tc.url, tc.opts).Invoke(tc.ctx, event)
			if out.Class != tc.class || !strings.Contains(out.Message, tc.msg) {
				t.Errorf("%s: Invoke = %+v; want class %q, message containing %q", tc.name, out, tc.class, tc.msg)
			}
		}
	})
}

func TestRequestShape(t *testing.T) {
	eachClient(t, func(t *testing.T, c client) {
		type got struct {
			method, ctype, custom, ua, body string
		}
		seen := make(chan got, 2)
		srv := server(t, func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			seen <- got{r.Method, r.Header.Get("Content-Type"), r.Header.Get("X-Cff-Request-Id"), r.UserAgent(), string(b)}
		})
		h := http.Header{}
		h.Set("X-CFF-Request-Id", "abc")
		for _, tc := range []struct {
			opts Options
			want got
		}{
			{Options{Headers: h}, got{"POST", "application/json", "abc", "disload", string(event.Payload)}},
			{Options{Method: "PUT", Headers: http.Header{"Content-Type": {"text/plain"}, "User-Agent": {"mine/1"}}},
				got{"PUT", "text/plain", "", "mine/1", string(event.Payload)}},
		} {
			if out := newTestTarget(t, c, srv.URL, tc.opts).Invoke(context.Background(), event); !out.OK() {
				t.Fatalf("Invoke: %+v", out)
			}
			if g := <-seen; g != tc.want {
				t.Errorf("with %+v the server saw %+v; want %+v", tc.opts, g, tc.want)
			}
		}
		if h.Get("Content-Type") != "" {
			t.Errorf("New changed the caller's headers: %v", h)
		}
	})
}

func TestConnectionReuse(t *testing.T) {
	eachClient(t, func(t *testing.T, c client) {
		var conns atomic.Int64
		srv := httptest.NewUnstartedServer(reply(200, strings.Repeat("b", 10_000)))
		srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
			if s == http.StateNew {
				conns.Add(1)
			}
		}
		srv.Start()
		t.Cleanup(srv.Close)
		tgt := newTestTarget(t, c, srv.URL, Options{MaxConns: 4})
		var wg sync.WaitGroup
		var failed atomic.Int64
		for range 8 {
			wg.Go(func() {
				for range 50 {
					if out := tgt.Invoke(context.Background(), event); !out.OK() {
						failed.Add(1)
					}
				}
			})
		}
		wg.Wait()
		if n := conns.Load(); n > 4 || n < 1 || failed.Load() != 0 {
			t.Errorf("400 requests from 8 goroutines opened %d connections (%d failed); want 1..4, 0", n, failed.Load())
		}
	})
}

func TestNewErrors(t *testing.T) {
	for _, tc := range []struct {
		url  string
		opts Options
		want []string
	}{
		{"ftp://host/x", Options{}, []string{`url: "ftp://host/x": the scheme must be http or https`}},
		{"http://", Options{}, []string{`url: "http://": no host`}},
		{"http://h/%zz", Options{}, []string{"url: parse"}},
		{"http://h", Options{Method: "post", Timeout: -1, MaxConns: -2},
			[]string{`method: "post" is not an HTTP method`, "timeout: must not be negative", "max_conns: must not be negative"}},
	} {
		tgt, err := New(tc.url, tc.opts)
		if tgt != nil || err == nil {
			t.Errorf("New(%q, %+v) = %v, %v; want an error", tc.url, tc.opts, tgt, err)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("New(%q, %+v) error %q; want it to contain %q", tc.url, tc.opts, err, w)
			}
		}
	}
}

func FuzzNew(f *testing.F) {
	for _, s := range []string{"http://127.0.0.1:8080/x", "https://h", "ftp://h", "", "http://[::1", "http:// h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, url string) {
		tgt, err := New(url, Options{})
		if (tgt == nil) == (err == nil) {
			t.Errorf("New(%q) = %v, %v: want exactly one of a target and an error", url, tgt, err)
		}
	})
}

// TestProxy: with a proxy for the URL in the environment the target uses
// net/http through it; without one, fasthttp straight to the server.
func TestProxy(t *testing.T) {
	seen := make(chan string, 1)
	proxy := server(t, func(w http.ResponseWriter, r *http.Request) {
		seen <- r.URL.String() // a proxy gets the absolute URL
	})
	proxyURL, err := url.Parse(proxy.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer func(f func(*http.Request) (*url.URL, error)) { proxyFunc = f }(proxyFunc)
	proxyFunc = func(r *http.Request) (*url.URL, error) {
		if r.URL.Host == "function.invalid" {
			return proxyURL, nil
		}
		return nil, nil
	}
	tgt := newTestTarget(t, clientAuto, "http://function.invalid/invoke", Options{})
	if _, ok := tgt.(*stdTarget); !ok {
		t.Fatalf("a proxied URL got a %T; want *stdTarget", tgt)
	}
	if out := tgt.Invoke(context.Background(), event); !out.OK() {
		t.Fatalf("Invoke through the proxy: %+v", out)
	}
	if got := <-seen; got != "http://function.invalid/invoke" {
		t.Errorf("the proxy saw %q; want the target's absolute URL", got)
	}
	direct := server(t, reply(200, "ok"))
	if tgt := newTestTarget(t, clientAuto, direct.URL, Options{}); !isFast(tgt) {
		t.Errorf("an unproxied http:// URL got a %T; want *fastTarget", tgt)
	}
	if tgt := newTestTarget(t, clientAuto, "https://127.0.0.1:1/", Options{}); isFast(tgt) {
		t.Error("an https:// URL got the fasthttp client; want net/http")
	}
}

func isFast(tgt harness.Target) bool {
	_, ok := tgt.(*fastTarget)
	return ok
}
