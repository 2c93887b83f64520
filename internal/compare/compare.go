// Package compare sets two runs (or two sets of runs) side by side: every
// figure old and new with its change, and whether the change is beyond
// noise at 99% confidence, decided from per-interval blocks of the runs'
// HDR interval logs (Welch's t-test on a log scale), from the histograms,
// or from the pooled counts for error rates. It reads saved runs (a result
// directory, a summary.json, or a directory of result directories) and
// writes the comparison as a table or JSON; Regressions lists what got
// worse beyond a given percentage for `disload compare
// --fail-on-regression`.
package compare

import (
	"fmt"
	"math"

	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/redact"
	"github.com/disload/disload/internal/reports"
)

// Direction tells which way a figure improves.
type Direction string

// Directions of improvement.
const (
	LowerIsBetter  Direction = "lower"
	HigherIsBetter Direction = "higher"
)

// Kinds of compared figures; Regressions looks at latency and throughput.
const (
	KindCount      = "count"
	KindErrorRate  = "error_rate"
	KindThroughput = "throughput"
	KindLatency    = "latency"
	KindTrigger    = "trigger"
)

// Comparison holds two runs' figures side by side with the change of each
// and whether it is beyond noise (see Runs).
type Comparison struct {
	Old, New   *reports.Summary `json:"-"` // each side's run, or the aggregate of its runs
	OldRuns    int              `json:"old_runs"`
	NewRuns    int              `json:"new_runs"`
	Confidence float64          `json:"confidence"`
	Notes      []string         `json:"notes,omitempty"` // ways in which the runs differ besides their results
	Figures    []Figure         `json:"figures"`
}

// Figure is one figure of both runs.
type Figure struct {
	Name        string    `json:"name"` // e.g. "events.sent", "records_per_s", "response.p99"
	Kind        string    `json:"kind"`
	Unit        string    `json:"unit"` // "", "%", "/s", "MB/s", "ms"
	Old         float64   `json:"old"`
	New         float64   `json:"new"`
	ChangePct   *float64  `json:"change_pct"` // (new − old) / old × 100; null when old is 0
	Better      Direction `json:"better,omitempty"`
	Tested      bool      `json:"tested"` // whether significance could be judged
	Significant bool      `json:"significant"`
	Method      string    `json:"method,omitempty"`
	ChangeCI    []float64 `json:"change_ci,omitempty"` // [lo, hi] of the change in percent, at Confidence
}

// Worse reports whether the figure changed significantly for the worse.
func (f *Figure) Worse() bool {
	return f.Significant && ((f.Better == LowerIsBetter && f.rose()) || (f.Better == HigherIsBetter && !f.rose()))
}

// Improved reports whether the figure changed significantly for the better.
func (f *Figure) Improved() bool {
	return f.Significant && f.Better != "" && !f.Worse()
}

// rose reports whether a significant change is upwards: by its confidence
// interval where it has one, else by its values.
func (f *Figure) rose() bool {
	if len(f.ChangeCI) == 2 {
		return f.ChangeCI[0] > 0
	}
	return f.New > f.Old
}

// setCI records the change's confidence interval; the change is
// significant when the interval excludes 0.
func (f *Figure) setCI(lo, hi float64, ok bool) {
	if !ok {
		return
	}
	f.Tested, f.ChangeCI = true, []float64{clampPct(lo), clampPct(hi)}
	f.Significant = lo > 0 || hi < 0
}

// Summaries sets two runs side by side (see Runs); without their
// interval logs, only the percentiles summary.json holds per interval are
// tested.
func Summaries(before, after *reports.Summary) *Comparison {
	return Runs(withoutLogs(before), withoutLogs(after))
}

