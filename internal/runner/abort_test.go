package runner

import (
	"context"
	"testing"
	"time"
)

// TestAbortOnFail: a threshold written with abort_on_fail stops the run at
// the first interval that crosses it (not before its delay), the report
// says which one, and the thresholds fail; one that holds lets the run go
// its full length. --threshold-abort (Options.AbortThresholds) does the
// same.
func TestAbortOnFail(t *testing.T) {
	for _, tc := range []struct {
		name, thresholds string
		cli              []string
		abortedBy        string
		minS, maxS       float64
	}{
		{"crossed", `[{expr: "p99<1ms", abort_on_fail: true}]`, nil, "p99<1ms", 0, 1.5},
		{"crossed after its delay", `[{expr: "p99<1ms", abort_on_fail: true, delay: 1s}]`, nil, "p99<1ms", 1, 2.5},
		{"from the command line", `[]`, []string{"error_rate<5%", "p99<1ms"}, "p99<1ms", 0, 1.5},
		{"held", `[{expr: "error_rate<5%", abort_on_fail: true}]`, nil, "", 3, 3.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := scenario(t, "name: t\ntarget: inproc:sleep:5ms\nload: {rate: 50/s, duration: 3s}\nthresholds: "+tc.thresholds+"\n")
			res, err := Run(context.Background(), Options{Scenario: sc, AbortThresholds: tc.cli, Interval: 100 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			s := res.Summary
			if s.AbortedBy != tc.abortedBy || res.ThresholdsOK != (tc.abortedBy == "") {
				t.Errorf("aborted by %q, thresholds ok %v; want %q, %v", s.AbortedBy, res.ThresholdsOK, tc.abortedBy, tc.abortedBy == "")
			}
			if s.DurationS < tc.minS || s.DurationS > tc.maxS || s.Interrupted != (tc.abortedBy != "") {
				t.Errorf("ran %.2fs, interrupted %v; want %.1f-%.1fs", s.DurationS, s.Interrupted, tc.minS, tc.maxS)
			}
		})
	}
}
