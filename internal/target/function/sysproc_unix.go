//go:build unix && !linux

package function

import (
	"os/exec"
	"syscall"
)

// setProcAttr puts the process in its own process group.
func setProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}
