package scenarios

import (
	"github.com/disload/disload/internal/cost"
	yaml "go.yaml.in/yaml/v3"
)

// SourceScenario marks prices a scenario's cost block (or a --price flag)
// set; the ones it leaves out keep the published list's.
const SourceScenario = "scenario or flags; the rest: " + cost.DefaultSource

// costBlock decodes the cost section: the prices a run's cost is computed
// with, each defaulting to the published list (cost.Default).
func (d *decoder) costBlock(path string, n *yaml.Node, p *cost.Prices) {
	d.mapping(path, n, fields{
		"currency":                strF(&p.Currency),
		"per_million_requests":    floatF(&p.PerMillionRequests),
		"per_gb_s":                floatF(&p.PerGBs),
		"free_requests_per_month": floatF(&p.FreeRequests),
		"free_gb_s_per_month":     floatF(&p.FreeGBs),
		"per_partition_hour":      floatF(&p.PerPartitionHour),
		"per_million_put_units":   floatF(&p.PerMillionPutUnits),
	})
	p.Source = SourceScenario
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

// PriceFlag sets one price of the cost block from a flag's parsed value.
func PriceFlag(flag, field string, dst func(p *cost.Prices) *float64, v float64) Override {
	return Override{Flag: flag, Sets: []string{field}, Apply: func(s *Scenario) error {
		*dst(&s.Cost) = v
		s.Cost.Source = SourceScenario
		return nil
	}}
}

// CurrencyFlag sets cost.currency.
func CurrencyFlag(flag, v string) Override {
	return Override{Flag: flag, Sets: []string{"cost.currency"}, Apply: func(s *Scenario) error {
		s.Cost.Currency = v
		s.Cost.Source = SourceScenario
		return nil
	}}
}

// fileCost is the cost block as the scenario file writes it.
type fileCost struct {
	Currency           string  `yaml:"currency"`
	PerMillionRequests float64 `yaml:"per_million_requests"`
	PerGBs             float64 `yaml:"per_gb_s"`
	FreeRequests       float64 `yaml:"free_requests_per_month"`
	FreeGBs            float64 `yaml:"free_gb_s_per_month"`
	PerPartitionHour   float64 `yaml:"per_partition_hour,omitempty"`
	PerMillionPutUnits float64 `yaml:"per_million_put_units,omitempty"`
}

// fileCost returns the cost block to print, nil when it is the default.
func costFile(p cost.Prices) *fileCost {
	if p == cost.Default() {
		return nil
	}
	return &fileCost{
		Currency: p.Currency, PerMillionRequests: p.PerMillionRequests, PerGBs: p.PerGBs,
		FreeRequests: p.FreeRequests, FreeGBs: p.FreeGBs,
		PerPartitionHour: p.PerPartitionHour, PerMillionPutUnits: p.PerMillionPutUnits,
	}
}
