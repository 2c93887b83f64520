//go:build unix

package disload_test

import (
	"os/exec"
	"syscall"
)

// ownGroup runs cmd in a process group of its own and makes its context's
// cancellation kill the whole group, so a README command that times out
// leaves no disload (or function instance) behind, even one that the shell
// started in the background.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
