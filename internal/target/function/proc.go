package function

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/rpc"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// End reasons of a proc, set by the pool when it retires one.
const (
	reasonCrash   = "crash"
	reasonTimeout = "timeout"
	reasonClose   = "close"
)

const (
	tailLines    = 10          // log lines quoted in errors
	maxPortTries = 5           // spawns retried after "address already in use"
	probeTimeout = time.Second // one dial + health check
	maxPollDelay = 10 * time.Millisecond
	waitDelay    = time.Second // after the process exits, for its output pipes
)

// proc is one life of an instance: a process (nil cmd when attached) and
// the client connected to it.
type proc struct {
	slot      *slot
	addr      string
	cmd       *exec.Cmd
	client    instanceConn  // set once healthy
	answered  atomic.Int64  // calls the runtime answered (any result)
	coldStart time.Duration // spawn to healthy
	exited    chan struct{} // closed once the process is reaped (attached: once retired)
	waitErr   error         // the process's exit, valid after exited
	killOnce  sync.Once

	// Guarded by Pool.mu.
	dead   bool
	reason string

	life life // how the runtime reaches this process
}

// spawn starts an instance's process for life lf (listening on addr, or
// told where disload listens). The process gets its own process group; its
// stdout and stderr go to the slot's log.
func (p *Pool) spawn(s *slot, addr string, lf life) (*proc, error) {
	path, args, err := p.rt.command()
	if err != nil {
		return nil, err
	}
	if la, ok := lf.(lifeArgs); ok {
		args = append(args[:len(args):len(args)], la.args()...)
	}
	cmd := exec.Command(path, args...)
	cmd.Env = append(p.cfg.env[:len(p.cfg.env):len(p.cfg.env)], lf.env()...)
	cmd.Stdout, cmd.Stderr = s.out, s.out
	cmd.WaitDelay = waitDelay
	setProcAttr(cmd)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	pr := &proc{slot: s, addr: addr, cmd: cmd, life: lf, exited: make(chan struct{})}
	p.mu.Lock()
	p.pids = append(p.pids, cmd.Process.Pid)
	p.mu.Unlock()
	p.reaper.add(cmd.Process.Pid)
	go func() {
		pr.waitErr = cmd.Wait()
		killGroup(cmd, syscall.SIGKILL) // leftovers of the group, if any
		p.reaper.remove(cmd.Process.Pid)
		close(pr.exited)
	}()
	return pr, nil
}

// attachProc is a proc for a runtime disload does not run.
func attachProc(s *slot, addr string) *proc {
	return &proc{slot: s, addr: addr, life: rpcLife(addr), exited: make(chan struct{})}
}

// kill ends the proc at once: SIGKILL to the process group, or for an
// attached runtime, closing the connection.
func (pr *proc) kill() {
	if pr.cmd == nil {
		pr.killOnce.Do(func() {
			if pr.client != nil {
				pr.client.Close()
			}
			close(pr.exited)
		})
		return
	}
	select {
	case <-pr.exited:
	default:
		killGroup(pr.cmd, syscall.SIGKILL)
	}
}

// terminate asks the process group to stop (SIGTERM), kills it after grace
// and waits until it is gone.
func (pr *proc) terminate(grace time.Duration) {
	if pr.cmd == nil {
		pr.kill()
		return
	}
	select {
	case <-pr.exited:
		return
	default:
	}
	killGroup(pr.cmd, syscall.SIGTERM)
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-pr.exited:
	case <-t.C:
		pr.kill()
		<-pr.exited
	}
}

// close closes the connection to the process and releases its life.
func (pr *proc) close() {
	if pr.client != nil {
		pr.client.Close()
	}
	pr.life.release()
}

// exitText describes how the process ended.
func (pr *proc) exitText() string {
	if pr.cmd == nil {
		return "connection lost"
	}
	if pr.waitErr == nil {
		return "exit status 0"
	}
	return pr.waitErr.Error()
}

// awaitHealthy polls dial + HealthCheck until the runtime answers, the
// process exits, the pool closes or StartTimeout passes.
func (p *Pool) awaitHealthy(pr *proc) (instanceConn, error) {
	ctx, cancel := context.WithTimeout(context.Background(), p.cfg.StartTimeout)
	defer cancel()
	go func() { // a probe in progress ends when the process does
		select {
		case <-pr.exited:
		case <-p.done:
		case <-ctx.Done():
		}
		cancel()
	}()
	delay := time.Millisecond
	for {
		c, err := pr.life.probe(ctx)
		if err == nil {
			return c, nil
		}
		if err := p.startOver(ctx, pr, err); err != nil {
			return nil, err
		}
		t := time.NewTimer(delay)
		select {
		case <-pr.exited:
		case <-p.done:
		case <-ctx.Done():
		case <-t.C:
		}
		t.Stop()
		delay = min(2*delay, maxPollDelay)
	}
}

// startOver tells why a start has to stop waiting after a failed probe, or
// nil to probe again.
func (p *Pool) startOver(ctx context.Context, pr *proc, probeErr error) error {
	select {
	case <-pr.exited:
		return fmt.Errorf("exited during start (%s)", pr.exitText())
	case <-p.done:
		return errClosed
	default:
	}
	if ctx.Err() != nil {
		return fmt.Errorf("no health check answer within %v (last try: %v)", p.cfg.StartTimeout, probeErr)
	}
	return nil
}

// probe dials addr and calls Function.HealthCheck once.
func probe(ctx context.Context, addr string) (*Client, error) {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	c, err := DialContext(ctx, addr)
	if err != nil {
		return nil, err
	}
	if err := c.HealthCheck(ctx); err != nil {
		c.Close()
		return nil, fmt.Errorf("health check: %w", err)
	}
	return c, nil
}

// pickAddr chooses the port of a new process (a variable for tests).
var pickAddr = freeAddr

// freeAddr picks a free loopback port (it may be taken again before the
// function listens; launch retries then).
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("pick a free port: %w", err)
	}
	addr := l.Addr().String()
	return addr, l.Close()
}

// addrInUse reports whether log lines show the listen failed on a taken port.
func addrInUse(lines []string) bool {
	for _, l := range lines {
		if strings.Contains(l, "address already in use") {
			return true
		}
	}
	return false
}

// formatTail renders log lines for an error message.
func formatTail(lines []string) string {
	if len(lines) == 0 {
		return " (no log output)"
	}
	return "; last log lines:\n\t" + strings.Join(lines, "\n\t")
}

// isServerError reports whether err is an error text sent by the runtime
// (the connection is still fine).
func isServerError(err error) bool {
	var se rpc.ServerError
	var he *HandlerError
	return errors.As(err, &se) || errors.As(err, &he)
}
