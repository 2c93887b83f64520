package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"
)

// forceExitAfter is how long a second interrupt leaves disload to write
// what it can before it exits anyway.
const forceExitAfter = 2 * time.Second

// interrupts turns signals into the stop of a run: the first cancels the
// run's context (the run stops, in-flight deliveries get their grace
// period, the report is written); the second cuts the grace period short
// and exits after forceExitAfter whatever is still going on; the third
// exits at once. Every such exit is exitInterrupted.
type interrupts struct {
	cancel context.CancelFunc
	hurry  chan struct{}
	stderr io.Writer
	exit   func(int)
	force  time.Duration
}

// newInterrupts returns the context a command runs in (with its hurry
// channel attached) and the watcher of its signals.
func newInterrupts(stderr io.Writer, exit func(int)) (context.Context, *interrupts) {
	ctx, cancel := context.WithCancel(context.Background())
	s := &interrupts{cancel: cancel, hurry: make(chan struct{}), stderr: stderr, exit: exit, force: forceExitAfter}
	return withHurry(ctx, s.hurry), s
}

// watch handles the signals that arrive on ch until it is closed.
func (s *interrupts) watch(ch <-chan os.Signal) {
	n := 0
	for sig := range ch {
		n++
		switch n {
		case 1:
			fmt.Fprintf(s.stderr, "\ndisload: %v: stopping, the report is still written (again: stop waiting for deliveries in flight)\n", sig)
			s.cancel()
		case 2:
			fmt.Fprintf(s.stderr, "\ndisload: %v again: deliveries in flight abandoned, writing what can be written within %v (again: exit at once)\n", sig, s.force)
			close(s.hurry)
			time.AfterFunc(s.force, func() { s.exit(exitInterrupted) })
		default:
			fmt.Fprintf(s.stderr, "\ndisload: %v a third time: exiting now\n", sig)
			s.exit(exitInterrupted)
		}
	}
}

type hurryKey struct{}

// withHurry attaches the channel closed at the second interrupt.
func withHurry(ctx context.Context, hurry <-chan struct{}) context.Context {
	return context.WithValue(ctx, hurryKey{}, hurry)
}

// hurryFrom is the channel closed at the second interrupt (nil: never).
func hurryFrom(ctx context.Context) <-chan struct{} {
	h, _ := ctx.Value(hurryKey{}).(<-chan struct{})
	return h
}
