package compare

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/disload/disload/internal/redact"
	"github.com/disload/disload/internal/render"
	"github.com/disload/disload/internal/reports"
)

// Method explains how Compare decides significance (for help texts).
const Method = `A change is "significant" when it is beyond noise at 99% confidence. The
events of one run are not independent samples of a configuration (a
machine's slow second slows many of them), so the unit of evidence is the
interval: each complete interval of each run (latency.hlog holds one
histogram per interval) gives one value of each figure, and Welch's t-test
on those values, on a log scale for latency, gives a 99% confidence
interval (CI) for the relative change. With several runs per side
(OLD... -- NEW...), the spread between the runs' means counts when it is
larger than the spread between intervals, as benchstat's -count does. A
change is significant when its CI excludes 0. Each side needs 3 or more
complete intervals (of one run or several); without latency.hlog only the percentiles summary.json
holds per interval (p50, p90, p99) are tested. Tails (p99 and beyond) are
judged only with 2 or more runs per side: within one run they vary far less
than from one run to the next (a busy neighbour lifts a whole run's p99),
so with one run per side their CI is shown and the column reads "not
judged". Throughput: the same over per-interval rates. Error rate: the
two-proportion z-test. Counts set by the scenario and maxima are not tested
("–").`

// WriteTable writes the comparison for a terminal: the verdict first, then
// the runs, notes on how they differ, a table of every figure with its
// change, the change's confidence interval and whether it is significant,
// and a one-line reminder of the method.
func (c *Comparison) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", c.Verdict())
	fmt.Fprintf(&b, "old: %s\nnew: %s\n", c.sideLine(c.Old, c.OldRuns), c.sideLine(c.New, c.NewRuns))
	for _, n := range c.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	t := render.NewTable(w, "lrrrrl", "figure", "old", "new", "change", reports.Num(Confidence*100, 0)+"% CI", "significant")
	rows := make([][]string, 0, len(c.Figures))
	for i := range c.Figures {
		f := &c.Figures[i]
		rows = append(rows, []string{f.label(), f.plain(f.Old), f.plain(f.New), f.change(), f.ciRange(), f.verdict()})
	}
	if err := render.RenderTable(t, rows...); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%s\n", methodFooter)
	return err
}

// methodFooter closes the table; Method (in --help) has the rest.
const methodFooter = "significant: the 99% CI of the change, from per-interval blocks of each run, excludes 0 " +
	"(disload compare --help tells the method)"

// Verdict sums the comparison up in one line: the figures significantly
// worse, then those better, or that nothing changed beyond noise.
func (c *Comparison) Verdict() string {
	var worse, better []string
	for i := range c.Figures {
		f := &c.Figures[i]
		switch {
		case f.Worse():
			worse = append(worse, f.Name+" "+f.change())
		case f.Improved():
			better = append(better, f.Name+" "+f.change())
		}
	}
	switch {
	case len(worse) > 0 && len(better) > 0:
		return fmt.Sprintf("verdict: worse: %s; better: %s", strings.Join(worse, ", "), strings.Join(better, ", "))
	case len(worse) > 0:
		return "verdict: worse: " + strings.Join(worse, ", ")
	case len(better) > 0:
		return "verdict: better: " + strings.Join(better, ", ")
	case !c.latencyTested():
		return "verdict: latency not tested: each side needs 3 or more complete intervals " +
			"(longer runs, or several runs a side)"
	}
	return "verdict: no significant change"
}

// latencyTested reports whether any latency figure was tested.
func (c *Comparison) latencyTested() bool {
	for i := range c.Figures {
		if c.Figures[i].Kind == KindLatency && c.Figures[i].Tested {
			return true
		}
	}
	return false
}

// sideLine describes one side: its run, or how many runs it holds.
func (c *Comparison) sideLine(s *reports.Summary, runs int) string {
	if runs > 1 {
		return fmt.Sprintf("%d runs · %s", runs, runLine(s))
	}
	return runLine(s)
}

// ciRange writes the change's confidence interval, "+95% … +108%".
func (f *Figure) ciRange() string {
	if len(f.ChangeCI) != 2 {
		return ""
	}
	return signedPct(f.ChangeCI[0]) + " … " + signedPct(f.ChangeCI[1])
}

// runLine identifies a run in one line.
func runLine(s *reports.Summary) string {
	return fmt.Sprintf("%s · %s · %s · started %s · ran %s · %d sent", s.Scenario, s.Mode, redact.URL(s.Target),
		s.Started.Format(time.RFC3339), reports.Seconds(s.DurationS), s.Events.Sent)
}

// label names the figure in the table, with its unit.
func (f *Figure) label() string {
	if f.Unit == "" || f.Unit == "%" {
		return f.Name
	}
	return f.Name + " (" + f.Unit + ")"
}

// plain writes a value of the figure without its unit (the label has it).
func (f *Figure) plain(v float64) string {
	if f.Kind == KindCost {
		return reports.Money(v) // a short run's cost is a small fraction
	}
	switch f.Unit {
	case "%":
		return reports.Num(v, 3) + "%"
	case "/s":
		return reports.Num(v, 1)
	}
	return reports.Num(v, 3)
}

// verdict says whether the change is significant, and which way.
func (f *Figure) verdict() string {
	switch {
	case f.Method == untestedTail:
		return "not judged"
	case !f.Tested:
		return "–"
	case f.Worse():
		return "yes, worse"
	case f.Improved():
		return "yes, better"
	case f.Significant:
		return "yes"
	}
	return "no"
}

// WriteJSON writes the comparison as indented JSON.
func (c *Comparison) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(c)
}
