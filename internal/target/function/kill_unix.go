//go:build unix

package function

import (
	"os/exec"
	"syscall"
)

// killGroup sends sig to the process group led by cmd's process.
func killGroup(cmd *exec.Cmd, sig syscall.Signal) {
	syscall.Kill(-cmd.Process.Pid, sig) //nolint:errcheck // ESRCH: already gone
}
