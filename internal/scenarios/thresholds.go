package scenarios

import (
	"time"

	yaml "go.yaml.in/yaml/v3"

	"github.com/disload/disload/internal/threshold"
)

// AbortThreshold is a threshold that stops the run as soon as it is
// crossed (k6's abortOnFail), checked once per interval on the figures so
// far. Its expression is in Scenario.Thresholds too, judged again at the
// end.
type AbortThreshold struct {
	Expr string
	// Delay is how long into the run the check starts (k6's
	// delayAbortEval): figures of the first seconds are noisy.
	Delay time.Duration
}

// checkThreshold checks one threshold expression in the threshold
// language, which evaluates them after a run.
func checkThreshold(expr string) error {
	_, err := threshold.Parse(expr)
	return err
}

// thresholdsF decodes the thresholds list: each item an expression, or a
// mapping {expr, abort_on_fail, delay}. Every expression goes to *plain;
// those that abort also to *abort.
func thresholdsF(plain *[]string, abort *[]AbortThreshold) field {
	return func(d *decoder, path string, n *yaml.Node) {
		var exprs []string
		var aborts []AbortThreshold
		d.sequence(path, n, func(ip string, it *yaml.Node) {
			if r := resolve(it); r == nil || r.Kind != yaml.MappingNode {
				v, _ := d.str(ip, it) // "" keeps later entries at their index
				exprs = append(exprs, v)
				return
			}
			var a AbortThreshold
			var on bool
			d.mapping(ip, it, fields{"expr": strF(&a.Expr), "abort_on_fail": boolF(&on), "delay": durF(&a.Delay)})
			exprs = append(exprs, a.Expr)
			if on {
				aborts = append(aborts, a)
			}
		})
		*plain, *abort = exprs, aborts
	}
}
