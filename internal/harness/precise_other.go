//go:build !linux

package harness

import (
	"errors"
	"time"
)

// osTimer has no implementation here: Config.PreciseTimer uses Go's timer.
type osTimer struct{}

func newOSTimer() *osTimer { return nil }

func (*osTimer) sleep(time.Duration) error { return errors.ErrUnsupported }

func (*osTimer) close() {}
