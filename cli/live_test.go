package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/internal/reports"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// disloadBinary builds the disload command once per test binary.
func disloadBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "disload-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "disload")
		out, err := exec.Command("go", "build", "-o", binPath, "../cmd/disload").CombinedOutput()
		if err != nil {
			buildErr = err
			binPath = string(out)
		}
	})
	if buildErr != nil {
		t.Fatalf("go build: %v\n%s", buildErr, binPath)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" && buildErr == nil {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// TestInterruptWritesCompleteSummary: SIGINT three seconds into a 60 s run
// ends the process within a few seconds, with exit code 105 and a complete
// summary.json marked interrupted.
func TestInterruptWritesCompleteSummary(t *testing.T) {
	bin := disloadBinary(t)
	out := t.TempDir()
	cmd := exec.Command(bin, "run", "-d", "60s", "-r", "500/s", "--no-progress", "-o", out)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	time.Sleep(3 * time.Second) // the bar: a signal three seconds in, on a real process
	sent := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
		if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
			t.Fatalf("exit %d; want %d\n%s", code, exitInterrupted, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still running 10 s after SIGINT")
	}
	if took := time.Since(sent); took > 5*time.Second {
		t.Errorf("took %v to stop after SIGINT", took)
	}
	s, err := reports.ReadSummary(out)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Interrupted || s.Events.Sent == 0 || s.Events.OK+s.Events.Failed != s.Events.Sent {
		t.Errorf("summary: interrupted %v events %+v", s.Interrupted, s.Events)
	}
	if s.DurationS < 2 || s.DurationS > 10 {
		t.Errorf("duration_s %v, want about 3", s.DurationS)
	}
}

// TestHTTPRateAndCounts is the run issue's bar: 2,000 events/s for 5 s
// against a local HTTP endpoint gives within 2% of 10,000 events, and the
// endpoint's own count of valid events equals the summary's events.ok.
func TestHTTPRateAndCounts(t *testing.T) {
	if testing.Short() {
		t.Skip("real-time 5 s run; skipped with -short")
	}
	var valid, invalid atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method == http.MethodPost && len(dis.Validate(body)) == 0 {
			valid.Add(1)
		} else {
			invalid.Add(1)
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	out := t.TempDir()
	code, stdout, errOut := cli(t, "run", "default", "-t", srv.URL, "-r", "2000/s", "-d", "5s",
		"--batch", "5", "-c", "64", "--no-progress", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, stdout)
	}
	s, err := reports.ReadSummary(out)
	if err != nil {
		t.Fatal(err)
	}
	if s.Events.Sent < 9800 || s.Events.Sent > 10200 {
		t.Errorf("sent %d, want within 2%% of 10,000", s.Events.Sent)
	}
	if valid.Load() != s.Events.OK || invalid.Load() != 0 {
		t.Errorf("endpoint counted %d valid (%d invalid), summary events.ok %d", valid.Load(), invalid.Load(), s.Events.OK)
	}
	raw, _ := json.Marshal(s.Events)
	t.Logf("events %s, achieved %.1f/s, rate held %v", raw, s.AchievedRate, s.RateHeld)
}
