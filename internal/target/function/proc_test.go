package function

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestFreeAddr(t *testing.T) {
	addr, err := freeAddr()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Errorf("addr %q is not on loopback", addr)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("the picked port is not free: %v", err)
	}
	l.Close()
}

func TestAddrInUse(t *testing.T) {
	tests := []struct {
		lines []string
		want  bool
	}{
		{nil, false},
		{[]string{"2026/01/02 15:04:05 listen tcp 127.0.0.1:4000: bind: address already in use"}, true},
		{[]string{"starting", "panic: nil map"}, false},
	}
	for _, tt := range tests {
		if got := addrInUse(tt.lines); got != tt.want {
			t.Errorf("addrInUse(%q) = %v", tt.lines, got)
		}
	}
}

func TestFormatTail(t *testing.T) {
	if got := formatTail(nil); got != " (no log output)" {
		t.Errorf("formatTail(nil) = %q", got)
	}
	if got, want := formatTail([]string{"a", "b"}), "; last log lines:\n\ta\n\tb"; got != want {
		t.Errorf("formatTail = %q, want %q", got, want)
	}
}

// shPool is a pool whose "function" is a shell script (for process tests).
func shPool(t *testing.T, script string) (*Pool, *slot) {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	p := newPool(t, Options{Path: sh, Args: []string{"-c", script}})
	r := &ring{}
	return p, &slot{log: r, out: r}
}

// TestTerminateEscalates: a process that ignores SIGTERM is killed after
// the grace period.
func TestTerminateEscalates(t *testing.T) {
	p, s := shPool(t, "trap '' TERM; echo ready; while :; do sleep 0.01; done")
	pr, err := p.spawn(s, "127.0.0.1:1", rpcLife("127.0.0.1:1"))
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); len(s.log.tail(1)) == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the script did not start")
		}
	}
	pr.terminate(50 * time.Millisecond)
	select {
	case <-pr.exited:
	default:
		t.Fatal("terminate returned before the process was reaped")
	}
	if !strings.Contains(pr.exitText(), "killed") {
		t.Errorf("exit %q, want killed", pr.exitText())
	}
	assertGone(t, []int{pr.cmd.Process.Pid})
}

// TestGroupKilled: processes the function started die with it.
func TestGroupKilled(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "child")
	p, s := shPool(t, "sleep 60 & echo $! > "+pidFile+"; wait")
	pr, err := p.spawn(s, "127.0.0.1:1", rpcLife("127.0.0.1:1"))
	if err != nil {
		t.Fatal(err)
	}
	var child int
	for deadline := time.Now().Add(5 * time.Second); child == 0 && time.Now().Before(deadline); {
		b, _ := os.ReadFile(pidFile)
		child, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		time.Sleep(time.Millisecond)
	}
	if child == 0 {
		t.Fatal("the script did not report its child")
	}
	pr.terminate(time.Second)
	for deadline := time.Now().Add(5 * time.Second); alive(child); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("child %d of the function outlived it", child)
		}
	}
}

// alive reports whether pid runs (a zombie waiting for init counts as dead).
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	_, rest, _ := strings.Cut(string(b), ") ")
	return !strings.HasPrefix(rest, "Z") && !strings.HasPrefix(rest, "X")
}
