package harness

import (
	"context"
	"fmt"
	"time"
)

// Deliverer is the one way an engine invokes a target for one event (open,
// closed and trigger runs alike): under the per-invoke Timeout (a light
// deadline context, see deadline.go), with a panic in the target turned
// into a failed delivery (ClassTargetPanic), and a delivery that its
// target ends as canceled after the stop protocol canceled it classified
// as ClassInterrupted.
//
// Its context is the parent of every delivery: it keeps the values of the
// run's context but not its cancellation (an interrupt gives deliveries in
// flight Grace to finish); Cancel ends it.
type Deliverer struct {
	tgt     Target
	timeout time.Duration
	grace   time.Duration
	ctx     context.Context
	cancel  context.CancelFunc
}

// NewDeliverer returns the deliverer of one run to tgt: each delivery
// bounded by timeout (0: none); grace is the run's grace period (named in
// the message of interrupted deliveries). Call Cancel when the run is over.
func NewDeliverer(ctx context.Context, tgt Target, timeout, grace time.Duration) *Deliverer {
	d := &Deliverer{tgt: tgt, timeout: timeout, grace: grace}
	d.ctx, d.cancel = context.WithCancel(context.WithoutCancel(ctx))
	return d
}

// Invoke delivers ev to the target and returns how it went.
func (d *Deliverer) Invoke(ev *Event) (out Outcome) {
	ctx := d.ctx
	if d.timeout > 0 {
		dctx := withDeadline(ctx, time.Now().Add(d.timeout))
		defer dctx.release()
		ctx = dctx
	}
	defer func() {
		if v := recover(); v != nil {
			out = Outcome{Class: ClassTargetPanic, Message: fmt.Sprintf("target panicked: %v", v)}
		}
	}()
	out = d.tgt.Invoke(ctx, ev)
	if out.Class == ClassCanceled && d.ctx.Err() != nil {
		out = Outcome{Class: ClassInterrupted, Message: d.interruptMessage() + ": " + out.Message}
	}
	return out
}

// Cancel cancels every delivery in flight (the end of the grace period).
func (d *Deliverer) Cancel() { d.cancel() }

// Canceled reports whether Cancel was called.
func (d *Deliverer) Canceled() bool { return d.ctx.Err() != nil }

func (d *Deliverer) interruptMessage() string {
	return fmt.Sprintf("still in flight %s after the stop: canceled", d.grace)
}

// abandonMessage is the message of a delivery abandoned by the stop
// protocol.
func (d *Deliverer) abandonMessage() string {
	return d.interruptMessage() + ", the target did not return: abandoned"
}
