package reports

import "math"

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

// SweepMemoryNote says what a memory sweep on one machine can and cannot show.
const SweepMemoryNote = "sweep: on one machine more memory does not buy more CPU as it does on FunctionGraph: " +
	"memory changes the bill and what the handler sees (its context's memory), not the speed measured here"
