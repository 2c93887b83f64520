package threshold

import "time"

// Abort is the aborting form of a threshold (k6's abortOnFail): checked
// on the figures so far while the run goes on, it stops the run as soon as
// it is crossed, from Delay into the run on (k6's delayAbortEval: the
// figures of the first seconds are noisy). Its expression is judged again
// at the end as any threshold.
type Abort struct {
	Threshold
	Delay time.Duration // no check before this far into the run
}

// ParseAbort parses an aborting threshold checked from delay on.
func ParseAbort(expr string, delay time.Duration) (Abort, error) {
	t, err := Parse(expr)
	if err != nil {
		return Abort{}, err
	}
	return Abort{Threshold: t, Delay: delay}, nil
}

// Crossed evaluates the threshold at runTime into the run: crossed is
// true (with the metric's value) when the check is due and the condition
// does not hold. Before Delay nothing is crossed.
func (a Abort) Crossed(r Run, runTime time.Duration) (value float64, crossed bool) {
	if runTime < a.Delay {
		return 0, false
	}
	value, ok := a.Eval(r)
	return value, !ok
}
