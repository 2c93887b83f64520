package scenarios

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// notInFiles are the model's fields that no scenario key holds.
var notInFiles = map[string]string{
	"Source":     "where the scenario came from, not a setting",
	"Target.Raw": "the ${VAR} text of env-expanded values, kept by the decoder",
}

// leafKinds are struct types that are one value in a file, not a section.
var leafKinds = map[reflect.Type]bool{
	reflect.TypeFor[time.Time](): true,
	reflect.TypeFor[Rate]():      true,
}

// modelLeaves walks v (a section of the model) and calls leaf with the
// path and address of every field that holds a value; a list of sections
// is walked through its items.
func modelLeaves(path string, v reflect.Value, leaf func(path string, v reflect.Value)) {
	switch {
	case v.Kind() == reflect.Struct && !leafKinds[v.Type()]:
		for i := range v.NumField() {
			modelLeaves(strings.TrimPrefix(path+"."+v.Type().Field(i).Name, "."), v.Field(i), leaf)
		}
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Struct:
		for i := range v.Len() {
			modelLeaves(fmt.Sprintf("%s[%d]", path, i), v.Index(i), leaf)
		}
	default:
		leaf(path, v)
	}
}

// schemaPtrs collects the model addresses that the schema fs binds.
func schemaPtrs(fs fields, out map[any]bool) {
	for _, k := range fs {
		if k.f.ptr != nil {
			out[k.f.ptr] = true
		}
		if k.f.sub != nil {
			schemaPtrs(k.f.sub(), out)
		}
		if k.f.each != nil {
			for _, item := range k.f.each() {
				schemaPtrs(item, out)
			}
		}
	}
}

// fullScenario has one item in every list, so that the items' fields are
// walked too.
func fullScenario() *Scenario {
	s := Default()
	s.Load.Stages = []Stage{{}}
	s.Thresholds = []string{"p99 < 1s"}
	s.AbortThresholds = []AbortThreshold{{Expr: "p99 < 1s"}}
	return s
}

// TestSchemaCoversModel: every field of the model has its key in the
// schema, so it is decoded, written by scenarios show and settable by path.
// A field added to the model without a key fails here.
func TestSchemaCoversModel(t *testing.T) {
	s := fullScenario()
	bound := map[any]bool{}
	schemaPtrs(rootFields(s), bound)
	modelLeaves("", reflect.ValueOf(s).Elem(), func(path string, v reflect.Value) {
		if _, ok := notInFiles[path]; ok {
			return
		}
		if !bound[v.Addr().Interface()] {
			t.Errorf("%s has no key in the schema (schema.go)", path)
		}
	})
}

// fill gives every leaf of the model a value unlike its default: the n-th
// leaf gets n in its type.
func fill(t *testing.T, s *Scenario) {
	n := 0
	modelLeaves("", reflect.ValueOf(s).Elem(), func(path string, v reflect.Value) {
		if _, ok := notInFiles[path]; ok {
			return
		}
		n++
		switch p := v.Addr().Interface().(type) {
		case *time.Duration:
			*p = time.Duration(n) * time.Second
		case *time.Time:
			*p = time.Date(2030, 1, n, 0, 0, 0, 0, time.UTC)
		case *Rate:
			*p = Rate{PerSecond: float64(n)}
		case *[]string:
			*p = []string{fmt.Sprint("v", n)}
		case *map[string]string:
			*p = map[string]string{"K": fmt.Sprint("v", n)}
		default:
			switch v.Kind() {
			case reflect.String:
				v.SetString(fmt.Sprint("v", n))
			case reflect.Int, reflect.Int64:
				v.SetInt(int64(n))
			case reflect.Float64:
				v.SetFloat(float64(n) + 0.5)
			case reflect.Bool:
				v.SetBool(!v.Bool())
			default:
				t.Fatalf("%s: no test value for %s; teach fill this type", path, v.Type())
			}
		}
	})
	s.AbortThresholds[0].Expr = s.Thresholds[0]
}

