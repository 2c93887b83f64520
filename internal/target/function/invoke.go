package function

import (
	"context"
	"errors"
	"fmt"
	"net/rpc"
	"time"

	"github.com/disload/disload/internal/harness"
)

// Invoke delivers one event to a free instance, starting one when all are
// busy and Instances.Max allows, and classifies the answer. It is safe for
// concurrent use.
//
// The function timeout runs from the moment an instance starts the call,
// as on the platform: the wait for a free instance is queueing (it counts
// in the caller's response time, never as a timeout). So a deadline on ctx
// ends neither the wait nor the call; only its cancellation does, or the
// pool closing. A call past the function timeout is ClassTimeout.
func (p *Pool) Invoke(ctx context.Context, ev *harness.Event) harness.Outcome {
	pr, out := p.acquire(ctx)
	if pr == nil {
		return out
	}
	return p.await(ctx, pr, p.newCall(pr, ev.Payload))
}

// canceled returns ctx's Done channel while a cancellation can still end
// the wait: nil once ctx ended by its deadline (the pool's own timeout
// applies instead).
func canceled(ctx context.Context) <-chan struct{} {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil
	}
	return ctx.Done()
}

// acquire waits for a free call slot; nil with the outcome to report when
// there is none (ctx canceled, pool closed or failed).
func (p *Pool) acquire(ctx context.Context) (*proc, harness.Outcome) {
	p.mu.Lock()
	if out, bad := p.unusableLocked(); bad {
		p.mu.Unlock()
		return nil, out
	}
	if pr := p.takeIdleLocked(); pr != nil {
		p.mu.Unlock()
		return pr, harness.Outcome{}
	}
	w := make(chan *proc, 1)
	p.waiters = append(p.waiters, w)
	p.scaleLocked()
	atMax := len(p.slots) >= p.cfg.Instances.Max
	p.mu.Unlock()
	since := time.Now()
	done := canceled(ctx)
	for {
		select {
		case pr := <-w:
			if pr == nil {
				return nil, p.unusable()
			}
			if atMax {
				p.noteQueued(time.Since(since))
			}
			return pr, harness.Outcome{}
		case <-done:
			if done = canceled(ctx); done != nil {
				p.dropWaiter(w)
				return nil, ctxOutcome(ctx, "waiting for a free instance")
			}
		}
	}
}

// noteQueued counts a call that waited d for an instance with the pool at
// Instances.Max.
func (p *Pool) noteQueued(d time.Duration) {
	p.mu.Lock()
	p.queued++
	p.longestQueue = max(p.longestQueue, d)
	first := d >= LongQueue && !p.warnedQueue
	p.warnedQueue = p.warnedQueue || first
	p.mu.Unlock()
	if first && p.cfg.OnLongQueue != nil {
		p.cfg.OnLongQueue(p.cfg.Instances.Max, d)
	}
}

// dropWaiter withdraws w; a slot handed to it meanwhile is given back.
func (p *Pool) dropWaiter(w chan *proc) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, x := range p.waiters {
		if x == w {
			p.waiters = append(p.waiters[:i], p.waiters[i+1:]...)
			return
		}
	}
	if pr := <-w; pr != nil {
		p.releaseLocked(pr)
	}
}

// unusable is unusableLocked with the lock.
func (p *Pool) unusable() harness.Outcome {
	p.mu.Lock()
	defer p.mu.Unlock()
	out, _ := p.unusableLocked()
	return out
}

// unusableLocked reports a failed (ClassFatal) or closed pool.
func (p *Pool) unusableLocked() (harness.Outcome, bool) {
	switch {
	case p.err != nil:
		return harness.Outcome{Class: ClassFatal, Message: clip(p.err.Error())}, true
	case p.closed:
		return harness.Outcome{Class: ClassCanceled, Message: errClosed.Error()}, true
	}
	return harness.Outcome{}, false
}

// await waits for the call's answer, the function timeout (from now, the
// call's start) or ctx's cancellation.
func (p *Pool) await(ctx context.Context, pr *proc, call *rpc.Call) harness.Outcome {
	t := p.timer()
	done := canceled(ctx)
	for {
		select {
		case <-call.Done:
			p.putTimer(t)
			return p.finish(pr, call)
		case <-t.C:
			p.putTimer(t)
			return p.expire(pr)
		case <-done:
			if done = canceled(ctx); done != nil {
				go p.abandon(pr, call, t)
				return ctxOutcome(ctx, "waiting for the function")
			}
		}
	}
}

// abandon follows a call the caller stopped waiting for, so the instance is
// freed (or killed at the function timeout) all the same.
func (p *Pool) abandon(pr *proc, call *rpc.Call, t *time.Timer) {
	select {
	case <-call.Done:
		p.putTimer(t)
		p.finish(pr, call)
	case <-t.C:
		p.putTimer(t)
		p.expire(pr)
	}
}

// finish classifies an answered call and frees the slot, or retires the
// instance when the connection broke.
func (p *Pool) finish(pr *proc, call *rpc.Call) harness.Outcome {
	resp := call.Reply.(*InvokeResponse)
	class, msg := Classify(resp.StatusCode, call.Error)
	if call.Error != nil && !isServerError(call.Error) {
		p.retire(pr, reasonCrash)
		if out, closed := p.closedOutcome(); closed {
			return out // Close stopped the instance under the call
		}
		if class == ClassCrash {
			msg = clip(fmt.Sprintf("instance %d: %s", pr.slot.idx, msg))
		}
		return harness.Outcome{Class: class, Message: msg}
	}
	pr.answered.Add(1)
	if p.failStreak.Load() != 0 {
		p.failStreak.Store(0)
	}
	p.release(pr)
	return harness.Outcome{Class: class, Message: msg}
}

// closedOutcome is the outcome of a call cut by Close; false while open.
func (p *Pool) closedOutcome() (harness.Outcome, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.closed || p.err != nil {
		return harness.Outcome{}, false
	}
	return harness.Outcome{Class: ClassCanceled, Message: errClosed.Error()}, true
}

// expire abandons a call past the function timeout: the runtime never
// times out, so the instance is killed and restarted, as the platform does.
func (p *Pool) expire(pr *proc) harness.Outcome {
	p.retire(pr, reasonTimeout)
	return harness.Outcome{Class: ClassTimeout, Message: fmt.Sprintf(
		"no answer within the function timeout %v; instance %d killed", p.cfg.timeout, pr.slot.idx)}
}

// ctxOutcome reports a caller's context that ended.
func ctxOutcome(ctx context.Context, during string) harness.Outcome {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return harness.Outcome{Class: ClassTimeout, Message: "deadline exceeded " + during}
	}
	return harness.Outcome{Class: ClassCanceled, Message: "canceled " + during}
}
