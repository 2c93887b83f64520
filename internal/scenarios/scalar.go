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

// scalarF is a field of one value at p: decode reads it from the file,
// write gives what the file format prints for it (a string, number or
// bool), zero reports the value that an optional key leaves out, def (if
// given) is its default.
func scalarF[T any](p *T, decode func(d *decoder, path string, n *yaml.Node) (T, bool), write func(T) any, zero func(T) bool, def []T) field {
	var setDefault func()
	if len(def) > 0 {
		setDefault = func() { *p = def[0] }
	}
	return field{
		setDefault: setDefault,
		dec: func(d *decoder, path string, n *yaml.Node) {
			if v, ok := decode(d, path, n); ok {
				*p = v
			}
		},
		enc:    func() *yaml.Node { return valueNode(write(*p)) },
		isZero: func() bool { return zero(*p) },
		ptr:    p,
	}
}

// isZeroValue reports whether v is its type's zero value.
func isZeroValue[T comparable](v T) bool {
	var zero T
	return v == zero
}

// strF is a string-like field at p, with an optional default (so are
// the other constructors).
func strF[T ~string](p *T, def ...T) field {
	return scalarF(p, func(d *decoder, path string, n *yaml.Node) (T, bool) {
		v, ok := d.str(path, n)
		return T(v), ok
	}, func(v T) any { return string(v) }, isZeroValue[T], def)
}

// intF is an integer field at p.
func intF[T ~int | ~int64](p *T, def ...T) field {
	return scalarF(p, func(d *decoder, path string, n *yaml.Node) (T, bool) {
		v, ok := d.integer(path, n)
		return T(v), ok
	}, func(v T) any { return int64(v) }, isZeroValue[T], def)
}

// floatF is a number field at p.
func floatF(p *float64, def ...float64) field {
	return scalarF(p, (*decoder).number, func(v float64) any { return v }, isZeroValue[float64], def)
}

// boolF is a boolean field at p.
func boolF(p *bool, def ...bool) field {
	return scalarF(p, (*decoder).boolean, func(v bool) any { return v }, isZeroValue[bool], def)
}

// durF is a duration field at p, written as Go prints durations ("1m30s").
func durF(p *time.Duration, def ...time.Duration) field {
	return scalarF(p, (*decoder).duration, func(v time.Duration) any { return v.String() }, isZeroValue[time.Duration], def)
}

// rateF is a rate field at p, written as "500/s".
func rateF(p *Rate, def ...Rate) field {
	return scalarF(p, (*decoder).rate, func(v Rate) any { return v.String() }, Rate.IsZero, def)
}

// sizeF is a byte-size field at p, written as "4MiB".
func sizeF(p *int, def ...int) field {
	return scalarF(p, (*decoder).size, func(v int) any { return FormatSize(v) }, isZeroValue[int], def)
}

// timeF is an RFC 3339 time field at p.
func timeF(p *time.Time, def ...time.Time) field {
	return scalarF(p, (*decoder).timestamp, func(v time.Time) any { return v.Format(time.RFC3339Nano) }, time.Time.IsZero, def)
}

// strsF is a list of strings at p.
func strsF(p *[]string) field {
	return field{
		dec: func(d *decoder, path string, n *yaml.Node) {
			var out []string
			d.sequence(path, n, func(ip string, it *yaml.Node) {
				v, _ := d.str(ip, it) // "" keeps later entries at their index
				out = append(out, v)
			})
			*p = out
		},
		enc:    func() *yaml.Node { return valueNode(*p) },
		isZero: func() bool { return len(*p) == 0 },
		ptr:    p,
	}
}
