package cli

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/disload/disload/internal/runner"
	"github.com/disload/disload/internal/scenarios"
)

// costFlags are run's flags for the function's memory and the prices of
// its cost block.
type costFlags struct {
	memory                       int
	currency                     string
	perMillion, perGBs           float64
	perPartitionHour, perMillPut float64
}

// add declares the flags on fl.
func (c *costFlags) add(fl *pflag.FlagSet) {
	fl.IntVar(&c.memory, "memory", 0, "function memory in MB, e.g. 256: the runtime's RUNTIME_MEMORY and what the cost is billed at (default 128)")
	fl.StringVar(&c.currency, "currency", "", "currency of the prices, e.g. EUR (default USD, the published list's)")
	fl.Float64Var(&c.perMillion, "price-per-million-requests", 0, "price of a million invocations, e.g. 0.20 (default: the published list)")
	fl.Float64Var(&c.perGBs, "price-per-gb-s", 0, "price of a GB-second of compute, e.g. 0.00001667 (default: the published list)")
	fl.Float64Var(&c.perPartitionHour, "price-per-partition-hour", 0, "trigger mode: price of a DIS partition-hour, e.g. 0.02 (default 0: the stream's cost left out)")
	fl.Float64Var(&c.perMillPut, "price-per-million-put-units", 0, "trigger mode: price of a million 25 KB DIS PUT units, e.g. 0.015 (default 0: left out)")
}

// overrides turns the cost flags that were given into scenario overrides.
func (c *costFlags) overrides(cmd *cobra.Command) []scenarios.Override {
	fl := cmd.Flags()
	var ovs []scenarios.Override
	if fl.Changed("memory") {
		ovs = append(ovs, scenarios.ValueFlag("--memory", "target.memory", c.memory))
	}
	if fl.Changed("currency") {
		ovs = append(ovs, scenarios.ValueFlag("--currency", "cost.currency", c.currency))
	}
	for _, p := range []struct {
		flag, path string
		v          float64
	}{
		{"price-per-million-requests", "cost.per_million_requests", c.perMillion},
		{"price-per-gb-s", "cost.per_gb_s", c.perGBs},
		{"price-per-partition-hour", "cost.per_partition_hour", c.perPartitionHour},
		{"price-per-million-put-units", "cost.per_million_put_units", c.perMillPut},
	} {
		if fl.Changed(p.flag) {
			ovs = append(ovs, scenarios.ValueFlag("--"+p.flag, p.path, p.v))
		}
	}
	return ovs
}

// sweepOverride checks --sweep against the scenario it would run on, and
// returns the parsed sweep (nil when the flag is not given).
func sweepOverride(cmd *cobra.Command, spec string) (*runner.Sweep, []scenarios.Override) {
	if !cmd.Flags().Changed("sweep") {
		return nil, nil
	}
	sw, err := runner.ParseSweep(spec)
	return &sw, []scenarios.Override{scenarios.CheckFlag("--sweep", func(s *scenarios.Scenario) error {
		if err != nil {
			return err
		}
		return sw.Check(s)
	})}
}
