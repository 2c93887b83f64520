package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/disload/disload/internal/reports"
)

// writeSweep shows one line per swept value with its recommendations.
func (s view) writeSweep(w io.Writer) error {
	cur := s.Sweep[0].Currency
	t := NewTable(w, "rrrrrl", "batch", "memory MB", "max records/s", "e2e p99 ms", "per M records "+cur, "recommended for")
	rows := make([][]string, 0, len(s.Sweep))
	for _, r := range s.Sweep {
		rec := strings.Join(r.Recommended, ", ")
		rows = append(rows, []string{Itoa(int64(r.Batch)), Itoa(int64(r.Memory)), reports.Num(r.MaxSustainableRecordsPerS, 0),
			reports.Num(r.E2EP99Ms, 1), reports.Money(r.CostPerMillionRecords), rec})
	}
	if err := RenderTable(t, rows...); err != nil || !s.sweepsMemory() {
		return err
	}
	_, err := fmt.Fprintln(w, reports.SweepMemoryNote)
	return err
}

// sweepsMemory reports whether the sweep's rows differ in memory.
func (s view) sweepsMemory() bool {
	for _, r := range s.Sweep {
		if r.Memory != s.Sweep[0].Memory {
			return true
		}
	}
	return false
}

// sweepX is the swept parameter's name and values, for the chart's x axis.
func (s view) sweepX() (string, []point) {
	xs := make([]point, len(s.Sweep))
	for i, r := range s.Sweep {
		xs[i] = point(r.Batch)
		if s.sweepsMemory() {
			xs[i] = point(r.Memory)
		}
	}
	if s.sweepsMemory() {
		return "memory MB", xs
	}
	return "batch size", xs
}

// sweepCharts are the sweep's charts: capacity and cost per million
// records, and the end-to-end p99, by the swept value.
func (s view) sweepCharts() []chart {
	x, xs := s.sweepX()
	cur := s.Sweep[0].Currency
	capa := chart{ID: "sweep", Title: "Sweep: capacity and cost by " + x, X: x, Y: "records/s", Y2: cur + " per M records",
		Note: "Max sustainable records/s (capacity search per value) and the cost per million records at that rate.",
		Data: [][]point{xs}}
	p99 := chart{ID: "sweep-p99", Title: "Sweep: end-to-end p99 by " + x, X: x, Y: "ms", Data: [][]point{xs},
		Note: "End-to-end p99 (record written to handler done) of the run at each value's max sustainable rate."}
	var rate, cpm, lat []point
	for _, r := range s.Sweep {
		rate = append(rate, point(r.MaxSustainableRecordsPerS))
		cpm = append(cpm, point(r.CostPerMillionRecords))
		lat = append(lat, point(r.E2EP99Ms))
	}
	capa.add("max records/s", "/s", false, rate)
	capa.add("per M records", " "+cur, true, cpm)
	p99.add("e2e p99", " ms", false, lat)
	return []chart{capa, p99}
}

// sweepTable is the sweep in the HTML report.
func (s view) sweepTable() htmlTable {
	cur := s.Sweep[0].Currency
	tab := htmlTable{Caption: "Sweep: one capacity search per value",
		Header: []string{"batch", "memory MB", "max records/s", "e2e p99 ms", "per M records " + cur, "recommended for"}}
	for _, r := range s.Sweep {
		rec := cell{Text: strings.Join(r.Recommended, ", "), Class: "ok"}
		tab.Rows = append(tab.Rows, append(cells(Itoa(int64(r.Batch)), Itoa(int64(r.Memory)), reports.Num(r.MaxSustainableRecordsPerS, 0),
			reports.Num(r.E2EP99Ms, 1), reports.Money(r.CostPerMillionRecords)), rec))
	}
	return tab
}
