package inproc

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// RuntimeLogger is the function's logger, as in the FunctionGraph Go
// runtime (pkg/runtime/common.RuntimeLogger).
type RuntimeLogger interface {
	Logf(format string, args ...any)
}

// RuntimeContext is what a handler learns about its call and its function:
// the method set of the FunctionGraph Go runtime's context.RuntimeContext
// (go-api/context), so handler code ports as is.
type RuntimeContext interface {
	GetRequestID() string
	GetRemainingTimeInMilliSeconds() int
	GetAccessKey() string
	GetSecretKey() string
	GetSecurityAccessKey() string
	GetSecuritySecretKey() string
	GetFunctionName() string
	GetUserData(key string) string
	GetLogger() RuntimeLogger
	GetRunningTimeInSeconds() int
	GetVersion() string
	GetMemorySize() int
	GetCPUNumber() int
	GetProjectID() string
	GetPackage() string
	GetToken() string
	GetSecurityToken() string
}

// callContext is the RuntimeContext of one call. Contexts are pooled: a
// handler must not keep its context after it returns (the runtime's is
// per call too).
type callContext struct {
	f        *function
	start    time.Time
	deadline time.Time // zero: the call has none
	reqID    string    // made on first use
}

var _ RuntimeContext = (*callContext)(nil)

// GetRequestID returns the call's request id, fresh for every call.
func (c *callContext) GetRequestID() string {
	if c.reqID == "" {
		c.reqID = c.f.ids.next()
	}
	return c.reqID
}

// GetRemainingTimeInMilliSeconds is the time left before the call's
// deadline or, without one, before the function's Timeout from the start
// of the call (as the runtime computes it); never negative.
func (c *callContext) GetRemainingTimeInMilliSeconds() int {
	left := time.Until(c.deadline)
	if c.deadline.IsZero() {
		left = c.f.opts.Timeout - time.Since(c.start)
	}
	return int(max(left, 0).Milliseconds())
}

// GetRunningTimeInSeconds is the function's configured timeout in seconds
// (the runtime's name for RUNTIME_TIMEOUT).
func (c *callContext) GetRunningTimeInSeconds() int { return int(c.f.opts.Timeout / time.Second) }

// GetUserData returns the user data value for key ("" when unset).
func (c *callContext) GetUserData(key string) string { return c.f.opts.UserData[key] }

// GetLogger returns a logger that writes `<time> <request id> <message>`
// lines to Options.Log.
func (c *callContext) GetLogger() RuntimeLogger { return c }

// Logf writes one log line for the call.
func (c *callContext) Logf(format string, args ...any) {
	if c.f.log.enabled() {
		c.f.log.write(c.GetRequestID(), format, args)
	}
}

// GetFunctionName returns Options.FunctionName.
func (c *callContext) GetFunctionName() string { return c.f.opts.FunctionName }

// GetVersion returns Options.Version.
func (c *callContext) GetVersion() string { return c.f.opts.Version }

// GetMemorySize returns Options.MemoryMB.
func (c *callContext) GetMemorySize() int { return c.f.opts.MemoryMB }

// GetCPUNumber returns Options.CPU.
func (c *callContext) GetCPUNumber() int { return c.f.opts.CPU }

// GetProjectID returns Options.ProjectID.
func (c *callContext) GetProjectID() string { return c.f.opts.ProjectID }

// GetPackage returns Options.Package.
func (c *callContext) GetPackage() string { return c.f.opts.Package }

// GetAccessKey returns Options.AccessKey.
func (c *callContext) GetAccessKey() string { return c.f.opts.AccessKey }

// GetSecretKey returns Options.SecretKey.
func (c *callContext) GetSecretKey() string { return c.f.opts.SecretKey }

// GetSecurityAccessKey returns Options.SecurityAccessKey.
func (c *callContext) GetSecurityAccessKey() string { return c.f.opts.SecurityAccessKey }

// GetSecuritySecretKey returns Options.SecuritySecretKey.
func (c *callContext) GetSecuritySecretKey() string { return c.f.opts.SecuritySecretKey }

// GetToken returns Options.Token.
func (c *callContext) GetToken() string { return c.f.opts.Token }

// GetSecurityToken returns Options.SecurityToken.
func (c *callContext) GetSecurityToken() string { return c.f.opts.SecurityToken }

// idSource makes request ids shaped like UUIDs (version 4 bits): a random
// per-target prefix and a counter, so they are unique without a random
// read per call.
type idSource struct {
	prefix [8]byte
	n      atomic.Uint64
}

func newIDSource() *idSource {
	s := &idSource{}
	_, _ = rand.Read(s.prefix[:]) // crypto/rand.Read never fails (Go 1.24+)
	return s
}

func (s *idSource) next() string {
	var b [16]byte
	copy(b[:8], s.prefix[:])
	binary.BigEndian.PutUint64(b[8:], s.n.Add(1))
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	hex.Encode(out[9:13], b[4:6])
	hex.Encode(out[14:18], b[6:8])
	hex.Encode(out[19:23], b[8:10])
	hex.Encode(out[24:], b[10:])
	out[8], out[13], out[18], out[23] = '-', '-', '-', '-'
	return string(out[:])
}

// logTimeFormat is the runtime's log time format (UTC).
const logTimeFormat = "2006-01-02T15:04:05.000Z"

// logSink serialises the log lines of concurrent calls.
type logSink struct {
	mu  sync.Mutex
	w   io.Writer
	buf []byte
}

func (s *logSink) enabled() bool { return s.w != nil && s.w != io.Discard }

func (s *logSink) write(reqID, format string, args []any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf = time.Now().UTC().AppendFormat(s.buf[:0], logTimeFormat)
	s.buf = append(s.buf, ' ')
	s.buf = append(s.buf, reqID...)
	s.buf = append(s.buf, ' ')
	s.buf = fmt.Appendf(s.buf, format, args...)
	s.buf = append(s.buf, '\n')
	_, _ = s.w.Write(s.buf) // a failing log writer must not fail the call
}
