package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestListenLoopbackOnly(t *testing.T) {
	for _, tc := range []struct {
		addr, err string
	}{
		{"127.0.0.1:0", ""},
		{"[::1]:0", ""},
		{"0.0.0.0:0", "only a loopback IP address"},
		{"example.com:80", "only a loopback IP address"},
		{"nonsense", "missing port"},
	} {
		ln, err := listen(tc.addr)
		if ln != nil {
			ln.Close()
		}
		if tc.err == "" && err != nil && !strings.Contains(err.Error(), "cannot assign") {
			t.Errorf("listen(%q): %v", tc.addr, err)
		}
		if tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("listen(%q) = %v, want %q", tc.addr, err, tc.err)
		}
	}
}

func TestServeAndShutdown(t *testing.T) {
	ln, err := listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, newSink(0)) }()
	resp, err := http.Post("http://"+ln.Addr().String()+"/", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "ok" {
		t.Errorf("answer %q", body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve after cancel: %v", err)
	}
}

func TestRunFlags(t *testing.T) {
	if err := run([]string{"-addr", "10.0.0.1:80"}, io.Discard); err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Errorf("run with a public address: %v", err)
	}
	if err := run([]string{"-bogus"}, io.Discard); err == nil {
		t.Error("run with an unknown flag: no error")
	}
	bad := filepath.Join(t.TempDir(), "missing-dir", "addr")
	if err := run([]string{"-addr-file", bad}, io.Discard); err == nil || !os.IsNotExist(err) && !strings.Contains(err.Error(), "no such file") {
		t.Errorf("run with an unwritable -addr-file: %v", err)
	}
}
