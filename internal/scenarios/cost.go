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

// checkCost checks the prices (flags included).
func (s *Scenario) checkCost(c *checker) {
	p := s.Cost
	for _, f := range []struct {
		field string
		v     float64
	}{
		{"cost.per_million_requests", p.PerMillionRequests},
		{"cost.per_gb_s", p.PerGBs},
		{"cost.free_requests_per_month", p.FreeRequests},
		{"cost.free_gb_s_per_month", p.FreeGBs},
		{"cost.per_partition_hour", p.PerPartitionHour},
		{"cost.per_million_put_units", p.PerMillionPutUnits},
	} {
		if !(f.v >= 0) || f.v > 1e12 {
			c.add(f.field, "must be a price between 0 and 1e12, got %v", f.v)
		}
	}
	if p.Currency == "" {
		c.add("cost.currency", "must not be empty, e.g. USD or EUR")
	}
}
