package harness

import "time"

// The open loop's precise wait (Config.PreciseTimer). Go's timers fire
// from the netpoller, which on Linux sleeps in whole milliseconds
// (runtime/netpoll_epoll.go), so in a quiet process a timer fires up to
// about 1 ms late and every send, and so every response time measured
// from the schedule, carries that error. The dispatcher instead sleeps on
// the Go timer until fineSpan before the send, then on an OS timer that
// the netpoller watches like a socket: it wakes the parked dispatcher
// when the kernel's high-resolution timer fires.

// fineMinGap is the shortest gap between sends that gets the OS timer: an
// extra wake-up per event costs tens of µs of CPU, so faster schedules
// keep Go's timer (and its coarser, batched wake-ups).
const fineMinGap = 400 * time.Microsecond

// fineSpan is how long before a send the Go timer hands over to the OS
// timer: more than the Go timer's error, so that it rarely wakes after it.
const fineSpan = 1500 * time.Microsecond

// sleepFine waits until at (> now) on the Go timer and then on d.fine. If
// the OS timer fires before the run's clock reaches at, the clock is not
// the system's (a testing/synctest bubble): it drops d.fine for good and
// finishes on the Go timer.
func (d *dispatcher) sleepFine(at, now time.Duration) (time.Duration, bool) {
	if at-now > fineSpan {
		var ok bool
		if now, ok = d.sleepTimer(at-fineSpan, now); !ok {
			return now, false
		}
	}
	if rem := at - now; rem > 0 {
		err := d.fine.sleep(rem)
		if now = d.r.since(); err != nil || now < at {
			d.fine.close()
			d.fine = nil
			if now < at {
				return d.sleepTimer(at, now)
			}
		}
	}
	return now, !d.r.isStopped()
}
