package threshold

import (
	"fmt"
	"strconv"
	"strings"
)

// ParsePercentile reads a percentile's name, as thresholds and report
// --percentiles write it: "p95", "p99.99", k6's "p(95)", or "99" and
// digits, read as decimals after the "99" ("p999" is 99.9, "p9999"
// 99.99, as summary.json's keys). It returns the percentile (above 0, below 100)
// and its canonical name: "p999" for 99.9 (summary.json's key), else "p"
// and the shortest number ("p95", "p99.99").
func ParsePercentile(name string) (pct float64, canonical string, err error) {
	digits, ok := strings.CutPrefix(name, "p")
	if !ok || digits == "" {
		return 0, "", fmt.Errorf("percentile %q: want p and a number, as p95, p99.9 or p(95)", name)
	}
	if inner, ok := strings.CutPrefix(digits, "("); ok {
		if digits, ok = strings.CutSuffix(inner, ")"); !ok {
			return 0, "", fmt.Errorf("percentile %q: no closing parenthesis", name)
		}
	}
	if len(digits) > 2 && strings.HasPrefix(digits, "99") && strings.Trim(digits, "0123456789") == "" {
		digits = digits[:2] + "." + digits[2:]
	}
	pct, err = strconv.ParseFloat(digits, 64)
	if err != nil || strings.ContainsAny(digits, "eEnNiI_+-xXpP") {
		return 0, "", fmt.Errorf("percentile %q: %q is not a number", name, digits)
	}
	if pct <= 0 || pct >= 100 {
		return 0, "", fmt.Errorf("percentile %q: want above 0 and below 100 (min and max name the ends)", name)
	}
	return pct, percentileName(pct), nil
}

// percentileName is the canonical name of a percentile.
func percentileName(pct float64) string {
	if pct == 99.9 {
		return "p999"
	}
	return "p" + strconv.FormatFloat(pct, 'f', -1, 64)
}
