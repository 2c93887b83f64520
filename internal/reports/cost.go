package reports

import (
	"math"
	"time"

	"github.com/disload/disload/internal/cost"
)

// costFigure reads a figure of the summary's cost, NaN without one (an
// http target): a threshold on it fails.
func costFigure(get func(*cost.Estimate) float64) func(*Summary) float64 {
	return func(s *Summary) float64 {
		if s.Cost == nil {
			return math.NaN()
		}
		return get(s.Cost)
	}
}

// MergeCost adds up the runs' bills over records delivered in elapsed:
// invocations, billed ms and stream use add, and the cost is computed
// again over the whole. Runs without a cost, or at different memory or
// prices, give none.
func MergeCost(sums []*Summary, records int64, elapsed time.Duration) *cost.Estimate {
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
