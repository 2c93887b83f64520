package render

import (
	"fmt"
	"io"

	"github.com/disload/disload/internal/reports"
)

// writeCost shows what the run cost and what it would cost per hour and
// per month at its achieved rate, with the prices' source.
func (s view) writeCost(w io.Writer) error {
	c := s.Cost
	cur := c.Currency
	t := NewTable(w, "rrrrrrrr", "invocations", "billed ms", "memory MB", "GB-s", "run "+cur,
		"per hour "+cur, "per month "+cur+" (after free tier)", "per M records "+cur)
	row := []string{Itoa(c.Invocations), Itoa(c.BilledMs), Itoa(int64(c.MemoryMB)), reports.Num(c.GBs, 4), reports.Money(c.Total),
		reports.Money(c.PerHour.Total), reports.Money(c.PerMonth.Total) + " (" + reports.Money(c.PerMonth.TotalAfterFreeTier) + ")", reports.Money(c.PerMillionRecords)}
	if err := RenderTable(t, row); err != nil {
		return err
	}
	line := fmt.Sprintf("cost: %s/M requests, %s/GB-s", reports.Money(c.Prices.PerMillionRequests), reports.Money(c.Prices.PerGBs))
	if st := c.Stream; st != nil {
		line += fmt.Sprintf("; DIS stream %s partition-hours, %d PUT units: %s", reports.Num(st.PartitionHours, 4), st.PutUnits, reports.Money(st.Cost))
	}
	_, err := fmt.Fprintf(w, "%s %s (%s)\n", line, cur, c.PricesSource)
	return err
}

// costTable is the cost block in the HTML report.
func (s view) costTable() htmlTable {
	c := s.Cost
	cur := c.Currency
	tab := htmlTable{Caption: "What it costs on FunctionGraph (" + c.PricesSource + ")",
		Header: []string{"invocations", "billed ms", "memory MB", "GB-s", "run " + cur, "per hour " + cur,
			"per month " + cur, "per month after free tier " + cur, "per M records " + cur},
		Rows: [][]cell{cells(Itoa(c.Invocations), Itoa(c.BilledMs), Itoa(int64(c.MemoryMB)), reports.Num(c.GBs, 4), reports.Money(c.Total),
			reports.Money(c.PerHour.Total), reports.Money(c.PerMonth.Total), reports.Money(c.PerMonth.TotalAfterFreeTier), reports.Money(c.PerMillionRecords))}}
	return tab
}
