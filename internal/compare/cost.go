package compare

import (
	"fmt"
	"math"
	"time"

	"github.com/disload/disload/internal/cost"
	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/reports"
)

// KindCost marks the compared figures of a run's cost.
const KindCost = "cost"

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

// meanCost is the cost of one run of several of a configuration: their
// bills added up over their records and time together (so rates and per
// record figures are those of all the runs), the run-sized figures divided
// by the number of runs.
func meanCost(sums []*reports.Summary) *cost.Estimate {
	var records int64
	var elapsed time.Duration
	for _, s := range sums {
		records += s.Records
		elapsed += hlog.SecondsDuration(s.DurationS)
	}
	e := reports.MergeCost(sums, records, elapsed)
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
