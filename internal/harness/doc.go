// Package harness is disload's run engine: pacers that set an open-loop
// schedule (constant, ramp stages), the open and closed loops that deliver
// events to a Target, timeouts, and a graceful stop.
//
// What every engine (these loops and the trigger engine in
// harness/trigger) shares is here, once: the delivery path (Deliverer: a
// light per-invoke deadline, a panic made a failed delivery, a cancel by
// the stop classed as interrupted), the stop protocol (Stop: grace, then
// cancel, settle, abandon; Slot, the delivery a worker has in flight), the
// error classes (Class) and the target's lifecycle (Start, called once by
// the target's owner; no engine starts or closes a target).
//
// Latency is measured from each event's intended start (the schedule's
// time, never the time disload got round to it), so a target or a disload
// that falls behind shows in the response time instead of hiding it. When
// the schedule cannot be kept, Run says so (RunInfo.RateHeld,
// BehindReason) and, live, Status.Warning.
//
// Targets live in other packages: inproc (handlers in the process),
// internal/target/httptarget (an HTTP endpoint) and
// internal/target/function (a function binary).
package harness