// Runs sets two sets of runs side by side: one run or several runs
// of each configuration. Whether a change is beyond noise is decided at 99%
// confidence from blocks, not from single events, since the events of one
// run are not independent samples of a configuration:
//
//   - latency mean and percentiles: each complete interval of each run is a
//     block; the figure is read from each block's histogram (latency.hlog),
//     and Welch's t-test on the logarithms of the block values gives a
//     confidence interval for the relative change. With several runs on a
//     side, the spread of the run means counts when it exceeds that of the
//     blocks (run-to-run variation);
//   - throughput: the same over the per-interval rates;
//   - error rate: the two-proportion z-test on the pooled counts;
//   - counts set by the scenario and maxima are shown but not tested;
//   - latency tails (p99 and beyond) are tested only with at least two
//     runs on each side: within one run their blocks vary far less than
//     they do from run to run (see tailQuantile), so one run per side
//     would call machine noise a regression.
//
// A change is significant when its confidence interval excludes 0. With
// several runs a side's figures are the mean over its runs, and its
// latency figures those of all its runs' events together.
func Runs(before, after []*Run) *Comparison {
	old, new := aggregate(before), aggregate(after)
	c := &Comparison{Old: old, New: new, OldRuns: len(before), NewRuns: len(after),
		Confidence: Confidence, Notes: differences(old, new)}
	c.addCounts()
	c.addErrorRate(before, after)
	c.addThroughput(before, after)
	c.addLatency(before, after)
	c.addTrigger()
	c.addCost()
	return c
}

// differences notes how the runs' set-ups differ.
func differences(a, b *reports.Summary) []string {
	var notes []string
	diff := func(what, x, y string) {
		if x != y {
			notes = append(notes, fmt.Sprintf("%s differs: %s (old) vs %s (new)", what, x, y))
		}
	}
	diff("scenario", a.Scenario, b.Scenario)
	diff("mode", a.Mode, b.Mode)
	diff("target", redact.URL(a.Target), redact.URL(b.Target))
	diff("asked rate", reports.Num(a.AskedRate, 1)+"/s", reports.Num(b.AskedRate, 1)+"/s")
	diff("duration", reports.Seconds(a.DurationS), reports.Seconds(b.DurationS))
	if !a.RateHeld || !b.RateHeld {
		notes = append(notes, "a run did not hold its asked rate: latencies include queueing behind the schedule")
	}
	return notes
}

func (c *Comparison) add(f Figure) {
	if f.Old != 0 {
		ch := (f.New - f.Old) / math.Abs(f.Old) * 100
		f.ChangePct = &ch
	} else if f.New == 0 {
		zero := 0.0
		f.ChangePct = &zero
	}
	c.Figures = append(c.Figures, f)
}

func (c *Comparison) addCounts() {
	a, b := c.Old, c.New
	counts := []struct {
		name   string
		x, y   int64
		better Direction
	}{
		{"events.sent", a.Events.Sent, b.Events.Sent, ""},
		{"events.ok", a.Events.OK, b.Events.OK, ""},
		{"events.failed", a.Events.Failed, b.Events.Failed, LowerIsBetter},
		{"events.dropped", a.Events.Dropped, b.Events.Dropped, LowerIsBetter},
		{"events.retried", a.Events.Retried, b.Events.Retried, LowerIsBetter},
		{"records", a.Records, b.Records, ""},
		{"payload_bytes", a.PayloadBytes, b.PayloadBytes, ""},
	}
	for _, n := range counts {
		c.add(Figure{Name: n.name, Kind: KindCount, Old: float64(n.x), New: float64(n.y), Better: n.better})
	}
}

func (c *Comparison) addErrorRate(before, after []*Run) {
	f1, n1 := pooledFailures(before)
	f2, n2 := pooledFailures(after)
	c.add(Figure{Name: "error_rate", Kind: KindErrorRate, Unit: "%", Old: ratio(f1, n1) * 100, New: ratio(f2, n2) * 100,
		Better: LowerIsBetter, Tested: n1 > 0 && n2 > 0, Method: "two-proportion z-test",
		Significant: proportions(f1, n1, f2, n2)})
}

// pooledFailures adds up the runs' failed and sent events.
func pooledFailures(runs []*Run) (failed, sent float64) {
	for _, r := range runs {
		failed += float64(r.Summary.Events.Failed)
		sent += float64(r.Summary.Events.Sent)
	}
	return failed, sent
}

