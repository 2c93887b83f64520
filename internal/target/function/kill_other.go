//go:build !unix

package function

import (
	"os/exec"
	"syscall"
)

// setProcAttr has nothing to set where process groups do not exist.
func setProcAttr(*exec.Cmd) {}

// killGroup ends the process (no process groups here; SIGTERM becomes a kill).
func killGroup(cmd *exec.Cmd, _ syscall.Signal) {
	cmd.Process.Kill() //nolint:errcheck // already gone
}
