package scenarios

import (
	"fmt"
	"math"
	"time"

	yaml "go.yaml.in/yaml/v3"
)

// scalar returns the scalar at n, or records "expected want" and false.
func (d *decoder) scalar(path string, n *yaml.Node, want string) (*yaml.Node, bool) {
	r := resolve(n)
	if r == nil || r.Kind != yaml.ScalarNode || isNull(r) {
		d.fail(n, path, "expected %s, got %s", want, describe(n))
		return nil, false
	}
	return r, true
}

// mismatch describes scalar r that did not decode as tag: by its value
// alone when it was tagged as wanted (an explicit "!!int abc").
func mismatch(r *yaml.Node, tag string) string {
	if r.Tag == tag {
		return fmt.Sprintf("%q", r.Value)
	}
	return describe(r)
}

// str decodes any scalar as its text.
func (d *decoder) str(path string, n *yaml.Node) (string, bool) {
	r, ok := d.scalar(path, n, "a string")
	if !ok {
		return "", false
	}
	return r.Value, true
}

// integer decodes an integer scalar (decimal, 0x hex, 0o octal).
func (d *decoder) integer(path string, n *yaml.Node) (int64, bool) {
	r, ok := d.scalar(path, n, "an integer")
	if !ok {
		return 0, false
	}
	var v int64
	if r.Tag != "!!int" || r.Decode(&v) != nil {
		d.fail(n, path, "expected an integer, got %s", mismatch(r, "!!int"))
		return 0, false
	}
	return v, true
}

// number decodes a finite integer or floating-point scalar.
func (d *decoder) number(path string, n *yaml.Node) (float64, bool) {
	r, ok := d.scalar(path, n, "a number")
	if !ok {
		return 0, false
	}
	var v float64
	if (r.Tag != "!!int" && r.Tag != "!!float") || r.Decode(&v) != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		d.fail(n, path, "expected a number, got %s", mismatch(r, "!!float"))
		return 0, false
	}
	return v, true
}

// boolean decodes true or false.
func (d *decoder) boolean(path string, n *yaml.Node) (bool, bool) {
	r, ok := d.scalar(path, n, "true or false")
	if !ok {
		return false, false
	}
	var v bool
	if r.Tag != "!!bool" || r.Decode(&v) != nil {
		d.fail(n, path, "expected true or false, got %s", mismatch(r, "!!bool"))
		return false, false
	}
	return v, true
}

// duration decodes a Go duration such as "30s" or "1m30s".
func (d *decoder) duration(path string, n *yaml.Node) (time.Duration, bool) {
	r, ok := d.scalar(path, n, "a duration")
	if !ok {
		return 0, false
	}
	v, err := ParseDuration(r.Value)
	if err != nil {
		d.fail(n, path, "%v", err)
		return 0, false
	}
	return v, true
}

// rate decodes a rate such as "500/s" or a bare number per second.
func (d *decoder) rate(path string, n *yaml.Node) (Rate, bool) {
	r, ok := d.scalar(path, n, "a rate")
	if !ok {
		return Rate{}, false
	}
	v, err := ParseRate(r.Value)
	if err != nil {
		d.fail(n, path, "%v", err)
		return Rate{}, false
	}
	return v, true
}

// size decodes a byte size such as "2KB" or a bare number of bytes.
func (d *decoder) size(path string, n *yaml.Node) (int, bool) {
	r, ok := d.scalar(path, n, "a size")
	if !ok {
		return 0, false
	}
	v, err := ParseSize(r.Value)
	if err != nil {
		d.fail(n, path, "%v", err)
		return 0, false
	}
	return v, true
}

// timestamp decodes an RFC 3339 time.
func (d *decoder) timestamp(path string, n *yaml.Node) (time.Time, bool) {
	r, ok := d.scalar(path, n, "a time")
	if !ok {
		return time.Time{}, false
	}
	v, err := time.Parse(time.RFC3339Nano, r.Value)
	if err != nil {
		d.fail(n, path, "bad time %q: want RFC 3339, e.g. 2026-01-01T00:00:00Z", r.Value)
		return time.Time{}, false
	}
	return v, true
}

// strF decodes a string-like field into *p.
func strF[T ~string](p *T) field {
	return func(d *decoder, path string, n *yaml.Node) {
		if v, ok := d.str(path, n); ok {
			*p = T(v)
		}
	}
}

// intF decodes an integer field into *p.
func intF[T ~int | ~int64](p *T) field {
	return func(d *decoder, path string, n *yaml.Node) {
		if v, ok := d.integer(path, n); ok {
			*p = T(v)
		}
	}
}

// floatF decodes a number field into *p.
func floatF(p *float64) field {
	return func(d *decoder, path string, n *yaml.Node) {
		if v, ok := d.number(path, n); ok {
			*p = v
		}
	}
}

// boolF decodes a boolean field into *p.
func boolF(p *bool) field {
	return func(d *decoder, path string, n *yaml.Node) {
		if v, ok := d.boolean(path, n); ok {
			*p = v
		}
	}
}

// durF decodes a duration field into *p.
func durF(p *time.Duration) field {
	return func(d *decoder, path string, n *yaml.Node) {
		if v, ok := d.duration(path, n); ok {
			*p = v
		}
	}
}

// rateF decodes a rate field into *p.
func rateF(p *Rate) field {
	return func(d *decoder, path string, n *yaml.Node) {
		if v, ok := d.rate(path, n); ok {
			*p = v
		}
	}
}

// sizeF decodes a size field into *p.
func sizeF(p *int) field {
	return func(d *decoder, path string, n *yaml.Node) {
		if v, ok := d.size(path, n); ok {
			*p = v
		}
	}
}

// timeF decodes an RFC 3339 time field into *p.
func timeF(p *time.Time) field {
	return func(d *decoder, path string, n *yaml.Node) {
		if v, ok := d.timestamp(path, n); ok {
			*p = v
		}
	}
}

// strsF decodes a list of strings into *p.
func strsF(p *[]string) field {
	return func(d *decoder, path string, n *yaml.Node) {
		var out []string
		d.sequence(path, n, func(ip string, it *yaml.Node) {
			v, _ := d.str(ip, it) // "" keeps later entries at their index
			out = append(out, v)
		})
		*p = out
	}
}