// ratio is a/b, 0 when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func (c *Comparison) addThroughput(before, after []*Run) {
	rates := []struct {
		name, unit string
		total      func(*reports.Summary) float64
		count      func(*reports.IntervalFigures) float64
	}{
		{"events_per_s", "/s", func(s *reports.Summary) float64 { return s.Throughput.EventsPerS },
			func(f *reports.IntervalFigures) float64 { return float64(f.OK) }},
		{"records_per_s", "/s", func(s *reports.Summary) float64 { return s.Throughput.RecordsPerS },
			func(f *reports.IntervalFigures) float64 { return float64(f.Records) }},
		{"payload_mb_per_s", "MB/s", func(s *reports.Summary) float64 { return s.Throughput.PayloadBytesPerS / 1e6 },
			func(f *reports.IntervalFigures) float64 { return float64(f.PayloadBytes) / 1e6 }},
	}
	for _, r := range rates {
		f := Figure{Name: r.name, Kind: KindThroughput, Unit: r.unit, Old: r.total(c.Old), New: r.total(c.New),
			Better: HigherIsBetter, Method: "Welch's t-test over interval rates"}
		f.setCI(changeCI(rateBlocks(before, r.count), rateBlocks(after, r.count), false))
		c.add(f)
	}
}

// percentiles compared, with their quantile (0..1) and a getter.
var comparedPercentiles = []struct {
	name string
	q    float64
	get  func(reports.LatencyStats) float64
}{
	{"p50", 0.50, func(l reports.LatencyStats) float64 { return l.P50 }},
	{"p90", 0.90, func(l reports.LatencyStats) float64 { return l.P90 }},
	{"p99", 0.99, func(l reports.LatencyStats) float64 { return l.P99 }},
	{"p99.9", 0.999, func(l reports.LatencyStats) float64 { return l.P999 }},
}

// blockMethod names how latency changes are tested.
const blockMethod = "Welch's t-test over interval blocks (log scale)"

func (c *Comparison) addLatency(before, after []*Run) {
	if !hasHistograms(c.Old) || !hasHistograms(c.New) {
		c.Notes = append(c.Notes, "a run's histograms are missing or damaged: latency changes are not tested")
	}
	for _, k := range []struct {
		kind   string
		l1, l2 reports.LatencyStats
	}{{hlog.TagResponse, c.Old.Latency.Response, c.New.Latency.Response},
		{hlog.TagService, c.Old.Latency.Service, c.New.Latency.Service}} {
		mean := Figure{Name: k.kind + ".mean", Kind: KindLatency, Unit: "ms", Old: k.l1.Mean, New: k.l2.Mean,
			Better: LowerIsBetter, Method: blockMethod}
		c.addBlocks(mean, before, after, k.kind, 0)
		for _, p := range comparedPercentiles {
			f := Figure{Name: k.kind + "." + p.name, Kind: KindLatency, Unit: "ms", Old: p.get(k.l1), New: p.get(k.l2),
				Better: LowerIsBetter, Method: blockMethod}
			c.addBlocks(f, before, after, k.kind, p.q)
		}
		c.add(Figure{Name: k.kind + ".max", Kind: KindLatency, Unit: "ms", Old: k.l1.Max, New: k.l2.Max, Better: LowerIsBetter})
	}
	if !hasLogs(before) || !hasLogs(after) {
		c.Notes = append(c.Notes, "a run has no latency.hlog beside its summary.json: only the percentiles "+
			"summary.json holds per interval are tested")
	}
}

// tailQuantile is where a latency figure becomes a tail: from p99 on, a
// figure moves from run to run (a busy neighbour, a GC cycle, the
// scheduler) far more than between the intervals of one run, so only
// several runs per side can tell its change from run-to-run noise.
const tailQuantile = 0.99

// untestedTail is the method of a tail figure compared with one run on a
// side: its confidence interval is shown, its change is not judged.
const untestedTail = "not judged with one run per side: give several runs per side to test p99 and beyond"

// addBlocks tests a latency figure over the runs' interval blocks.
func (c *Comparison) addBlocks(f Figure, before, after []*Run, kind string, q float64) {
	if hasHistograms(c.Old) && hasHistograms(c.New) {
		a, b := latencyBlocks(before, kind, q), latencyBlocks(after, kind, q)
		f.setCI(changeCI(a, b, true))
		if q >= tailQuantile && (c.OldRuns < 2 || c.NewRuns < 2) {
			f.Tested, f.Significant, f.Method = false, false, untestedTail
		}
	}
	c.add(f)
}

