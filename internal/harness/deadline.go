package harness

import (
	"context"
	"sync"
	"time"
)

// deadlineCtx is the context of one delivery under a per-invoke timeout:
// its parent's values and cancellation, and a deadline. It behaves as
// context.WithDeadline's context, but arms no timer and registers nothing
// with its parent until a target calls Done: a target that only reads
// Deadline and Err (the plain-HTTP target) costs one small allocation per
// delivery instead of a timer, a child entry under the parent's lock (one
// lock shared by every worker) and four allocations.
type deadlineCtx struct {
	parent   context.Context
	deadline time.Time

	mu   sync.Mutex // guards the fields below; one per delivery, never shared
	err  error      // set once: the deadline passed, the parent ended, or release
	done chan struct{}
	// timer and stop undo what Done armed.
	timer *time.Timer
	stop  func() bool
}

var _ context.Context = (*deadlineCtx)(nil)

// withDeadline returns parent bounded by deadline; call its release once
// the delivery is over (as a CancelFunc).
func withDeadline(parent context.Context, deadline time.Time) *deadlineCtx {
	if d, ok := parent.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	return &deadlineCtx{parent: parent, deadline: deadline}
}

// Deadline returns the delivery's deadline.
func (c *deadlineCtx) Deadline() (time.Time, bool) { return c.deadline, true }

// Value returns the parent's value for key.
func (c *deadlineCtx) Value(key any) any { return c.parent.Value(key) }

// Err returns context.DeadlineExceeded once the deadline has passed, the
// parent's error once it has ended, context.Canceled after release; and
// the same error on every later call.
func (c *deadlineCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		if err := c.parent.Err(); err != nil {
			c.endLocked(err)
		} else if !time.Now().Before(c.deadline) {
			c.endLocked(context.DeadlineExceeded)
		}
	}
	return c.err
}

// Done returns a channel closed when the deadline passes, the parent ends
// or the delivery is released. The first call arms a timer and a watch on
// the parent.
func (c *deadlineCtx) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done != nil {
		return c.done
	}
	c.done = make(chan struct{})
	if c.err != nil {
		close(c.done)
		return c.done
	}
	c.timer = time.AfterFunc(time.Until(c.deadline), func() { c.end(context.DeadlineExceeded) })
	c.stop = context.AfterFunc(c.parent, func() { c.end(c.parent.Err()) })
	return c.done
}

// end records err as the context's end unless it has ended already.
func (c *deadlineCtx) end(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.endLocked(err)
	}
}

func (c *deadlineCtx) endLocked(err error) {
	c.err = err
	if c.done != nil {
		close(c.done)
	}
}

// release ends the context (context.Canceled unless it ended already) and
// disarms what Done armed.
func (c *deadlineCtx) release() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.endLocked(context.Canceled)
	}
	if c.timer != nil {
		c.timer.Stop()
		c.stop()
	}
}
