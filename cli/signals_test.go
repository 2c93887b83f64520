package cli

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/internal/reports"
)

// TestInterruptsWatch: the first signal cancels, the second hurries and
// exits 105 after forceExitAfter, the third exits 105 at once.
func TestInterruptsWatch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		var codes []int
		var stderr bytes.Buffer
		ctx, s := newInterrupts(&stderr, func(c int) { mu.Lock(); codes = append(codes, c); mu.Unlock() })
		ch := make(chan os.Signal)
		go s.watch(ch)
		ch <- syscall.SIGINT
		synctest.Wait()
		if ctx.Err() == nil || isClosed(hurryFrom(ctx)) || len(codes) != 0 {
			t.Fatalf("after one signal: ctx %v, hurried %v, exits %v; want canceled only", ctx.Err(), isClosed(hurryFrom(ctx)), codes)
		}
		ch <- syscall.SIGINT
		synctest.Wait()
		if !isClosed(hurryFrom(ctx)) || len(codes) != 0 {
			t.Fatalf("after two signals: hurried %v, exits %v; want hurried, no exit yet", isClosed(hurryFrom(ctx)), codes)
		}
		time.Sleep(forceExitAfter)
		synctest.Wait()
		if len(codes) != 1 || codes[0] != exitInterrupted {
			t.Fatalf("%v after the second signal: exits %v; want [%d]", forceExitAfter, codes, exitInterrupted)
		}
		ch <- syscall.SIGTERM
		synctest.Wait()
		close(ch)
		if len(codes) != 2 || codes[1] != exitInterrupted {
			t.Errorf("third signal: exits %v; want a second %d", codes, exitInterrupted)
		}
		if !strings.Contains(stderr.String(), "report is still written") {
			t.Errorf("stderr %q does not say the report is still written", stderr.String())
		}
	})
}

func isClosed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// TestInterruptedBeforeLoad: a signal before the load starts (while the
// scenario is loaded and checked) ends the command with 105, no load run.
func TestInterruptedBeforeLoad(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	start := time.Now()
	code := run(ctx, []string{"run", "default", "-d", "10s", "--no-progress"}, &out, &errb)
	if code != exitInterrupted || time.Since(start) > 10*time.Second {
		t.Errorf("exit %d after %v; want %d before the 10 s load\n%s", code, time.Since(start), exitInterrupted, errb.String())
	}
	if !strings.Contains(errb.String(), "interrupted before the load started") {
		t.Errorf("stderr %q does not say it", errb.String())
	}
}

// TestOutputCheckedBeforeLoad: -o onto a file (or an unwritable place)
// fails before the load, naming the path, instead of losing the results.
func TestOutputCheckedBeforeLoad(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "afile")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{file, filepath.Join(file, "sub")} {
		start := time.Now()
		code, stdout, errOut := cli(t, "run", "default", "-d", "10s", "--no-progress", "-o", out)
		if code != exitError || !strings.Contains(errOut, out) || stdout != "" {
			t.Errorf("-o %s: exit %d, stderr %q, stdout %q; want exit 1 naming the path, nothing run", out, code, errOut, stdout)
		}
		if took := time.Since(start); took > 10*time.Second {
			t.Errorf("-o %s: failed after %v, not before the 10 s load", out, took)
		}
	}
}

// TestClosedStdoutIsAnInterrupt: `run ... --out-format jsonl -o DIR | head
// -2` stops the run as interrupted (105) and still writes DIR.
func TestClosedStdoutIsAnInterrupt(t *testing.T) {
	bin := disloadBinary(t)
	out := filepath.Join(t.TempDir(), "pipe")
	cmd := exec.Command(bin, "run", "default", "-d", "20s", "--out-format", "jsonl", "--no-progress", "-o", out)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	sc := bufio.NewScanner(stdout)
	for range 2 {
		if !sc.Scan() {
			t.Fatalf("no line: %v\n%s", sc.Err(), stderr.String())
		}
	}
	stdout.Close() // as head does after two lines
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("still running 15 s after its stdout was closed (a 20 s run)")
	}
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
		t.Errorf("exit %d (%v); want %d\n%s", code, cmd.ProcessState, exitInterrupted, stderr.String())
	}
	s, err := reports.ReadSummary(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if !s.Interrupted || s.Events.Sent == 0 {
		t.Errorf("summary: interrupted %v, sent %d; want an interrupted run's report", s.Interrupted, s.Events.Sent)
	}
}

// TestHugeCapsUnderAddressSpaceLimit: -c 100000000 for 10 events runs
// under a 4 GB address-space limit (ulimit -v), at under 500 MB.
func TestHugeCapsUnderAddressSpaceLimit(t *testing.T) {
	bin := disloadBinary(t)
	for _, mode := range []string{"open", "closed"} {
		cmd := exec.Command("sh", "-c", `ulimit -v 4000000 && exec "$0" "$@"`, bin, "run", "default",
			"--mode", mode, "-c", "100000000", "--max-events", "10", "-r", "10/s", "--no-progress", "--out-format", "json")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v\n%s", mode, err, stderr.String())
		}
		if !bytes.Contains(out, []byte(`"sent": 10`)) {
			t.Errorf("%s: summary without 10 events sent:\n%s", mode, out)
		}
		if rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss; rss > 500<<10 {
			t.Errorf("%s: peak RSS %d MB; want under 500 MB", mode, rss>>10)
		}
	}
}

// TestNoProgressOverStreamedLines: the live line stays off when csv or
// jsonl lines go to the same file as stderr; sameFile tells one file from
// two.
func TestNoProgressOverStreamedLines(t *testing.T) {
	dir := t.TempDir()
	a, err := os.Create(filepath.Join(dir, "a"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := os.Create(filepath.Join(dir, "b"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	a2, err := os.OpenFile(a.Name(), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer a2.Close()
	if !sameFile(a, a2) || sameFile(a, b) || sameFile(a, &bytes.Buffer{}) {
		t.Errorf("sameFile: a/a2 %v, a/b %v, a/buffer %v; want true, false, false", sameFile(a, a2), sameFile(a, b), sameFile(a, &bytes.Buffer{}))
	}
	if showProgress(&runFlags{outFormat: "jsonl"}, a, a2) {
		t.Error("progress shown on a file that is not a terminal")
	}
}
