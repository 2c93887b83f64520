package function

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

const (
	backoffBase = 25 * time.Millisecond
	backoffMax  = 5 * time.Second
)

// slot is one instance over its lives: its log and its restart state. Its
// goroutine (run) starts, watches and restarts it.
type slot struct {
	idx    int
	log    *ring
	out    io.Writer // stdout and stderr of every life
	file   *os.File  // LogDir/instance-N.log, or nil
	streak int       // lives in a row that failed; owned by run
	up     bool      // healthy; guarded by Pool.mu
}

// newSlotLocked creates an instance and starts its goroutine.
func (p *Pool) newSlotLocked() {
	s := &slot{idx: len(p.slots), log: &ring{}}
	s.out = s.log
	if p.cfg.LogDir != "" && p.cfg.addr == "" {
		f, err := os.OpenFile(filepath.Join(p.cfg.LogDir, fmt.Sprintf("instance-%d.log", s.idx)),
			os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
		if err != nil {
			fmt.Fprintf(s.log, "disload: log file: %v\n", err)
		} else {
			s.file, s.out = f, newFileLog(f, s.log, MaxInstanceLogBytes, p.logs)
		}
	}
	p.slots = append(p.slots, s)
	p.starting++
	p.wg.Add(1)
	go p.run(s)
}

// run keeps the instance going until the pool shuts down or gives up.
func (p *Pool) run(s *slot) {
	defer p.wg.Done()
	defer p.slotDone(s)
	for p.sleep(s.backoff()) {
		pr, err := p.launch(s)
		if err != nil {
			if err == errClosed || !p.startFailed(s, err) {
				return
			}
			continue
		}
		if !p.online(s, pr) {
			pr.terminate(defaultStopGrace)
			pr.close()
			return
		}
		select {
		case <-pr.exited:
		case <-p.done:
			p.retire(pr, reasonClose)
			pr.terminate(defaultStopGrace)
		}
		pr.close()
		if !p.offline(s, pr) {
			return
		}
	}
}

// backoff is the wait before the next life: none after a clean start or a
// timeout kill, then 25 ms doubling up to 5 s per failure in a row.
func (s *slot) backoff() time.Duration {
	if s.streak == 0 {
		return 0
	}
	return min(backoffBase<<min(s.streak-1, 20), backoffMax)
}

// sleep waits d; false when the pool shut down meanwhile.
func (p *Pool) sleep(d time.Duration) bool {
	if d == 0 {
		select {
		case <-p.done:
			return false
		default:
			return true
		}
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-p.done:
		return false
	case <-t.C:
		return true
	}
}

// launch starts one life: a process on a free port (retried on a taken
// port) or a connection to the attached runtime, healthy when it returns.
func (p *Pool) launch(s *slot) (*proc, error) {
	if p.cfg.addr != "" {
		pr := attachProc(s, p.cfg.addr)
		start := time.Now()
		c, err := p.awaitHealthy(pr)
		if err != nil {
			return nil, p.lifeError(s, err, nil)
		}
		pr.client, pr.coldStart = c, time.Since(start)
		return pr, nil
	}
	for try := 1; ; try++ {
		pr, err := p.launchProcess(s)
		var pe *portError
		if !errors.As(err, &pe) {
			return pr, err
		}
		if try == maxPortTries {
			return nil, pe.err
		}
	}
}

// portError marks a start that failed because the port was taken.
type portError struct{ err error }

// Error returns the start error.
func (e *portError) Error() string { return e.err.Error() }

// launchProcess spawns the binary once and waits for its health check.
func (p *Pool) launchProcess(s *slot) (*proc, error) {
	addr, err := pickAddr()
	if err != nil {
		return nil, p.lifeError(s, err, nil)
	}
	lf, err := p.rt.newLife(addr)
	if err != nil {
		return nil, p.lifeError(s, err, nil)
	}
	mark := s.log.mark()
	start := time.Now()
	pr, err := p.spawn(s, addr, lf)
	if err != nil {
		lf.release()
		return nil, p.lifeError(s, fmt.Errorf("start: %w", err), nil)
	}
	c, err := p.awaitHealthy(pr)
	if err == nil {
		pr.client, pr.coldStart = c, time.Since(start)
		return pr, nil
	}
	pr.kill()
	<-pr.exited
	lf.release()
	if err == errClosed {
		return nil, err
	}
	tail := s.log.since(mark, tailLines)
	if addrInUse(tail) {
		return nil, &portError{p.lifeError(s, err, tail)}
	}
	return nil, p.lifeError(s, err, tail)
}

// lifeError names the function and instance and quotes its log.
func (p *Pool) lifeError(s *slot, err error, tail []string) error {
	if p.cfg.addr != "" {
		return fmt.Errorf("function %s: %w", p.cfg.target(), err)
	}
	return fmt.Errorf("function %s: instance %d: %w%s", p.cfg.target(), s.idx, err, formatTail(tail))
}
