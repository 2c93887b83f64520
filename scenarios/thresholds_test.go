package scenarios

import "testing"

func TestCheckThreshold(t *testing.T) {
	for expr, ok := range map[string]bool{
		"p99 < 200ms": true, "error_rate < 1%": true, "dropped == 0": true, "service.p99.9<1s": true,
		"p99 <": false, "latency > 5": false, "": false, "p99 ~ 5ms": false,
	} {
		if err := checkThreshold(expr); (err == nil) != ok {
			t.Errorf("checkThreshold(%q) = %v, want ok=%v", expr, err, ok)
		}
	}
}
