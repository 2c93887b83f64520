package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Rate is a number of events (or, in trigger mode, records) per second.
type Rate struct {
	PerSecond float64
}

// rateUnits are the spellings accepted after the slash of a rate.
var rateUnits = map[string]time.Duration{
	"":  time.Second,
	"s": time.Second, "sec": time.Second,
	"m": time.Minute, "min": time.Minute,
	"h":  time.Hour,
	"ms": time.Millisecond,
	"us": time.Microsecond, "µs": time.Microsecond,
}

// ParseRate reads a rate: "500/s", "3000/m", "2/ms", "100/h", "1.5k/s"
// (k = 1,000, M = 1,000,000), "500/2s" (any Go duration after the slash),
// or a bare number, which is per second. It must be finite and not negative.
func ParseRate(s string) (Rate, error) {
	text := strings.TrimSpace(s)
	num, unit, _ := strings.Cut(text, "/")
	n, err := parseCount(strings.TrimSpace(num))
	if err != nil {
		return Rate{}, fmt.Errorf("bad rate %q: %v (want e.g. 500/s, 3000/m, 1.5k/s)", s, err)
	}
	per, err := rateUnit(strings.TrimSpace(unit))
	if err != nil {
		return Rate{}, fmt.Errorf("bad rate %q: %v", s, err)
	}
	r := n / per.Seconds()
	if math.IsInf(r, 0) {
		return Rate{}, fmt.Errorf("bad rate %q: too large", s)
	}
	return Rate{PerSecond: r}, nil
}

// parseCount reads a non-negative finite number with an optional k or M suffix.
func parseCount(s string) (float64, error) {
	mult := 1.0
	switch {
	case strings.HasSuffix(s, "k"), strings.HasSuffix(s, "K"):
		mult, s = 1e3, s[:len(s)-1]
	case strings.HasSuffix(s, "M"):
		mult, s = 1e6, s[:len(s)-1]
	}
	if s == "" {
		return 0, fmt.Errorf("missing number")
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if n < 0 {
		return 0, fmt.Errorf("must not be negative")
	}
	return n * mult, nil
}

// rateUnit reads the period after a rate's slash: a unit name or a duration.
func rateUnit(s string) (time.Duration, error) {
	if d, ok := rateUnits[s]; ok {
		return d, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("unknown period %q (use s, m, h, ms, us or a duration such as 10s)", s)
	}
	return d, nil
}

// String formats the rate per second ("500/s", "0.5/s"), or per minute or
// hour when per second would need more than three decimals and that is a
// whole number ("100/m"); ParseRate reads it back.
func (r Rate) String() string {
	v := r.PerSecond
	if wholeish(v*1000) || math.IsInf(v, 0) || math.IsNaN(v) {
		return strconv.FormatFloat(v, 'f', -1, 64) + "/s"
	}
	for _, u := range []struct {
		mult float64
		name string
	}{{60, "/m"}, {3600, "/h"}} {
		if m := v * u.mult; wholeish(m) {
			return strconv.FormatFloat(math.Round(m), 'f', -1, 64) + u.name
		}
	}
	return strconv.FormatFloat(v, 'f', -1, 64) + "/s"
}

// wholeish reports whether v is a whole number up to rounding error.
func wholeish(v float64) bool {
	return math.Abs(v-math.Round(v)) <= 1e-9*math.Max(1, math.Abs(v))
}

// IsZero reports whether the rate is zero (not given).
func (r Rate) IsZero() bool { return r.PerSecond == 0 }

// MarshalText formats the rate as String does.
func (r Rate) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads a rate as ParseRate does.
func (r *Rate) UnmarshalText(b []byte) error {
	v, err := ParseRate(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}
