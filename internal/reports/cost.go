package reports

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/disload/disload/internal/cost"
)

// KindCost marks the compared figures of a run's cost.
const KindCost = "cost"

// costMetrics are the threshold metrics of the cost block; a run without
// one (an http target) fails them (NaN).
var costMetrics = map[string]metricDef{
	"cost_per_million_records": {unitCount, costFigure(func(e *cost.Estimate) float64 { return e.PerMillionRecords })},
	"cost_total":               {unitCount, costFigure(func(e *cost.Estimate) float64 { return e.Total })},
	"cost_per_hour":            {unitCount, costFigure(func(e *cost.Estimate) float64 { return e.PerHour.Total })},
	"cost_per_month":           {unitCount, costFigure(func(e *cost.Estimate) float64 { return e.PerMonth.Total })},
	"gb_s":                     {unitCount, costFigure(func(e *cost.Estimate) float64 { return e.GBs })},
}

func init() {
	for name, def := range costMetrics {
		plainMetrics[name] = def
	}
}

// costFigure reads a figure of the summary's cost, NaN without one.
func costFigure(get func(*cost.Estimate) float64) func(*Summary) float64 {
	return func(s *Summary) float64 {
		if s.Cost == nil {
			return math.NaN()
		}
		return get(s.Cost)
	}
}

// writeCost shows what the run cost and what it would cost per hour and
// per month at its achieved rate, with the prices' source.
func (s *Summary) writeCost(w io.Writer) error {
	c := s.Cost
	cur := c.Currency
	t := newTable(w, "rrrrrrrr", "invocations", "billed ms", "memory MB", "GB-s", "run "+cur,
		"per hour "+cur, "per month "+cur+" (after free tier)", "per M records "+cur)
	row := []string{itoa(c.Invocations), itoa(c.BilledMs), itoa(int64(c.MemoryMB)), num(c.GBs, 4), money(c.Total),
		money(c.PerHour.Total), money(c.PerMonth.Total) + " (" + money(c.PerMonth.TotalAfterFreeTier) + ")", money(c.PerMillionRecords)}
	if err := render(t, row); err != nil {
		return err
	}
	line := fmt.Sprintf("cost: %s/M requests, %s/GB-s", money(c.Prices.PerMillionRequests), money(c.Prices.PerGBs))
	if st := c.Stream; st != nil {
		line += fmt.Sprintf("; DIS stream %s partition-hours, %d PUT units: %s", num(st.PartitionHours, 4), st.PutUnits, money(st.Cost))
	}
	_, err := fmt.Fprintf(w, "%s %s (%s)\n", line, cur, c.PricesSource)
	return err
}

// money writes an amount with 4 significant digits, enough for the tiny
// sums of a short run.
func money(v float64) string {
	if v == 0 {
		return "0"
	}
	return fmt.Sprintf("%.4g", v)
}

// addCost compares the runs' costs when both have one.
func (c *Comparison) addCost() {
	a, b := c.Old.Cost, c.New.Cost
	if a == nil || b == nil {
		return
	}
	if a.Currency != b.Currency {
		c.Notes = append(c.Notes, fmt.Sprintf("cost currency differs: %s (old) vs %s (new): costs not compared", a.Currency, b.Currency))
		return
	}
	if a.Prices != b.Prices {
		c.Notes = append(c.Notes, "cost prices differ between the runs")
	}
	unit := a.Currency
	for _, f := range []struct {
		name string
		x, y float64
		unit string
	}{
		{"cost.invocations", float64(a.Invocations), float64(b.Invocations), ""},
		{"cost.gb_s", a.GBs, b.GBs, ""},
		{"cost.total", a.Total, b.Total, unit},
		{"cost.per_month", a.PerMonth.Total, b.PerMonth.Total, unit},
		{"cost.per_million_records", a.PerMillionRecords, b.PerMillionRecords, unit},
	} {
		c.add(Figure{Name: f.name, Kind: KindCost, Unit: f.unit, Old: f.x, New: f.y, Better: LowerIsBetter})
	}
}

// mergeCost adds up the shards' bills: invocations, billed ms and stream
// use add, and the cost is computed again over the merged run. Runs
// without a cost, or at different memory or prices, give none.
func mergeCost(sums []*Summary, records int64, elapsed time.Duration) *cost.Estimate {
	first := sums[0].Cost
	if first == nil {
		return nil
	}
	u := cost.Usage{MemoryMB: first.MemoryMB, Records: records, Elapsed: elapsed}
	var st *cost.Stream
	for _, s := range sums {
		c := s.Cost
		if c == nil || c.MemoryMB != first.MemoryMB || c.Prices != first.Prices {
			return nil
		}
		u.Invocations += c.Invocations
		u.BilledMs += c.BilledMs
		if c.Stream != nil {
			if st == nil {
				st = &cost.Stream{}
			}
			st.PartitionHours += c.Stream.PartitionHours
			st.PutUnits += c.Stream.PutUnits
			st.Cost += c.Stream.Cost
		}
	}
	e := cost.Compute(u, first.Prices)
	if st != nil {
		e.AddStreamCost(*st, records, elapsed)
	}
	return &e
}

// meanCost is the cost of one run of several of a configuration: their
// bills added up over their records and time together (so rates and per
// record figures are those of all the runs), the run-sized figures divided
// by the number of runs.
func meanCost(sums []*Summary) *cost.Estimate {
	var records int64
	var elapsed time.Duration
	for _, s := range sums {
		records += s.Records
		elapsed += secondsDur(s.DurationS)
	}
	e := mergeCost(sums, records, elapsed)
	if e == nil {
		return nil
	}
	n := float64(len(sums))
	e.Invocations = int64(math.Round(float64(e.Invocations) / n))
	e.BilledMs = int64(math.Round(float64(e.BilledMs) / n))
	e.GBs /= n
	e.RequestCost /= n
	e.ComputeCost /= n
	e.Total /= n
	if e.Stream != nil {
		e.Stream.PartitionHours /= n
		e.Stream.PutUnits = int64(math.Round(float64(e.Stream.PutUnits) / n))
		e.Stream.Cost /= n
	}
	return e
}

// costTable is the cost block in the HTML report.
func (s *Summary) costTable() htmlTable {
	c := s.Cost
	cur := c.Currency
	tab := htmlTable{Caption: "What it costs on FunctionGraph (" + c.PricesSource + ")",
		Header: []string{"invocations", "billed ms", "memory MB", "GB-s", "run " + cur, "per hour " + cur,
			"per month " + cur, "per month after free tier " + cur, "per M records " + cur},
		Rows: [][]cell{cells(itoa(c.Invocations), itoa(c.BilledMs), itoa(int64(c.MemoryMB)), num(c.GBs, 4), money(c.Total),
			money(c.PerHour.Total), money(c.PerMonth.Total), money(c.PerMonth.TotalAfterFreeTier), money(c.PerMillionRecords))}}
	return tab
}
