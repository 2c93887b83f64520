//go:build linux

package harness

import (
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// osTimer is a timerfd in the Go netpoller: a goroutine reading it parks
// as on a socket and wakes when the kernel's high-resolution timer fires.
type osTimer struct {
	fd  int
	f   *os.File
	buf [8]byte // the expiration count a read returns
}

// newOSTimer returns a timer, or nil when the system cannot make one.
func newOSTimer() *osTimer {
	fd, err := unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC)
	if err != nil {
		return nil
	}
	return &osTimer{fd: fd, f: os.NewFile(uintptr(fd), "timerfd")}
}

// sleep waits d (> 0) on the timer.
func (t *osTimer) sleep(d time.Duration) error {
	spec := unix.ItimerSpec{Value: unix.NsecToTimespec(int64(d))}
	if err := unix.TimerfdSettime(t.fd, 0, &spec, nil); err != nil {
		return err
	}
	_, err := t.f.Read(t.buf[:])
	return err
}

func (t *osTimer) close() { t.f.Close() }
