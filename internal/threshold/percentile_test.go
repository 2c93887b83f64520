package threshold

import (
	"strings"
	"testing"
)

func TestParsePercentile(t *testing.T) {
	cases := []struct {
		in        string
		pct       float64
		canonical string
		err       string
	}{
		{"p50", 50, "p50", ""},
		{"p95", 95, "p95", ""},
		{"p(95)", 95, "p95", ""},
		{"p99.9", 99.9, "p999", ""},
		{"p999", 99.9, "p999", ""},
		{"p(99.9)", 99.9, "p999", ""},
		{"p99.99", 99.99, "p99.99", ""},
		{"p9999", 99.99, "p99.99", ""},
		{"p995", 99.5, "p99.5", ""},
		{"p12.5", 12.5, "p12.5", ""},
		{"p100", 0, "", "want above 0 and below 100"},
		{"p0", 0, "", "want above 0 and below 100"},
		{"p(95", 0, "", "no closing parenthesis"},
		{"p", 0, "", "want p and a number"},
		{"95", 0, "", "want p and a number"},
		{"pInf", 0, "", "is not a number"},
		{"p0x1p4", 0, "", "is not a number"},
	}
	for _, c := range cases {
		pct, canonical, err := ParsePercentile(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParsePercentile(%q) error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || pct != c.pct || canonical != c.canonical {
			t.Errorf("ParsePercentile(%q) = %v, %q, %v; want %v, %q", c.in, pct, canonical, err, c.pct, c.canonical)
		}
	}
}
