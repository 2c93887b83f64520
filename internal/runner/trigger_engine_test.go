package runner

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/reports"
)

// TestTriggerEngineFigures: in trigger mode the engine counts reach
// summary.json (scheduled: batches pulled, unsent, abandoned) and
// `--out-format jsonl` lines arrive as each interval closes, as in the
// loop modes.
func TestTriggerEngineFigures(t *testing.T) {
	const width = 500 * time.Millisecond
	sc := scenario(t, `
stream: {partitions: 2}
batch: {size: 10}
load: {mode: trigger, rate: 200/s, duration: 2s}
trigger: {poll: 50ms}
target: inproc:noop
`)
	var mu sync.Mutex
	var at []time.Time
	res, err := Run(context.Background(), Options{Scenario: sc, Interval: width, Intervals: func(reports.IntervalFigures) error {
		mu.Lock()
		at = append(at, time.Now())
		mu.Unlock()
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	end := time.Now()
	s := res.Summary
	if s.Scheduled == 0 || s.Scheduled != s.Events.Sent || s.Unsent != 0 || s.Abandoned != 0 {
		t.Errorf("scheduled %d (sent %d), unsent %d, abandoned %d; want every pulled batch sent once",
			s.Scheduled, s.Events.Sent, s.Unsent, s.Abandoned)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(at) < 3 || !at[0].Before(end.Add(-width)) {
		t.Errorf("%d interval lines, the first %v before the end; want them as the intervals close",
			len(at), end.Sub(at[0]))
	}
}

// TestTriggerSecondInterrupt: in trigger mode too, a second interrupt
// (Options.Hurry) cuts the grace period: the invocation in flight is
// canceled, then abandoned, and counted as interrupted in the summary.
func TestTriggerSecondInterrupt(t *testing.T) {
	sc := scenario(t, `
stream: {partitions: 1}
load: {mode: trigger, rate: 100/s, duration: 1m, grace: 1m}
trigger: {poll: 50ms, serial: true}
target: {type: inproc, name: "sleep:1m", timeout: 2m}
`)
	ctx, interrupt := context.WithCancel(context.Background())
	hurry := make(chan struct{})
	time.AfterFunc(500*time.Millisecond, interrupt)
	time.AfterFunc(700*time.Millisecond, func() { close(hurry) })
	start := time.Now()
	res, err := Run(ctx, Options{Scenario: sc, Hurry: hurry})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("Run returned after %v: the second interrupt did not cut the 1m grace", d)
	}
	s := res.Summary
	if !s.Interrupted || s.Errors[string(harness.ClassInterrupted)] != 1 {
		t.Errorf("interrupted %v, errors %v; want the batch in flight interrupted", s.Interrupted, s.Errors)
	}
}
