package trigger

import (
	"fmt"
	"math"
)

// judgeStep turns a step's run into its StepResult: it keeps up when no
// record was skipped and the lag's trough trend stays within Tolerance.
func (f *finder) judgeStep(rate float64, res *Result) StepResult {
	sr := StepResult{Rate: rate, Growth: res.Growth, LagSlope: res.LagSlope, FinalLag: res.FinalLagRecords,
		MaxLagMs: res.MaxLagMs, Skipped: res.Skipped}
	for _, p := range res.Partitions {
		sr.Produced += p.Rate
	}
	sr.Drained = max(sr.Produced-sr.LagSlope, 0)
	if !res.LagSlopeMeasured && res.DrainRate > 0 {
		sr.Drained = res.DrainRate
	}
	// Too short a step for the trough trend (long calls or polls): the
	// run's own verdict decides.
	trend := sr.LagSlope <= f.steps.Tolerance*sr.Produced
	if !res.LagSlopeMeasured {
		trend = res.KeepingUp
	}
	sr.KeepingUp = res.Skipped == 0 && trend
	switch {
	case res.Skipped > 0:
		sr.Verdict = res.Verdict
	case sr.KeepingUp:
		sr.Verdict = fmt.Sprintf("%s (lag slope %s records/s)", VerdictKeepingUp, signed(sr.LagSlope))
	default:
		sr.Verdict = fmt.Sprintf("%s: lag growing by %s records/s", VerdictFallingBehind, grouped(sr.LagSlope))
	}
	return sr
}

// judgeStreamLimit notes the rate the partitions take within their write
// limit, and whether the answer passes it.
func (f *finder) judgeStreamLimit() {
	if f.base.LimitRecords <= 0 || len(f.weights) == 0 {
		return
	}
	limit := math.Inf(1)
	for _, w := range f.weights {
		if w > 0 {
			limit = min(limit, float64(f.base.LimitRecords)/w)
		}
	}
	if math.IsInf(limit, 0) {
		return
	}
	f.capa.StreamLimit = limit
	f.capa.OverStreamLimit = f.capa.MaxSustainable > limit
}

// signed formats v with its sign, grouped.
func signed(v float64) string {
	if v < 0 {
		return "-" + grouped(-v)
	}
	return "+" + grouped(v)
}
