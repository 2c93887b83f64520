package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckFiles(t *testing.T) {
	dir := t.TempDir()
	exe, plain := filepath.Join(dir, "fn"), filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(plain, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing, empty := filepath.Join(dir, "missing"), t.TempDir()
	tests := []struct {
		name string
		t    Target
		want []string
	}{
		{"function ok", Target{Type: TargetFunction, Path: exe}, nil},
		{"function missing", Target{Type: TargetFunction, Path: missing}, []string{"target.path: " + missing + ": no such file or directory"}},
		{"function not executable", Target{Type: TargetFunction, Path: plain}, []string{"target.path: " + plain + " is not executable"}},
		{"function a package folder", Target{Type: TargetFunction, Path: dir}, nil},
		{"an image is no file", Target{Type: TargetFunction, Runtime: RuntimeImage, Path: "registry.example/fn:1"}, nil},
		{"function a folder with nothing to run", Target{Type: TargetFunction, Path: empty}, []string{"target.path: " + empty + " is a folder without a bootstrap, index.py, index.js or executable to run"}},
		{"python folder missing", Target{Type: TargetFunction, Runtime: RuntimePython, Path: missing}, []string{"target.path: " + missing + ": no such file or directory"}},
		{"python on a file", Target{Type: TargetFunction, Runtime: RuntimePython, Path: plain}, []string{"target.path: " + plain + " is not a folder"}},
		{"tls", Target{Type: TargetHTTP, URL: "https://h/", TLS: TLS{CAFile: plain, CertFile: missing, KeyFile: dir}}, []string{
			"target.tls.cert_file: " + missing + ": no such file", "target.tls.key_file: " + dir + " is not a regular file"}},
		{"inproc", Target{Type: TargetInproc, Name: "decode"}, nil},
	}
	for _, tc := range tests {
		s := Default()
		s.Target = tc.t
		err := s.CheckFiles()
		var got []string
		if err != nil {
			got = strings.Split(err.Error(), "\n")
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: problems %q, want %q", tc.name, got, tc.want)
			continue
		}
		for i, w := range tc.want {
			if !strings.HasPrefix(got[i], w) {
				t.Errorf("%s: problem %q, want it to start with %q", tc.name, got[i], w)
			}
		}
	}
}