// hasLogs reports whether every run has its interval log.
func hasLogs(runs []*Run) bool {
	for _, r := range runs {
		if r.Log == nil {
			return false
		}
	}
	return true
}

// hasHistograms reports whether the summary's histograms decode.
func hasHistograms(s *reports.Summary) bool {
	_, _, err := s.Histograms()
	return err == nil
}

func (c *Comparison) addTrigger() {
	a, b := c.Old.Trigger, c.New.Trigger
	if a == nil || b == nil {
		return
	}
	c.add(Figure{Name: "trigger.max_lag", Kind: KindTrigger, Unit: "ms", Old: a.MaxLagMs, New: b.MaxLagMs, Better: LowerIsBetter})
	c.add(Figure{Name: "trigger.final_lag_records", Kind: KindTrigger, Old: float64(a.FinalLagRecords),
		New: float64(b.FinalLagRecords), Better: LowerIsBetter})
	c.add(Figure{Name: "trigger.end_to_end.p99", Kind: KindTrigger, Unit: "ms", Old: a.EndToEndMs.P99,
		New: b.EndToEndMs.P99, Better: LowerIsBetter})
}

// Regressions lists the latency and throughput figures that got worse by
// more than pct percent with confidence: the whole confidence interval of
// the change lies beyond pct (above it for latency, below −pct for
// throughput). One line each, as
// "response.p99: 1.02 ms → 2.05 ms (+101%; 99% CI +95% to +108%)".
func (c *Comparison) Regressions(pct float64) []string {
	var out []string
	for i := range c.Figures {
		f := &c.Figures[i]
		if (f.Kind != KindLatency && f.Kind != KindThroughput) || !f.Worse() || len(f.ChangeCI) != 2 {
			continue
		}
		if (f.Better == LowerIsBetter && f.ChangeCI[0] <= pct) || (f.Better == HigherIsBetter && f.ChangeCI[1] >= -pct) {
			continue
		}
		out = append(out, fmt.Sprintf("%s: %s → %s (%s; %s)", f.Name, f.format(f.Old), f.format(f.New), f.change(), f.ci()))
	}
	return out
}

// ci writes the confidence interval of the change, "99% CI +95% to +108%".
func (f *Figure) ci() string {
	if len(f.ChangeCI) != 2 {
		return ""
	}
	return fmt.Sprintf("%s%% CI %s to %s", reports.Num(Confidence*100, 0), signedPct(f.ChangeCI[0]), signedPct(f.ChangeCI[1]))
}

// maxPct bounds a confidence interval's end (percent): an interval this
// wide says only that the runs are too few or too noisy to tell.
const maxPct = 1e6

// clampPct bounds a percentage to ±maxPct (NaN to 0), which JSON can hold.
func clampPct(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return max(-maxPct, min(maxPct, v))
}

// signedPct writes a percentage with its sign; beyond ±10000% only that.
func signedPct(v float64) string {
	switch {
	case math.Abs(v) < 0.05:
		return "0%"
	case v >= 1e4:
		return ">+10000%"
	case v > 0:
		return "+" + reports.Num(v, 1) + "%"
	}
	return reports.Num(v, 1) + "%"
}

// format writes a value of the figure with its unit.
func (f *Figure) format(v float64) string {
	if f.Kind == KindCost {
		return reports.Money(v) + " " + f.Unit
	}
	switch f.Unit {
	case "ms":
		return reports.Num(v, 3) + " ms"
	case "%":
		return reports.Num(v, 3) + "%"
	case "/s":
		return reports.Num(v, 1) + "/s"
	case "MB/s":
		return reports.Num(v, 3) + " MB/s"
	}
	return reports.Num(v, 3)
}

// change writes the relative change, "+12.5%", "-3%", or "new" from 0.
func (f *Figure) change() string {
	if f.ChangePct == nil {
		return "new"
	}
	v := *f.ChangePct
	if math.Abs(v) < 0.05 {
		return "0%"
	}
	if v > 0 {
		return "+" + reports.Num(v, 1) + "%"
	}
	return reports.Num(v, 1) + "%"
}
