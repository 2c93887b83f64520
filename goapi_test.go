package disload_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// goBlock is a ```go block of README.md.
var goBlock = regexp.MustCompile("(?s)```go\n(.*?)```")

// readmeMain is the README's ```go block that is a whole program.
func readmeMain(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var mains []string
	for _, m := range goBlock.FindAllStringSubmatch(string(b), -1) {
		if strings.Contains(m[1], "\npackage main\n") || strings.HasPrefix(m[1], "package main\n") {
			mains = append(mains, m[1])
		}
	}
	if len(mains) != 1 {
		t.Fatalf("README.md has %d ```go blocks with package main, want 1 (the custom binary)", len(mains))
	}
	return mains[0]
}

// TestCustomBinary builds README's custom disload (a main that registers a
// handler and calls cli.Main) in a module of its own, which sees only the
// public packages, and runs it as the README does.
func TestCustomBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program in a module of its own: not with -short")
	}
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"main.go": readmeMain(t),
		"go.mod": "module example.com/orders\n\ngo 1.26.8\n\nrequire github.com/disload/disload v0.0.0\n\n" +
			"replace github.com/disload/disload => " + root + "\n",
		"go.sum": string(sum),
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-o", "orders-disload", ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build of README's program: %v\n%s", err, out)
	}
	run := exec.CommandContext(ctx, filepath.Join(dir, "orders-disload"),
		"run", "default", "-t", "inproc:orders", "-r", "50/s", "-d", "1s", "-o", "out")
	run.Dir = dir
	var stderr bytes.Buffer
	run.Stderr = &stderr
	if err := run.Run(); err != nil {
		t.Fatalf("orders-disload run: %v\n%s", err, stderr.Bytes())
	}
	b, err := os.ReadFile(filepath.Join(dir, "out", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum2 struct {
		Target string
		Events struct{ Sent, OK, Failed int }
	}
	if err := json.Unmarshal(b, &sum2); err != nil {
		t.Fatal(err)
	}
	if sum2.Target != "inproc:orders" || sum2.Events.Sent == 0 || sum2.Events.OK != sum2.Events.Sent {
		t.Errorf("summary: target %q, %+v: want every event handled by inproc:orders", sum2.Target, sum2.Events)
	}
}
