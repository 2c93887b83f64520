package scenarios

import (
	"strings"
	"testing"

	"github.com/disload/disload/internal/cost"
)

func TestCostBlock(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		ovs        []Override
		want       cost.Prices // when no error
		err        string
	}{
		{name: "none: the published list", yaml: "load: {rate: 1}\n", want: cost.Default()},
		{name: "one price, the rest defaults", yaml: "load: {rate: 1}\ncost: {per_gb_s: 0.00002}\n",
			want: func() cost.Prices { p := cost.Default(); p.PerGBs = 0.00002; return p }()},
		{name: "the list's own figures written out", yaml: "load: {rate: 1}\ncost: {currency: USD, per_gb_s: 0.00001667}\n", want: cost.Default()},
		{name: "flags over the file", yaml: "load: {rate: 1}\ncost: {currency: EUR}\n",
			ovs: []Override{ValueFlag("--currency", "cost.currency", "CNY"), ValueFlag("--price-per-gb-s", "cost.per_gb_s", 0.1)},
			want: func() cost.Prices {
				p := cost.Default()
				p.Currency, p.PerGBs = "CNY", 0.1
				return p
			}()},
		{name: "negative price", yaml: "load: {rate: 1}\ncost:\n  per_gb_s: -1\n",
			err: "s.yaml:3:3: cost.per_gb_s: must be a price between 0 and 1e12, got -1"},
		{name: "not a number", yaml: "cost: {per_million_requests: cheap}\n", err: "s.yaml:1:30: cost.per_million_requests"},
		{name: "empty currency", yaml: "cost: {currency: ''}\n", err: "s.yaml:1:8: cost.currency: must not be empty"},
		{name: "unknown key", yaml: "cost: {per_request: 1}\n", err: `unknown key "per_request"`},
		{name: "negative by flag", yaml: "load: {rate: 1}\n",
			ovs: []Override{ValueFlag("--price-per-million-requests", "cost.per_million_requests", -2.0)},
			err: "--price-per-million-requests: cost.per_million_requests: must be a price"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("s.yaml", []byte(tc.yaml), tc.ovs...)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Parse error = %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Cost != tc.want || s.Cost.Set() != (tc.want != cost.Default()) {
				t.Errorf("Cost = %+v (set %v), want %+v", s.Cost, s.Cost.Set(), tc.want)
			}
		})
	}
}
