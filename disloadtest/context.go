package disloadtest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/disload/disload/inproc"
	"github.com/disload/disload/internal/platform"
)

// Context is a RuntimeContext for calling a handler in a test: its getters
// return the fields, and its logger keeps every line (Lines) and writes it
// to the test's log. Set the fields a handler reads before calling it. It
// is safe for concurrent use once the fields are set.
type Context struct {
	RequestID    string
	FunctionName string
	Version      string
	Package      string
	ProjectID    string
	MemoryMB     int
	CPU          int
	// Timeout is the function's timeout: GetRunningTimeInSeconds, and
	// GetRemainingTimeInMilliSeconds before Deadline is set.
	Timeout time.Duration
	// Deadline, when set, is what GetRemainingTimeInMilliSeconds counts
	// down to.
	Deadline time.Time
	UserData map[string]string

	AccessKey, SecretKey                 string
	SecurityAccessKey, SecuritySecretKey string
	Token, SecurityToken                 string

	tb    testing.TB
	mu    sync.Mutex
	lines []string
}

var _ inproc.RuntimeContext = (*Context)(nil)

// NewContext returns a Context named after the test, with the runtime's
// defaults: version "latest", 128 MB, a 3 s timeout.
func NewContext(tb testing.TB) *Context {
	return &Context{
		RequestID:    "00000000-0000-4000-8000-000000000001",
		FunctionName: tb.Name(),
		Version:      platform.Tag,
		MemoryMB:     platform.MemoryMB,
		CPU:          1,
		Timeout:      inproc.DefaultTimeout,
		tb:           tb,
	}
}

// Logf records one log line and writes it to the test's log.
func (c *Context) Logf(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	c.mu.Lock()
	c.lines = append(c.lines, line)
	c.mu.Unlock()
	if c.tb != nil {
		c.tb.Log(line)
	}
}

// Lines returns the lines logged so far.
func (c *Context) Lines() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.lines...)
}

// GetLogger returns the context itself: its Logf records the line.
func (c *Context) GetLogger() inproc.RuntimeLogger { return c }

// GetRemainingTimeInMilliSeconds is the time left before Deadline or,
// without one, Timeout; never negative.
func (c *Context) GetRemainingTimeInMilliSeconds() int {
	left := c.Timeout
	if !c.Deadline.IsZero() {
		left = time.Until(c.Deadline)
	}
	return int(max(left, 0).Milliseconds())
}

// GetRunningTimeInSeconds is Timeout in whole seconds.
func (c *Context) GetRunningTimeInSeconds() int { return int(c.Timeout / time.Second) }

// GetRequestID returns RequestID.
func (c *Context) GetRequestID() string { return c.RequestID }

// GetUserData returns UserData[key] ("" when unset).
func (c *Context) GetUserData(key string) string { return c.UserData[key] }

// GetFunctionName returns FunctionName.
func (c *Context) GetFunctionName() string { return c.FunctionName }

// GetVersion returns Version.
func (c *Context) GetVersion() string { return c.Version }

// GetPackage returns Package.
func (c *Context) GetPackage() string { return c.Package }

// GetProjectID returns ProjectID.
func (c *Context) GetProjectID() string { return c.ProjectID }

// GetMemorySize returns MemoryMB.
func (c *Context) GetMemorySize() int { return c.MemoryMB }

// GetCPUNumber returns CPU.
func (c *Context) GetCPUNumber() int { return c.CPU }

// GetAccessKey returns AccessKey.
func (c *Context) GetAccessKey() string { return c.AccessKey }

// GetSecretKey returns SecretKey.
func (c *Context) GetSecretKey() string { return c.SecretKey }

// GetSecurityAccessKey returns SecurityAccessKey.
func (c *Context) GetSecurityAccessKey() string { return c.SecurityAccessKey }

// GetSecuritySecretKey returns SecuritySecretKey.
func (c *Context) GetSecuritySecretKey() string { return c.SecuritySecretKey }

// GetToken returns Token.
func (c *Context) GetToken() string { return c.Token }

// GetSecurityToken returns SecurityToken.
func (c *Context) GetSecurityToken() string { return c.SecurityToken }
