package runner

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/metrics"
)

// progressEvery is how often the live line is refreshed and a failing
// function target is checked.
const progressEvery = 500 * time.Millisecond

// failing is implemented by targets that can fail for good during a run (a
// function binary that keeps crashing at start).
type failing interface{ Err() error }

// drive runs the harness with the live progress line, and ends the run
// early when the target has failed for good.
func drive(ctx context.Context, o Options, cfg harness.Config, src harness.Source, tgt harness.Target, col *metrics.Collector) (*harness.RunInfo, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	fatal, _ := tgt.(failing)
	pl := newProgress(o.Progress, o.Warn, col, cfg.Duration)
	info, err := harness.Run(ctx, cfg, src, tgt, col, harness.WithHurry(o.Hurry), harness.WithProgress(progressEvery, func(st harness.Status) {
		pl.update(st)
		o.Live.Status(st)
		if fatal != nil {
			if err := fatal.Err(); err != nil {
				cancel(err)
			}
		}
	}))
	pl.done()
	if err != nil {
		return nil, err
	}
	if fatal != nil {
		if err := fatal.Err(); err != nil {
			return nil, fmt.Errorf("target %s failed: %w", tgt, err)
		}
	}
	return info, nil
}

// liveLatency is the p50 and p99 of everything recorded so far.
func liveLatency(t *metrics.Interval) (p50, p99 time.Duration) {
	return time.Duration(t.Response.ValueAtQuantile(50)), time.Duration(t.Response.ValueAtQuantile(99))
}

// oneLine flattens a message for a status line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
