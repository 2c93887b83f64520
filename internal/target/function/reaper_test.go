//go:build unix

package function

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Environment of the helper process TestKill9LeavesNoChild starts.
const (
	helperFnEnv    = "DISLOAD_TEST_FN"    // the test function binary
	helperPidsEnv  = "DISLOAD_TEST_PIDS"  // where the function's child writes its pid
	helperReadyEnv = "DISLOAD_TEST_READY" // written once the pool answered a call
)

// TestHelperPool is not a test: run by TestKill9LeavesNoChild as a stand-in
// for disload, it starts a pool whose function starts a child of its own,
// answers a call, writes the ready file and waits to be killed.
func TestHelperPool(t *testing.T) {
	pids := os.Getenv(helperPidsEnv)
	if pids == "" {
		t.Skip("helper process only")
	}
	p, err := New(Options{Path: "/bin/sh", Args: []string{"-c", "sleep 60 & echo $! >> " + pids + "; exec " + fnBin}})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	if out := p.Invoke(t.Context(), okEvent(t)); !out.OK() {
		t.Fatal(out)
	}
	if err := os.WriteFile(os.Getenv(helperReadyEnv), []byte(strconv.Itoa(p.startedPIDs()[0])), 0o644); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Minute)
}

// TestKill9LeavesNoChild: when disload is killed with SIGKILL (no cleanup
// runs), neither the function instances nor the processes they started
// outlive it.
func TestKill9LeavesNoChild(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	dir := t.TempDir()
	pids, ready := filepath.Join(dir, "pids"), filepath.Join(dir, "ready")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperPool$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperFnEnv+"="+fnBin, helperPidsEnv+"="+pids, helperReadyEnv+"="+ready)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	var fn int
	for deadline := time.Now().Add(20 * time.Second); fn == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the helper did not get ready in 20s")
		}
		b, _ := os.ReadFile(ready)
		fn, _ = strconv.Atoi(string(b))
	}
	b, err := os.ReadFile(pids)
	if err != nil {
		t.Fatal(err)
	}
	child, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatalf("child pid %q: %v", b, err)
	}
	if !alive(fn) || !alive(child) {
		t.Fatalf("function %d alive %v, its child %d alive %v before the kill", fn, alive(fn), child, alive(child))
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait() //nolint:errcheck // killed
	for deadline := time.Now().Add(5 * time.Second); alive(fn) || alive(child); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("after kill -9 of disload: function %d alive %v, its child %d alive %v", fn, alive(fn), child, alive(child))
		}
	}
}
