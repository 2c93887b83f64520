package runner

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/reports"
)

// TestPrepareOutDirClearsOnlyOwnedOutputs: an earlier (killed) run's
// outputs and temporary files go, anything else stays.
func TestPrepareOutDirClearsOnlyOwnedOutputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gone := []string{"summary.json", "latency.hlog", "report.html", "logs/instance-1.log",
		".summary.json.tmp123", ".latency.hlog.tmp9", ".report.html.tmp1", ".disload-probe-77"}
	kept := []string{"notes.txt", "summary.json.bak", "other/summary.json", ".hidden", "logs.txt"}
	for _, n := range append(append([]string{}, gone...), kept...) {
		write(n)
	}
	if err := PrepareOutDir(dir); err != nil {
		t.Fatal(err)
	}
	for _, n := range gone {
		if _, err := os.Stat(filepath.Join(dir, n)); !os.IsNotExist(err) {
			t.Errorf("%s still there (%v); want it removed", n, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "logs")); !os.IsNotExist(err) {
		t.Errorf("logs/ still there")
	}
	for _, n := range kept {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s: %v; want it kept", n, err)
		}
	}
}

func TestPrepareOutDirRefuses(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{file, "not a directory"},
		{filepath.Join(file, "sub"), "not a directory"},
	} {
		err := PrepareOutDir(tc.path)
		if err == nil || !strings.Contains(err.Error(), tc.path) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("PrepareOutDir(%s) = %v; want an error naming it: %s", tc.path, err, tc.want)
		}
	}
	if os.Geteuid() != 0 { // root writes anywhere
		ro := filepath.Join(dir, "ro")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		if err := PrepareOutDir(ro); err == nil || !strings.Contains(err.Error(), ro) {
			t.Errorf("PrepareOutDir(read-only) = %v; want an error naming it", err)
		}
	}
}

// TestTablePrintedWhenResultsCannotBeWritten: when writing -o fails at the
// end anyway, the table is still printed and the error said.
func TestTablePrintedWhenResultsCannotBeWritten(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	sc := scenario(t, "name: t\ntarget: inproc:noop\nload: {rate: 10/s}\n")
	var stdout bytes.Buffer
	o := Options{Scenario: sc, OutDir: file, Stdout: &stdout}
	res, err := finish(o, &reports.RunFacts{Started: time.Now()}, nil, engineOut{}, nil, metrics.NewCollector(time.Second), nil)
	if err == nil || !strings.Contains(err.Error(), file) {
		t.Errorf("error %v; want one naming %s", err, file)
	}
	if res == nil || !strings.Contains(stdout.String(), "latency") {
		t.Errorf("result %v, stdout %q; want the result and its table", res, stdout.String())
	}
}
