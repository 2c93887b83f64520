package httptarget

import (
	"errors"
	"net"
	"sync/atomic"
	"time"
)

// A server may close a kept-alive connection while it sits idle in the
// pool without saying so (no Connection: close; gunicorn after 2 s,
// Node.js after 5 s). net/http notices at once (a background read on every
// pooled connection) and resends a request that found its connection
// closed before anything was written. fasthttp has no background read, so
// the fasthttp target checks a connection that sat idle before it writes a
// request on it: one found closed by the server is dropped and the request
// goes again on another connection, before the server could have read
// anything. Such resends are counted (Outcome.StaleRetries), never hidden,
// and are not failures.

// staleCheckIdle is how long a connection must have been idle before a
// request checks it: at high rates connections are never idle that long,
// so the check costs nothing there.
const staleCheckIdle = 50 * time.Millisecond

// errStaleConn is the write on a kept-alive connection that the server had
// closed: nothing was written.
var errStaleConn = errors.New("the server had closed the idle kept-alive connection")

// trackedConn is a client connection that checks, before the first write
// of a request after a response, that the server has not closed it while
// it was idle.
type trackedConn struct {
	net.Conn
	lastRead atomic.Int64 // UnixNano of the latest read that returned data; 0 none yet
	check    atomic.Bool  // a response was read: the next write starts a new request
}

func (c *trackedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.lastRead.Store(time.Now().UnixNano())
		c.check.Store(true)
	}
	return n, err
}

func (c *trackedConn) Write(p []byte) (int, error) {
	if c.check.Swap(false) && time.Since(time.Unix(0, c.lastRead.Load())) >= staleCheckIdle && peerClosed(c.Conn) {
		return 0, errStaleConn
	}
	return c.Conn.Write(p)
}
