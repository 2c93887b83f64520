// Package harness is disload's run engine: pacers that set an open-loop
// schedule (constant, ramp stages), the open and closed loops that deliver
// events to a Target, timeouts, and a graceful stop.
//
// Latency is measured from each event's intended start (the schedule's
// time, never the time disload got round to it), so a target or a disload
// that falls behind shows in the response time instead of hiding it. When
// the schedule cannot be kept, Run says so (RunInfo.RateHeld,
// BehindReason) and, live, Status.Warning.
//
// Targets live in sub-packages: inproc (handlers in the process),
// httptarget (an HTTP endpoint) and function (a function binary).
package harness
