package reports

import (
	"slices"
	"testing"
)

func TestRecommend(t *testing.T) {
	row := func(batch int, rate, cpm float64) SweepRow {
		return SweepRow{Batch: batch, Memory: 128, MaxSustainableRecordsPerS: rate, CostPerMillionRecords: cpm, Currency: "USD"}
	}
	for _, tc := range []struct {
		name                  string
		rows                  []SweepRow
		cheap, fast, balanced int // indexes, -1: none
	}{
		{"bigger batch cheaper and faster", []SweepRow{row(20, 1000, 0.5), row(100, 4000, 0.1)}, 1, 1, 1},
		{"trade-off", []SweepRow{row(10, 1000, 0.10), row(50, 3000, 0.12), row(500, 3200, 0.40)}, 0, 2, 1},
		{"a row that sustained nothing is never picked", []SweepRow{row(10, 0, 0.01), row(50, 100, 0.2)}, 1, 1, 1},
		{"nothing sustained", []SweepRow{row(10, 0, 0.01)}, -1, -1, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			Recommend(tc.rows)
			for _, want := range []struct {
				what string
				at   int
			}{{"cost", tc.cheap}, {"speed", tc.fast}, {"balanced", tc.balanced}} {
				for i, r := range tc.rows {
					if got := slices.Contains(r.Recommended, want.what); got != (i == want.at) {
						t.Errorf("row %d (batch %d) recommended %v; want %q only on row %d", i, r.Batch, r.Recommended, want.what, want.at)
					}
				}
			}
		})
	}
}
