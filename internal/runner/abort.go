package runner

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/scenarios"
	"github.com/disload/disload/internal/threshold"
)

// parseAbortRules parses the scenario's aborting thresholds and the
// command line's (--threshold-abort, no delay).
func parseAbortRules(sc []scenarios.AbortThreshold, cli []string) ([]threshold.Abort, error) {
	var out []threshold.Abort
	var errs []error
	add := func(expr string, delay time.Duration) {
		a, err := threshold.ParseAbort(expr, delay)
		if err != nil {
			errs = append(errs, err)
			return
		}
		out = append(out, a)
	}
	for _, a := range sc {
		add(a.Expr, a.Delay)
	}
	for _, expr := range cli {
		add(expr, 0)
	}
	return out, errors.Join(errs...)
}

// abortWatch checks the abort rules once per interval, on the figures of
// the run so far, and stops the run at the first one crossed.
type abortWatch struct {
	col   *metrics.Collector
	rules []threshold.Abort
	stop  func(error)
	start time.Time

	quit chan struct{}
	wg   sync.WaitGroup
	by   string // the threshold that aborted the run (read after wg.Wait)
}

// watchAborts starts checking rules every interval and returns the
// function that stops checking and names the threshold that aborted the
// run ("" none). Without rules it does nothing.
func watchAborts(col *metrics.Collector, rules []threshold.Abort, every time.Duration, stop func(error)) (done func() string) {
	if len(rules) == 0 {
		return func() string { return "" }
	}
	w := &abortWatch{col: col, rules: rules, stop: stop, start: time.Now(), quit: make(chan struct{})}
	w.wg.Add(1)
	go w.loop(every)
	return func() string {
		close(w.quit)
		w.wg.Wait()
		return w.by
	}
}

func (w *abortWatch) loop(every time.Duration) {
	defer w.wg.Done()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-w.quit:
			return
		case <-t.C:
			if w.check() {
				return
			}
		}
	}
}

// check evaluates the rules due on the figures so far; true when one was
// crossed and the run was stopped. A rule's delay is counted on the run's
// own clock: the start of the newest interval holding results.
func (w *abortWatch) check() bool {
	elapsed := time.Since(w.start)
	runTime := time.Duration(-1)
	if idx := w.col.Indexes(); len(idx) > 0 {
		runTime = time.Duration(idx[len(idx)-1]) * w.col.Width()
	}
	sum := reports.NewSummary(reports.RunFacts{Elapsed: elapsed, RateHeld: true}, w.col.Total())
	for _, r := range w.rules {
		if v, crossed := r.Crossed(sum, runTime); crossed {
			w.by = r.Expr
			w.stop(fmt.Errorf("threshold %q crossed (%g) after %v: run aborted", r.Expr, v, elapsed.Round(time.Second)))
			return true
		}
	}
	return false
}
