package scenarios

import (
	"slices"
	"strings"
	"testing"
	"time"
)

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

// TestAbortThresholds: the mapping form {expr, abort_on_fail, delay} beside
// plain strings; every expression is a threshold, the aborting ones are
// listed apart; a bad item names its line and field.
func TestAbortThresholds(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		plain      []string
		abort      []AbortThreshold
		err        string
	}{
		{"plain", `["p99<50ms"]`, []string{"p99<50ms"}, nil, ""},
		{"mixed", "\n  - p50<10ms\n  - {expr: \"p99<50ms\", abort_on_fail: true, delay: 5s}\n  - {expr: error_rate<1%}",
			[]string{"p50<10ms", "p99<50ms", "error_rate<1%"}, []AbortThreshold{{"p99<50ms", 5 * time.Second}}, ""},
		{"unknown key", `[{expr: "p99<50ms", abort: true}]`, nil, nil, `test.yaml:5:33: thresholds[0]: unknown key "abort"`},
		{"bad delay", `[{expr: "p99<50ms", abort_on_fail: true, delay: soon}]`, nil, nil, "thresholds[0].delay"},
		{"bad expr", `[{expr: "p99 ~ 5", abort_on_fail: true}]`, nil, nil, "thresholds[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "name: t\ntarget: inproc:noop\nload: {rate: 10/s}\n\nthresholds: " + tc.yaml + "\n"
			sc, err := Parse("test.yaml", []byte(src))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Parse = %v; want an error containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(sc.Thresholds, tc.plain) || !slices.Equal(sc.AbortThresholds, tc.abort) {
				t.Errorf("thresholds %q, abort %v; want %q, %v", sc.Thresholds, sc.AbortThresholds, tc.plain, tc.abort)
			}
		})
	}
}
