// Package metrics records what happened to every delivered event: HDR
// histograms of response time (from the intended start, so coordinated
// omission is corrected) and service time (from the actual start), counts,
// error classes and sample messages, cut into intervals. Each worker
// gathers its results in its own small batch and the collector records a
// batch under one lock, so there is no lock per result and memory does not
// grow with the number of workers (a histogram costs about 200 KB; a
// worker's batch a few kilobytes).
package metrics

import "time"

// Result is the outcome of one delivery. Times are offsets from the run's
// start on the monotonic clock.
type Result struct {
	Intended time.Duration // when the pacer scheduled the event
	Start    time.Duration // when the delivery actually began
	End      time.Duration // when the target answered (or failed)
	Class    string        // "" on success, else the error class
	Message  string        // error text, empty on success
	Records  int           // records in the event's batch
	Bytes    int64         // decoded record bytes in the batch
	// StaleRetries counts resends on a fresh connection (Outcome.StaleRetries).
	StaleRetries int
}

// Response is the response time: end minus intended start.
func (r *Result) Response() time.Duration { return nonNegative(r.End - r.Intended) }

// Service is the service time: end minus actual start.
func (r *Result) Service() time.Duration { return nonNegative(r.End - r.Start) }

func nonNegative(d time.Duration) time.Duration {
	if d < 0 {
		return 0
	}
	return d
}
