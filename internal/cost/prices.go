// Package cost is FunctionGraph's bill as pure arithmetic on measured
// quantities (docs/PROTOCOL.md §8): invocations, billed duration (each
// invocation rounded up to 1 ms), GB-s (memory GB × billed seconds), the
// request and compute cost at given prices, the monthly free tier,
// projections per hour and per 30-day month at a run's achieved rate, cost
// per million records, and a DIS stream's own cost (partition-hours and
// 25 KB PUT units). Prices are inputs; Default holds the published list
// with the date it was read and its region.
package cost

import (
	"errors"
	"fmt"

	"github.com/disload/disload/internal/platform"
)

// Prices are the unit prices and free tier a cost is computed with. Every
// amount is in Currency.
type Prices struct {
	Currency           string  `json:"currency"`
	PerMillionRequests float64 `json:"per_million_requests"`
	PerGBs             float64 `json:"per_gb_s"`
	// FreeRequests and FreeGBs are the free tier of one month.
	FreeRequests float64 `json:"free_requests_per_month"`
	FreeGBs      float64 `json:"free_gb_s_per_month"`
	// PerPartitionHour and PerMillionPutUnits price a DIS stream (0: not
	// priced, the stream's cost is left out).
	PerPartitionHour   float64 `json:"per_partition_hour,omitempty"`
	PerMillionPutUnits float64 `json:"per_million_put_units,omitempty"`
}

// Published list figures: Huawei Cloud FunctionGraph pay-per-use, as
// internal/platform records them (docs/PROTOCOL.md §8, with the date read
// and where they apply). Prices differ by region: set your region's with
// the --price-* flags or the scenario's cost block.
const (
	DefaultCurrency           = "USD"
	DefaultPerMillionRequests = platform.PricePerMillionRequests
	DefaultPerGBs             = platform.PricePerGBSecond
	DefaultFreeRequests       = platform.FreeRequests
	DefaultFreeGBs            = platform.FreeGBSeconds
	DefaultSource             = "FunctionGraph pay-per-use list, " + platform.PriceRegion + ", read " + platform.PriceDate +
		" (docs/PROTOCOL.md §8); prices differ by region"
)

// SourceUser names prices the user set (a scenario's cost block or flags);
// the ones left out keep the published list's.
const SourceUser = "set by the scenario or flags; the rest: " + DefaultSource

// Default returns the published FunctionGraph prices. The DIS stream is not
// priced by default (its list price differs by region and stream type):
// set PerPartitionHour and PerMillionPutUnits to include it.
func Default() Prices {
	return Prices{
		Currency:           DefaultCurrency,
		PerMillionRequests: DefaultPerMillionRequests,
		PerGBs:             DefaultPerGBs,
		FreeRequests:       DefaultFreeRequests,
		FreeGBs:            DefaultFreeGBs,
	}
}

// MaxPrice bounds every amount of Prices (a price above it is a typo).
const MaxPrice = 1e12

// Problem is one wrong amount of Prices: its field as a scenario's cost
// block names it ("cost.per_gb_s") and what is wrong.
type Problem struct{ Field, Msg string }

// Problems lists every problem of p: an amount that is negative, not a
// number or above MaxPrice, or no currency. The scenario check and Check
// both read it.
func (p Prices) Problems() []Problem {
	var out []Problem
	for _, f := range []struct {
		name string
		v    float64
	}{
		{"per_million_requests", p.PerMillionRequests},
		{"per_gb_s", p.PerGBs},
		{"free_requests_per_month", p.FreeRequests},
		{"free_gb_s_per_month", p.FreeGBs},
		{"per_partition_hour", p.PerPartitionHour},
		{"per_million_put_units", p.PerMillionPutUnits},
	} {
		if !(f.v >= 0) || f.v > MaxPrice { // NaN fails f.v >= 0; +Inf fails the bound
			out = append(out, Problem{"cost." + f.name, fmt.Sprintf("must be a price between 0 and 1e12, got %v", f.v)})
		}
	}
	if p.Currency == "" {
		out = append(out, Problem{"cost.currency", "must not be empty, e.g. USD or EUR"})
	}
	return out
}

// Check returns the problems of p as one error, each naming its field.
func (p Prices) Check() error {
	var errs []error
	for _, pr := range p.Problems() {
		errs = append(errs, errors.New(pr.Field+": "+pr.Msg))
	}
	return errors.Join(errs...)
}

// Set reports whether p differs from the published list.
func (p Prices) Set() bool { return p != Default() }

// StreamPriced reports whether the prices include a DIS stream's.
func (p Prices) StreamPriced() bool {
	return p.PerPartitionHour > 0 || p.PerMillionPutUnits > 0
}
