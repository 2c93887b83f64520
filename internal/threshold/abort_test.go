package threshold

import (
	"strings"
	"testing"
	"time"
)

// figures is a run whose figures are given by metric name.
type figures map[string]float64

func (f figures) Figure(m Metric) float64 { return f[m.Name] }

func TestAbortCrossed(t *testing.T) {
	a, err := ParseAbort("error_rate<1%", 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		rate    float64
		runTime time.Duration
		crossed bool
	}{
		{0.5, 5 * time.Second, false},    // crossed, but before the delay
		{0.5, 10 * time.Second, true},    // due and crossed
		{0.001, 20 * time.Second, false}, // due and holding
	}
	for _, c := range cases {
		v, crossed := a.Crossed(figures{ErrorRate: c.rate}, c.runTime)
		if crossed != c.crossed || (crossed && v != c.rate) {
			t.Errorf("rate %v at %v: Crossed = %v, %v; want crossed %v", c.rate, c.runTime, v, crossed, c.crossed)
		}
	}
	if _, err := ParseAbort("p99 <", 0); err == nil || !strings.HasPrefix(err.Error(), "threshold ") {
		t.Errorf("ParseAbort of a bad expression: %v", err)
	}
}
