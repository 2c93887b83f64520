package reports

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// SweepRow is one value of a --sweep: the capacity search's result at
// that batch size and memory, and the cost per million records there.
type SweepRow struct {
	Batch                     int     `json:"batch"`
	Memory                    int     `json:"memory"`
	MaxSustainableRecordsPerS float64 `json:"max_sustainable_records_per_s"`
	E2EP99Ms                  float64 `json:"e2e_p99_ms"`
	CostPerMillionRecords     float64 `json:"cost_per_million_records"`
	Currency                  string  `json:"currency"`
	// Recommended lists what this row is recommended for: "cost", "speed",
	// "balanced".
	Recommended []string `json:"recommended,omitempty"`
}

// Recommend marks the cheapest row per million records ("cost"), the one
// with the highest sustainable rate ("speed") and the best balance
// ("balanced": the lowest sum of its cost and its slowness, each relative
// to the best row, as AWS Lambda Power Tuning balances cost and speed).
// Rows that sustained no rate are never recommended.
func Recommend(rows []SweepRow) {
	for i := range rows {
		rows[i].Recommended = nil
	}
	cheap, fast, bal := -1, -1, -1
	minCost, maxRate := math.Inf(1), 0.0
	for i, r := range rows {
		if r.MaxSustainableRecordsPerS <= 0 {
			continue
		}
		if r.CostPerMillionRecords < minCost {
			cheap, minCost = i, r.CostPerMillionRecords
		}
		if r.MaxSustainableRecordsPerS > maxRate {
			fast, maxRate = i, r.MaxSustainableRecordsPerS
		}
	}
	if cheap < 0 {
		return
	}
	best := math.Inf(1)
	for i, r := range rows {
		if r.MaxSustainableRecordsPerS <= 0 {
			continue
		}
		score := maxRate / r.MaxSustainableRecordsPerS
		if minCost > 0 {
			score += r.CostPerMillionRecords / minCost
		} else if r.CostPerMillionRecords > 0 {
			score += 2 // free beats any price
		} else {
			score++
		}
		if score < best {
			bal, best = i, score
		}
	}
	rows[cheap].Recommended = append(rows[cheap].Recommended, "cost")
	rows[fast].Recommended = append(rows[fast].Recommended, "speed")
	rows[bal].Recommended = append(rows[bal].Recommended, "balanced")
}

// writeSweep shows one line per swept value with its recommendations.
func (s *Summary) writeSweep(w io.Writer) error {
	cur := s.Sweep[0].Currency
	t := newTable(w, "rrrrrl", "batch", "memory MB", "max records/s", "e2e p99 ms", "per M records "+cur, "recommended for")
	rows := make([][]string, 0, len(s.Sweep))
	for _, r := range s.Sweep {
		rec := strings.Join(r.Recommended, ", ")
		rows = append(rows, []string{itoa(int64(r.Batch)), itoa(int64(r.Memory)), num(r.MaxSustainableRecordsPerS, 0),
			num(r.E2EP99Ms, 1), money(r.CostPerMillionRecords), rec})
	}
	if err := render(t, rows...); err != nil || !s.sweepsMemory() {
		return err
	}
	_, err := fmt.Fprintln(w, SweepMemoryNote)
	return err
}

// sweepsMemory reports whether the sweep's rows differ in memory.
func (s *Summary) sweepsMemory() bool {
	for _, r := range s.Sweep {
		if r.Memory != s.Sweep[0].Memory {
			return true
		}
	}
	return false
}

// sweepX is the swept parameter's name and values, for the chart's x axis.
func (s *Summary) sweepX() (string, []point) {
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
func (s *Summary) sweepCharts() []chart {
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
func (s *Summary) sweepTable() htmlTable {
	cur := s.Sweep[0].Currency
	tab := htmlTable{Caption: "Sweep: one capacity search per value",
		Header: []string{"batch", "memory MB", "max records/s", "e2e p99 ms", "per M records " + cur, "recommended for"}}
	for _, r := range s.Sweep {
		rec := cell{Text: strings.Join(r.Recommended, ", "), Class: "ok"}
		tab.Rows = append(tab.Rows, append(cells(itoa(int64(r.Batch)), itoa(int64(r.Memory)), num(r.MaxSustainableRecordsPerS, 0),
			num(r.E2EP99Ms, 1), money(r.CostPerMillionRecords)), rec))
	}
	return tab
}

// SweepMemoryNote says what a memory sweep on one machine can and cannot show.
const SweepMemoryNote = "sweep: on one machine more memory does not buy more CPU as it does on FunctionGraph: " +
	"memory changes the bill and what the handler sees (its context's memory), not the speed measured here"
