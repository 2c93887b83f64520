package compare

import (
	"strings"
	"testing"

	"github.com/disload/disload/internal/cost"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/reports/reportstest"
)

func TestCompareCost(t *testing.T) {
	old := reportstest.Cost(100, 100, 10_000, 10, cost.Default())
	cheaper := reportstest.Cost(20, 300, 10_000, 10, cost.Default()) // bigger batches: fewer, longer calls
	c := Summaries(old, cheaper)
	var f *Figure
	for i := range c.Figures {
		if c.Figures[i].Name == "cost.per_million_records" {
			f = &c.Figures[i]
		}
	}
	if f == nil {
		t.Fatalf("no cost.per_million_records among %d figures", len(c.Figures))
	}
	if f.Old != old.Cost.PerMillionRecords || f.New != cheaper.Cost.PerMillionRecords || f.ChangePct == nil || *f.ChangePct >= 0 {
		t.Errorf("figure %+v: want old %v → new %v, a fall", f, old.Cost.PerMillionRecords, cheaper.Cost.PerMillionRecords)
	}

	if got := f.plain(old.Cost.Total); got != reports.Money(old.Cost.Total) || got == "0" {
		t.Errorf("a run's cost %v shown as %q in the compare table", old.Cost.Total, got)
	}

	eur := cost.Default()
	eur.Currency = "EUR"
	c = Summaries(old, reportstest.Cost(20, 300, 10_000, 10, eur))
	for _, f := range c.Figures {
		if f.Kind == KindCost {
			t.Errorf("costs in different currencies compared: %s", f.Name)
		}
	}
	if !strings.Contains(strings.Join(c.Notes, "\n"), "currency differs") {
		t.Errorf("notes %q do not say the currency differs", c.Notes)
	}
}
