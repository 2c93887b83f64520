package reports

import (
	"fmt"
	"math"

	"github.com/HdrHistogram/hdrhistogram-go"
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
// and whether it is beyond noise (see Compare).
type Comparison struct {
	Old, New   *Summary `json:"-"`
	Confidence float64  `json:"confidence"`
	Notes      []string `json:"notes,omitempty"` // ways in which the runs differ besides their results
	Figures    []Figure `json:"figures"`
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
	OldCI       []point   `json:"old_ci,omitempty"` // [lo, hi] of a percentile; null hi: unbounded
	NewCI       []point   `json:"new_ci,omitempty"`
}

// Worse reports whether the figure changed significantly for the worse.
func (f *Figure) Worse() bool {
	return f.Significant && ((f.Better == LowerIsBetter && f.New > f.Old) ||
		(f.Better == HigherIsBetter && f.New < f.Old))
}

// Improved reports whether the figure changed significantly for the better.
func (f *Figure) Improved() bool {
	return f.Significant && f.New != f.Old && !f.Worse() && f.Better != ""
}

// Compare sets two runs side by side. Whether a change is beyond noise is
// decided at 99% confidence:
//
//   - percentiles: from each run's HDR histogram of n values, the
//     distribution-free confidence interval of the q-quantile is the pair of
//     order statistics of ranks n·q ∓ z·sqrt(n·q·(1−q)); a change is
//     significant when the two runs' intervals do not overlap;
//   - means: Welch's t-test from each histogram's mean and deviation;
//   - throughput: Welch's t-test over the per-interval rates of each run's
//     complete intervals (at least 3 each);
//   - error rate: the two-proportion z-test;
//   - counts set by the scenario and maxima are shown but not tested.
func Compare(before, after *Summary) *Comparison {
	c := &Comparison{Old: before, New: after, Confidence: Confidence, Notes: differences(before, after)}
	c.addCounts()
	c.addErrorRate()
	c.addThroughput()
	c.addLatency()
	c.addTrigger()
	return c
}

// differences notes how the runs' set-ups differ.
func differences(a, b *Summary) []string {
	var notes []string
	diff := func(what, x, y string) {
		if x != y {
			notes = append(notes, fmt.Sprintf("%s differs: %s (old) vs %s (new)", what, x, y))
		}
	}
	diff("scenario", a.Scenario, b.Scenario)
	diff("mode", a.Mode, b.Mode)
	diff("target", a.Target, b.Target)
	diff("asked rate", num(a.AskedRate, 1)+"/s", num(b.AskedRate, 1)+"/s")
	diff("duration", seconds(a.DurationS), seconds(b.DurationS))
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

func (c *Comparison) addErrorRate() {
	a, b := c.Old, c.New
	c.add(Figure{Name: "error_rate", Kind: KindErrorRate, Unit: "%", Old: errorRate(a) * 100, New: errorRate(b) * 100,
		Better: LowerIsBetter, Tested: a.Events.Sent > 0 && b.Events.Sent > 0, Method: "two-proportion z-test",
		Significant: proportions(float64(a.Events.Failed), float64(a.Events.Sent),
			float64(b.Events.Failed), float64(b.Events.Sent))})
}

func (c *Comparison) addThroughput() {
	rates := []struct {
		name, unit string
		total      func(*Summary) float64
		count      func(*IntervalFigures) float64
	}{
		{"events_per_s", "/s", func(s *Summary) float64 { return s.Throughput.EventsPerS },
			func(f *IntervalFigures) float64 { return float64(f.OK) }},
		{"records_per_s", "/s", func(s *Summary) float64 { return s.Throughput.RecordsPerS },
			func(f *IntervalFigures) float64 { return float64(f.Records) }},
		{"payload_mb_per_s", "MB/s", func(s *Summary) float64 { return s.Throughput.PayloadBytesPerS / 1e6 },
			func(f *IntervalFigures) float64 { return float64(f.PayloadBytes) / 1e6 }},
	}
	for _, r := range rates {
		xs, ys := completeRates(c.Old, r.count), completeRates(c.New, r.count)
		f := Figure{Name: r.name, Kind: KindThroughput, Unit: r.unit, Old: r.total(c.Old), New: r.total(c.New),
			Better: HigherIsBetter, Method: "Welch's t-test over interval rates"}
		if len(xs) >= 3 && len(ys) >= 3 {
			m1, sd1 := meanSD(xs)
			m2, sd2 := meanSD(ys)
			f.Tested = true
			f.Significant = welch(m1, sd1, float64(len(xs)), m2, sd2, float64(len(ys)))
		}
		c.add(f)
	}
}

// completeRates returns count per second of each interval that lies wholly
// within the run.
func completeRates(s *Summary, count func(*IntervalFigures) float64) []float64 {
	if s.IntervalS <= 0 {
		return nil
	}
	var out []float64
	for i := range s.Intervals {
		iv := &s.Intervals[i]
		if iv.TS+s.IntervalS <= s.DurationS+1e-6 {
			out = append(out, count(iv)/s.IntervalS)
		}
	}
	return out
}

// percentiles compared, with their quantile (0..1) and a getter.
var comparedPercentiles = []struct {
	name string
	q    float64
	get  func(LatencyStats) float64
}{
	{"p50", 0.50, func(l LatencyStats) float64 { return l.P50 }},
	{"p90", 0.90, func(l LatencyStats) float64 { return l.P90 }},
	{"p99", 0.99, func(l LatencyStats) float64 { return l.P99 }},
	{"p99.9", 0.999, func(l LatencyStats) float64 { return l.P999 }},
}

func (c *Comparison) addLatency() {
	r1, s1, err1 := c.Old.Histograms()
	r2, s2, err2 := c.New.Histograms()
	ok := err1 == nil && err2 == nil
	if !ok {
		c.Notes = append(c.Notes, "a run's histograms are missing or damaged: latency changes are not tested")
	}
	for _, k := range []struct {
		kind   string
		l1, l2 LatencyStats
		h1, h2 *hdrhistogram.Histogram
	}{{"response", c.Old.Latency.Response, c.New.Latency.Response, r1, r2},
		{"service", c.Old.Latency.Service, c.New.Latency.Service, s1, s2}} {
		c.addMean(k.kind, k.l1, k.l2, k.h1, k.h2, ok)
		for _, p := range comparedPercentiles {
			f := Figure{Name: k.kind + "." + p.name, Kind: KindLatency, Unit: "ms", Old: p.get(k.l1), New: p.get(k.l2),
				Better: LowerIsBetter, Method: "order-statistic confidence intervals"}
			if ok {
				f.Tested, f.Significant, f.OldCI, f.NewCI = percentileTest(k.h1, k.h2, p.q)
			}
			c.add(f)
		}
		c.add(Figure{Name: k.kind + ".max", Kind: KindLatency, Unit: "ms", Old: k.l1.Max, New: k.l2.Max, Better: LowerIsBetter})
	}
}

func (c *Comparison) addMean(kind string, l1, l2 LatencyStats, h1, h2 *hdrhistogram.Histogram, ok bool) {
	f := Figure{Name: kind + ".mean", Kind: KindLatency, Unit: "ms", Old: l1.Mean, New: l2.Mean,
		Better: LowerIsBetter, Method: "Welch's t-test"}
	if ok && h1.TotalCount() > 1 && h2.TotalCount() > 1 {
		f.Tested = true
		f.Significant = welch(h1.Mean(), h1.StdDev(), float64(h1.TotalCount()),
			h2.Mean(), h2.StdDev(), float64(h2.TotalCount()))
	}
	c.add(f)
}

// percentileTest compares the q-quantiles of two histograms (ns) by their
// confidence intervals, returned in ms.
func percentileTest(h1, h2 *hdrhistogram.Histogram, q float64) (tested, significant bool, ci1, ci2 []point) {
	a, ok1 := quantileCI(h1, q)
	b, ok2 := quantileCI(h2, q)
	if !ok1 || !ok2 || (math.IsInf(a.Hi, 1) && math.IsInf(b.Hi, 1)) {
		// Neither run has enough values to bound the quantile from above.
		return false, false, nil, nil
	}
	eq := func(x, y float64) bool {
		return !math.IsInf(x, 0) && !math.IsInf(y, 0) && h1.ValuesAreEquivalent(int64(x), int64(y))
	}
	ms := func(i interval) []point { return []point{point(nsToMs(i.Lo)), point(nsToMs(i.Hi))} }
	return true, !a.overlaps(b, eq), ms(a), ms(b)
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
// more than pct percent with a significant change, one line each, as
// "response.p99: 1.02 ms → 2.05 ms (+101%)".
func (c *Comparison) Regressions(pct float64) []string {
	var out []string
	for i := range c.Figures {
		f := &c.Figures[i]
		if (f.Kind != KindLatency && f.Kind != KindThroughput) || !f.Worse() {
			continue
		}
		if f.ChangePct != nil && math.Abs(*f.ChangePct) <= pct {
			continue
		}
		out = append(out, fmt.Sprintf("%s: %s → %s (%s)", f.Name, f.format(f.Old), f.format(f.New), f.change()))
	}
	return out
}

// format writes a value of the figure with its unit.
func (f *Figure) format(v float64) string {
	switch f.Unit {
	case "ms":
		return num(v, 3) + " ms"
	case "%":
		return num(v, 3) + "%"
	case "/s":
		return num(v, 1) + "/s"
	case "MB/s":
		return num(v, 3) + " MB/s"
	}
	return num(v, 3)
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
		return "+" + num(v, 1) + "%"
	}
	return num(v, 1) + "%"
}
