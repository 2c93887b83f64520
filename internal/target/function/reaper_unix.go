//go:build unix

package function

import (
	"io"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
)

// reaperScript is the watchdog the pool starts beside its instances. It
// reads "+ PGID" and "- PGID" lines (the process groups of the instances
// alive) on stdin; stdin ends only when every disload process holding its
// other end is gone, so EOF means disload died without stopping its
// instances (kill -9): it then kills every group still listed, the
// functions' own children included. A disload that stops normally kills
// the watchdog instead (SIGKILL, no cleanup run).
const reaperScript = `trap '' INT TERM HUP
pgs=' '
while read -r op pg; do
	case $op in
	+) pgs="$pgs$pg " ;;
	-) keep=' '; for p in $pgs; do [ "$p" = "$pg" ] || keep="$keep$p "; done; pgs=$keep ;;
	esac
done
for p in $pgs; do kill -9 "-$p" 2>/dev/null; done`

// reaper kills the process groups of a pool's instances when disload dies
// without stopping them: the kernel's parent-death signal (Linux) reaches
// only the function process, not what it started. It is started with the
// first instance; without a shell it does nothing.
type reaper struct {
	mu     sync.Mutex
	cmd    *exec.Cmd
	w      io.WriteCloser
	failed bool // no watchdog could be started: do nothing
}

// add lists process group pgid, starting the watchdog first if needed.
func (r *reaper) add(pgid int) { r.send('+', pgid) }

// remove takes pgid off the list (its process was reaped).
func (r *reaper) remove(pgid int) { r.send('-', pgid) }

func (r *reaper) send(op byte, pgid int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cmd == nil && !r.failed && op == '+' {
		r.failed = r.start() != nil
	}
	if r.w == nil {
		return
	}
	line := append([]byte{op, ' '}, strconv.Itoa(pgid)...)
	if _, err := r.w.Write(append(line, '\n')); err != nil {
		r.w = nil // the watchdog is gone; nothing more to tell it
	}
}

// start runs the watchdog in a process group of its own, so that a
// terminal's Ctrl-C reaches disload, not it.
func (r *reaper) start() error {
	sh, err := exec.LookPath("sh")
	if err != nil {
		return err
	}
	cmd := exec.Command(sh, "-c", reaperScript)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	w, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	r.cmd, r.w = cmd, w
	return nil
}

// stop ends the watchdog without its cleanup (the pool stopped its
// instances itself) and waits for it.
func (r *reaper) stop() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cmd == nil {
		return
	}
	r.cmd.Process.Kill() //nolint:errcheck // already gone
	r.cmd.Wait()         //nolint:errcheck // killed on purpose
	r.cmd, r.w, r.failed = nil, nil, true
}
