package scenarios

import (
	"github.com/disload/disload/internal/cost"
)

// costFields is the schema of the cost section: the prices a run's cost is
// computed with, each defaulting to the published list (cost.Default).
func costFields(p *cost.Prices) fields {
	return fields{
		{"currency", strF(&p.Currency, cost.DefaultCurrency)},
		{"per_million_requests", floatF(&p.PerMillionRequests, cost.DefaultPerMillionRequests)},
		{"per_gb_s", floatF(&p.PerGBs, cost.DefaultPerGBs)},
		{"free_requests_per_month", floatF(&p.FreeRequests, cost.DefaultFreeRequests)},
		{"free_gb_s_per_month", floatF(&p.FreeGBs, cost.DefaultFreeGBs)},
		{"per_partition_hour", floatF(&p.PerPartitionHour).optional()},
		{"per_million_put_units", floatF(&p.PerMillionPutUnits).optional()},
	}
}

// checkCost checks the prices (flags included), by cost's own rules.
func (s *Scenario) checkCost(c *checker) {
	for _, p := range s.Cost.Problems() {
		c.add(p.Field, "%s", p.Msg)
	}
}
