package harness

import (
	"math"
	"time"
)

// The open loop's worker pool grows on demand and shrinks when part of it
// sits idle.
//
// r.idle counts idle workers: a worker adds one when it finishes a delivery
// (before it frees its in-flight slot) and the dispatcher takes one for
// every job it hands over. A worker spawned for a job takes that job
// without adding one. So r.idle is the number of workers waiting (or about
// to wait) for a job minus the jobs queued for them; when taking one leaves
// it negative, no worker is free for the job and the dispatcher spawns one.
//
// Retirement is the dispatcher's decision too, once per retireWindow of
// schedule time: the fewest idle workers seen at any hand-off in the window
// were never needed during it, so all of them but idleSpare are told to
// quit (a job with no event), down to minWorkers. Workers cannot time out
// one by one: a channel serves its waiting receivers in turn, so at any
// steady rate every worker of an oversized pool gets a job now and then
// and none would ever be idle for long.

// retireWindow is how often (schedule time) the dispatcher shrinks an
// oversized pool.
const retireWindow = time.Second

// idleSpare is how many of the workers idle through a whole window are
// kept: a little slack so that a steady load does not spawn and retire
// workers window after window.
const idleSpare = 1

// minWorkers is the fewest workers retirement leaves in the pool.
const minWorkers = 2

// pool is the dispatcher's side of the worker pool.
type pool struct {
	alive   int           // workers spawned and not told to quit
	minIdle int64         // fewest idle workers left at a hand-off in this window
	until   time.Duration // end of this window, schedule time
}

func newPool() pool { return pool{minIdle: math.MaxInt64, until: retireWindow} }

// hand gives an admitted job to an idle worker, or to a new one when none
// is idle and fewer than Concurrency are alive: the pool grows only on
// demand. The send waits at most for a worker that exists to take a job:
// every job in r.work has a taker (an idle worker, one just spawned, or a
// busy one about to finish, admitted jobs being at most Concurrency), and
// r.work holds 2×Concurrency jobs up to maxWorkQueue.
func (d *dispatcher) hand(j job) {
	r := d.r
	r.work <- j
	idle := r.idle.Add(-1)
	if idle < 0 {
		if d.alive < r.cfg.Concurrency {
			r.idle.Add(1) // the new worker takes the job
			r.spawn((*worker).openLoop)
			d.alive++
		}
		// else a worker about to finish takes it: Concurrency workers are
		// alive and at most Concurrency jobs are admitted.
		idle = 0
	}
	d.minIdle = min(d.minIdle, idle)
	if j.intended >= d.until {
		d.shrink(j.intended)
	}
}

// shrink ends the window at now: it tells the workers that were idle
// through all of it, but idleSpare, to quit, and starts the next window.
// It sends no quit order while some of the previous ones are still in the
// queue, so r.work never holds more than Concurrency-minWorkers of them.
func (d *dispatcher) shrink(now time.Duration) {
	r := d.r
	if len(r.workers) > d.alive {
		r.reap()
	}
	n := min(d.minIdle-idleSpare, int64(d.alive-minWorkers))
	if n > 0 && r.retiring.Load() == 0 {
		// r.idle >= d.minIdle: only the dispatcher takes from it.
		r.retiring.Add(n)
		r.idle.Add(-n)
		for range n {
			r.work <- job{}
		}
		d.alive -= int(n)
	}
	d.minIdle = math.MaxInt64
	d.until = now + retireWindow
}

// reap drops the workers that have exited from r.workers and keeps their
// recorders, flushed, for the workers spawned next.
func (r *runner) reap() {
	kept := r.workers[:0]
	for _, w := range r.workers {
		if w.state.Load() == stateExited {
			r.spareRecs = append(r.spareRecs, w.Rec)
			continue
		}
		kept = append(kept, w)
	}
	clear(r.workers[len(kept):])
	r.workers = kept
}
