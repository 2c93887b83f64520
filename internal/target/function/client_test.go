package function

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/rpc"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestClient(t *testing.T) {
	c, err := DialContext(t.Context(), runFn(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.HealthCheck(t.Context()); err != nil {
		t.Fatalf("HealthCheck: %v", err)
	}
	h := http.Header{}
	h.Set("X-CFF-Request-Id", "id-1")
	status, body, err := c.Invoke(t.Context(), okEvent(t).Payload, h)
	if status != 200 || string(body) != "ok" || err != nil {
		t.Errorf("Invoke = %d, %q, %v; want 200, ok, nil", status, body, err)
	}
	status, body, err = c.Invoke(t.Context(), nil, h)
	if class, _ := Classify(status, err); class != ClassBadRequest || body != nil {
		t.Errorf("empty payload: %d, %q, %v; want bad_request", status, body, err)
	}
}

func TestClientContext(t *testing.T) {
	c, err := DialContext(t.Context(), runFn(t, "FN_SLEEP=1s"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if _, _, err := c.Invoke(ctx, okEvent(t).Payload, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Invoke past the deadline: %v", err)
	}
}

func TestClientProcessDies(t *testing.T) {
	addr, err := freeAddr()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(fnBin)
	cmd.Env = append(os.Environ(), "RUNTIME_API_ADDR="+addr, "FN_EXIT_AT=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	var c *Client
	for deadline := time.Now().Add(10 * time.Second); c == nil; time.Sleep(2 * time.Millisecond) {
		if c, err = DialContext(t.Context(), addr); err != nil && time.Now().After(deadline) {
			t.Fatal(err)
		}
	}
	defer c.Close()
	_, _, err = c.Invoke(t.Context(), okEvent(t).Payload, nil) // the process exits in this call
	if class, _ := Classify(0, err); class != ClassCrash {
		t.Errorf("call in flight when the process died: %v (%q), want a crash", err, class)
	}
	_, _, err = c.Invoke(t.Context(), okEvent(t).Payload, nil)
	if !errors.Is(err, rpc.ErrShutdown) {
		t.Errorf("later call: %v, want rpc.ErrShutdown", err)
	}
}

func TestDialFailures(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	silent := l.Addr().String() // accepts, never answers
	defer l.Close()
	web := httptest.NewServer(http.NotFoundHandler())
	defer web.Close()
	closed, err := freeAddr()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, addr, want string
	}{
		{"nothing listens", closed, "connection refused"},
		{"not an rpc server", strings.TrimPrefix(web.URL, "http://"), "unexpected HTTP response: 404"},
		{"no answer", silent, "i/o timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
			defer cancel()
			c, err := DialContext(ctx, tt.addr)
			if err == nil {
				c.Close()
				t.Fatal("dial succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want %q in it", err, tt.want)
			}
		})
	}
}
