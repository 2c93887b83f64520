//go:build unix

package httptarget

import (
	"errors"
	"net"
	"syscall"
)

// peerClosed reports whether the peer has closed (or reset) conn, or sent
// something unasked, without waiting or consuming anything: a MSG_PEEK of
// one byte that would otherwise block.
func peerClosed(conn net.Conn) bool {
	sc, ok := conn.(syscall.Conn)
	if !ok {
		return false
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return false
	}
	var buf [1]byte
	closed := false
	err = raw.Read(func(fd uintptr) bool {
		n, _, rerr := syscall.Recvfrom(int(fd), buf[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		_ = n // data (unasked) or 0 (EOF): closed either way
		closed = rerr == nil || !(errors.Is(rerr, syscall.EAGAIN) || errors.Is(rerr, syscall.EINTR))
		return true // never wait
	})
	return err == nil && closed
}