// TestSchemaRoundTrip: every field of the model, set to a value unlike its
// default, is written by the schema and read back the same. A key that
// decodes but is not written (or the reverse) fails here.
func TestSchemaRoundTrip(t *testing.T) {
	s := fullScenario()
	s.Records.Kinds = append(s.Records.Kinds, s.Records.Kinds[0])
	fill(t, s)
	out, err := yamlOf(rootFields(s).node())
	if err != nil {
		t.Fatal(err)
	}
	d := newDecoder("full.yaml", testEnv)
	root := d.document(out)
	back := Default()
	if root != nil {
		d.mapping("", root, rootFields(back))
	}
	if len(d.errs) > 0 {
		t.Fatalf("written scenario does not decode: %v\n%s", d.errs, out)
	}
	back.Source = s.Source
	if !reflect.DeepEqual(back, s) {
		t.Errorf("round trip gave\n%+v\nwant\n%+v\nfrom\n%s", back, s, out)
	}
}

// TestOverridePathsInSchema: every field path an override names is a key
// of the schema, so its problems are found and its changes seen.
func TestOverridePathsInSchema(t *testing.T) {
	s := fullScenario()
	for _, o := range []Override{
		RateFlag("-r", "1/s"), DurationFlag("-d", "1s"), ModeFlag("--mode", "closed", false),
		TargetFlag("-t", "inproc:decode"), HeaderFlag("-H", []string{"A: b"}),
		DurationFieldFlag("--timeout", "target.timeout", "1s"), DurationFieldFlag("--poll", "trigger.poll", "1s"),
		ValueFlag("--seed", "seed", int64(2)), ValueFlag("--partitions", "stream.partitions", 2),
		ValueFlag("--batch", "batch.size", 2), ValueFlag("--concurrency", "load.concurrency", 2),
		ValueFlag("--max-events", "load.max_events", int64(2)), ValueFlag("--on-full", "load.on_full", OnFullDrop),
	} {
		for _, p := range append(o.Sets, o.Affects...) {
			if _, ok := lookup(s, p); !ok {
				t.Errorf("%s: %s is not a key of the schema", o.Flag, p)
			}
		}
		if err := o.Apply(s); err != nil {
			t.Errorf("%s: %v", o.Flag, err)
		}
	}
}

// TestValueFlagType: a value of another type than the field's, or a path
// that names no field, is an error, not a panic.
func TestValueFlagType(t *testing.T) {
	for _, o := range []Override{
		ValueFlag("--seed", "seed", 2), // int, the field is int64
		ValueFlag("--x", "load.nothing", 2),
		ValueFlag("--x", "load", 2),
	} {
		if err := o.Apply(Default()); err == nil || !strings.Contains(err.Error(), "internal error") {
			t.Errorf("%s: %v, want an internal error", o.Flag, err)
		}
	}
}

// TestCloneIsDeep: changing every value of a clone, inside lists and maps
// too, leaves the original as it was; a list or map field that Clone
// forgets to copy fails here.
func TestCloneIsDeep(t *testing.T) {
	s, want := fullScenario(), fullScenario()
	fill(t, s)
	fill(t, want)
	s.Target.Raw, want.Target.Raw = map[string]string{"headers.K": "raw"}, map[string]string{"headers.K": "raw"}
	c := s.Clone()
	c.Target.Raw["headers.K"] = "changed"
	modelLeaves("", reflect.ValueOf(c).Elem(), func(path string, v reflect.Value) {
		switch p := v.Addr().Interface().(type) {
		case *[]string:
			(*p)[0] = "changed"
		case *map[string]string:
			for k := range *p {
				(*p)[k] = "changed"
			}
		case *string:
			*p = "changed"
		case *float64:
			*p = -1
		}
	})
	if !reflect.DeepEqual(s, want) {
		t.Errorf("changing the clone changed the original:\n%+v\nwant\n%+v", s, want)
	}
}

// TestDefaultsFromSchema: Default is the schema's defaults, each a fresh
// copy, and a file that gives nothing but a rate loads as Default.
func TestDefaultsFromSchema(t *testing.T) {
	a := Default()
	a.Records.Kinds[0].Weight = 42
	if b := Default(); b.Records.Kinds[0].Weight != 1 {
		t.Errorf("Default shares its kinds: weight %v", b.Records.Kinds[0].Weight)
	}
	s, err := Parse("only-rate.yaml", []byte("load: {rate: 5/s}\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.Name, want.Source, want.Load.Rate = "only-rate", "only-rate.yaml", Rate{5}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("a file with only a rate gave\n%+v\nwant\n%+v", s, want)
	}
}
