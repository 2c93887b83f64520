package function

import (
	"fmt"
	"slices"
)

// online makes a healthy life's call slots available; false when the pool
// shut down meanwhile.
func (p *Pool) online(s *slot, pr *proc) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.starting--
	p.live++
	p.peak = max(p.peak, p.live)
	s.up = true
	p.coldStarts = append(p.coldStarts, pr.coldStart)
	for range p.cfg.ConcurrencyPerInstance {
		p.releaseLocked(pr)
	}
	if p.live >= p.cfg.Instances.Min && p.cfg.Instances.Min > 0 {
		select {
		case <-p.ready:
		default:
			close(p.ready)
		}
	}
	return true
}

// offline accounts for a life that ended and decides what comes next:
// false when the slot should stop (pool closed or given up).
func (p *Pool) offline(s *slot, pr *proc) bool {
	p.mu.Lock()
	p.retireLocked(pr, reasonCrash)
	p.live--
	s.up = false
	reason, closed := pr.reason, p.closed
	p.starting++
	p.mu.Unlock()
	switch {
	case closed || reason == reasonClose:
		return false
	case reason == reasonTimeout:
		s.streak = 0
		return true
	case pr.answered.Load() > 0:
		s.streak = 1
		return true
	}
	err := fmt.Errorf("function %s: instance %d died before answering any call (%s)%s",
		p.cfg.target(), s.idx, pr.exitText(), formatTail(s.log.tail(tailLines)))
	return p.startFailed(s, err)
}

// startFailed counts a life that failed (no health, or died before any
// answer); false when the pool gives up (MaxFailedStarts in a row with no
// answered call anywhere).
func (p *Pool) startFailed(s *slot, err error) bool {
	s.streak++
	n := int(p.failStreak.Add(1))
	if n < p.cfg.MaxFailedStarts {
		return true
	}
	p.setFatal(fmt.Errorf("%d failed starts in a row, giving up: %w", n, err))
	return false
}

// slotDone is the end of a slot's goroutine.
func (p *Pool) slotDone(s *slot) {
	p.mu.Lock()
	p.starting--
	p.mu.Unlock()
	if s.file != nil {
		s.file.Close()
	}
}

// retire takes pr out of service (its free slots are dropped) and kills it.
func (p *Pool) retire(pr *proc, reason string) {
	p.mu.Lock()
	p.retireLocked(pr, reason)
	p.mu.Unlock()
	if reason != reasonClose {
		pr.kill()
	}
}

// retireLocked marks pr dead with the first reason given.
func (p *Pool) retireLocked(pr *proc, reason string) {
	if pr.dead {
		return
	}
	pr.dead, pr.reason = true, reason
	p.idle = slices.DeleteFunc(p.idle, func(q *proc) bool { return q == pr })
}

// takeIdleLocked takes a free call slot, or returns nil.
func (p *Pool) takeIdleLocked() *proc {
	n := len(p.idle)
	if n == 0 {
		return nil
	}
	pr := p.idle[n-1]
	p.idle[n-1] = nil
	p.idle = p.idle[:n-1]
	return pr
}

// release gives a call slot back.
func (p *Pool) release(pr *proc) {
	p.mu.Lock()
	p.releaseLocked(pr)
	p.mu.Unlock()
}

// releaseLocked hands the slot to the first waiter, else keeps it idle.
func (p *Pool) releaseLocked(pr *proc) {
	if pr.dead {
		return
	}
	if len(p.waiters) > 0 {
		w := p.waiters[0]
		p.waiters[0] = nil
		p.waiters = p.waiters[1:]
		w <- pr
		return
	}
	p.idle = append(p.idle, pr)
}

// scaleLocked starts instances while waiters outnumber the call slots on
// their way, up to Instances.Max.
func (p *Pool) scaleLocked() {
	c := p.cfg.ConcurrencyPerInstance
	for len(p.waiters) > p.starting*c && len(p.slots) < p.cfg.Instances.Max && !p.closed {
		p.newSlotLocked()
	}
}

// wakeWaitersLocked ends every wait (the pool closed or gave up).
func (p *Pool) wakeWaitersLocked() {
	for _, w := range p.waiters {
		w <- nil
	}
	p.waiters = nil
	p.idle = nil
}
