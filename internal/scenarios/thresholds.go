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

// thresholdsF is the thresholds list: each item an expression, or a
// mapping {expr, abort_on_fail, delay}. Every expression goes to *plain;
// those that abort also to *abort. It is written back the same way: the
// expressions of *abort, in order, as mappings.
func thresholdsF(plain *[]string, abort *[]AbortThreshold) field {
	dec := func(d *decoder, path string, n *yaml.Node) {
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
			d.mapping(ip, it, abortFields(&a, &on))
			exprs = append(exprs, a.Expr)
			if on {
				aborts = append(aborts, a)
			}
		})
		*plain, *abort = exprs, aborts
	}
	each := func() []fields {
		out := make([]fields, len(*abort))
		for i := range *abort {
			on := true
			out[i] = abortFields(&(*abort)[i], &on)
		}
		return out
	}
	return field{dec: dec, ptr: plain, enc: func() *yaml.Node { return thresholdsNode(*plain, *abort) },
		isZero: func() bool { return len(*plain) == 0 }, each: each}.optional()
}

// abortFields is the schema of a threshold written as a mapping.
func abortFields(a *AbortThreshold, on *bool) fields {
	return fields{
		{"expr", strF(&a.Expr)},
		{"abort_on_fail", boolF(on)},
		{"delay", durF(&a.Delay).optional()},
	}
}

// thresholdsNode writes the thresholds: each expression as is, or as a
// mapping when it is the next of aborts.
func thresholdsNode(plain []string, aborts []AbortThreshold) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, expr := range plain {
		if len(aborts) > 0 && aborts[0].Expr == expr {
			a, on := aborts[0], true
			seq.Content = append(seq.Content, abortFields(&a, &on).node())
			aborts = aborts[1:]
			continue
		}
		seq.Content = append(seq.Content, valueNode(expr))
	}
	return seq
}
