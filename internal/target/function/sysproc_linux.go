package function

import (
	"os/exec"
	"syscall"
)

// setProcAttr puts the process in its own process group and has the kernel
// kill it if disload dies without cleaning up (the parent-death signal
// reaches only this process; the pool's reaper kills the rest of its
// group).
func setProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
