package harness

import (
	"context"
	"fmt"
)

// Event is one DIS trigger event ready to deliver.
type Event struct {
	Index        int64  // position in the generated stream
	Partition    int    // the partition whose batch this is
	Payload      []byte // the event JSON; valid only during Invoke
	Records      int    // records in the batch
	PayloadBytes int64  // decoded (base64-decoded) record bytes in the batch
}

// Outcome is how one delivery went.
type Outcome struct {
	// Class is OK ("") on success, else an error class (class.go).
	Class Class
	// Message is the error text (empty on success).
	Message string
	// StaleRetries counts the times the request went again on a fresh
	// connection because the kept-alive one it was sent on had been closed
	// by the server before it could read it (as net/http resends): not
	// failures, but never hidden (summary.json connections.stale_retries).
	StaleRetries int
}

// OK reports whether the delivery succeeded.
func (o Outcome) OK() bool { return o.Class == OK }

// Target receives events. Invoke must be safe for concurrent use; it returns
// when the target has answered, failed, or ctx is done (class "timeout" when
// the context's deadline passed, "canceled" when it was canceled).
type Target interface {
	Invoke(ctx context.Context, ev *Event) Outcome
	// Close releases the target's resources (connections, processes).
	Close() error
}

// Starter is implemented by targets that must be ready before the clock
// starts (a function binary waiting for its health check).
//
// A target's lifecycle is its owner's, defined once: the owner (the runner)
// starts it with Start once, before its first run, reuses it across runs
// (a find-max search and its confirmation run), and closes it once, after
// the last. No engine starts or closes a target.
type Starter interface {
	Start(ctx context.Context) error
}

// Start starts tgt when it is a Starter; other targets are ready as built.
func Start(ctx context.Context, tgt Target) error {
	if s, ok := tgt.(Starter); ok {
		if err := s.Start(ctx); err != nil {
			return fmt.Errorf("target: start: %w", err)
		}
	}
	return nil
}
