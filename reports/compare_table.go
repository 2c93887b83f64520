package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// CompareMethod explains how Compare decides significance (for help texts
// and the table's footer).
const CompareMethod = `A change is "significant" when it is beyond noise at 99% confidence.
Percentiles: each run's HDR histogram of n values gives a distribution-free
confidence interval for the q-quantile, the values of ranks
n·q ∓ 2.576·sqrt(n·q·(1−q)) (order statistics); the change is significant
when the two intervals do not overlap. A percentile that neither run has
values enough to bound from above is not tested. Mean latency: Welch's
t-test from the histograms' means and deviations. Throughput: Welch's
t-test over the rates of each run's complete intervals (3 or more each).
Error rate: the two-proportion z-test. Counts set by the scenario and
maxima are not tested ("–").`

// WriteTable writes the comparison for a terminal: the two runs, notes on
// how they differ, then a table of every figure with its change and
// whether it is significant.
func (c *Comparison) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "old: %s\nnew: %s\n", runLine(c.Old), runLine(c.New))
	for _, n := range c.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	t := newTable(w, "lrrrl", "figure", "old", "new", "change", "significant")
	rows := make([][]string, 0, len(c.Figures))
	for i := range c.Figures {
		f := &c.Figures[i]
		rows = append(rows, []string{f.label(), f.plain(f.Old), f.plain(f.New), f.change(), f.verdict()})
	}
	if err := render(t, rows...); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%s\n", CompareMethod)
	return err
}

// runLine identifies a run in one line.
func runLine(s *Summary) string {
	return fmt.Sprintf("%s · %s · %s · started %s · ran %s · %d sent", s.Scenario, s.Mode, s.Target,
		s.Started.Format(time.RFC3339), seconds(s.DurationS), s.Events.Sent)
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
	switch f.Unit {
	case "%":
		return num(v, 3) + "%"
	case "/s":
		return num(v, 1)
	}
	return num(v, 3)
}

// verdict says whether the change is significant, and which way.
func (f *Figure) verdict() string {
	switch {
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
