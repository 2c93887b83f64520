package scenarios

import (
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// field is one key of the scenario schema, declared once: how the file's
// value decodes into the model, how the model's value is written back
// (scenarios show, YAML), and where it lives, so that a flag can set it by
// its path (ValueFlag) and an override is known to have changed it.
type field struct {
	// dec decodes the file's value n of the field at path.
	dec func(d *decoder, path string, n *yaml.Node)
	// enc is the value as a scenario file writes it.
	enc func() *yaml.Node
	// isZero reports the value an optional key leaves out (nil: never).
	isZero func() bool
	// omit, when set, leaves the key out of written files (see optional).
	omit func() bool
	// setDefault gives the model's value its default (nil: the zero
	// value); a section's keys give their own.
	setDefault func()
	// ptr is the model's value (*int, *string, ...), nil for a section.
	ptr any
	// sub is a section's own schema, for paths under it.
	sub func() fields
	// each is the schema of every item of a list of mappings.
	each func() []fields
	// types, for a target key, are the target types that take it (nil:
	// every type).
	types []TargetType
}

// key is one named field of a mapping.
type key struct {
	name string
	f    field
}

// fields is the schema of a mapping: its keys in the order files are
// written.
type fields []key

// names lists the keys, sorted, for "unknown key" messages.
func (fs fields) names() []string {
	out := make([]string, len(fs))
	for i, k := range fs {
		out[i] = k.name
	}
	slices.Sort(out)
	return out
}

// get returns the field named name.
func (fs fields) get(name string) (field, bool) {
	for _, k := range fs {
		if k.name == name {
			return k.f, true
		}
	}
	return field{}, false
}

// optional leaves the key out of written files when its value is zero.
func (f field) optional() field {
	f.omit = f.isZero
	return f
}

// zeroWhen makes cond the field's zero value, left out of written files.
func (f field) zeroWhen(cond func() bool) field {
	f.isZero = cond
	return f.optional()
}

// only marks a target key that only the target types given take; it is
// optional.
func (f field) only(types ...TargetType) field {
	f.types = types
	return f.optional()
}

// omitIf leaves the key out of written files when cond holds.
func (f field) omitIf(cond func() bool) field {
	f.omit = cond
	return f
}

// section is a mapping field whose keys are schema().
func section(schema func() fields) field {
	return field{
		dec: func(d *decoder, path string, n *yaml.Node) { d.mapping(path, n, schema()) },
		enc: func() *yaml.Node { return schema().node() },
		sub: schema,
	}
}

// listF is a list field at p whose items are mappings with the schema
// item; an item starts with the item schema's defaults, and short (if not
// nil) decodes an item written as a scalar. def, if given, is the list's
// default.
func listF[T any](p *[]T, item func(*T) fields, short func(d *decoder, path string, n *yaml.Node, it *T), def ...T) field {
	return field{
		dec: func(d *decoder, path string, n *yaml.Node) {
			var out []T
			d.sequence(path, n, func(ip string, n *yaml.Node) {
				var it T
				setDefaults(item(&it))
				if r := resolve(n); short != nil && r != nil && r.Kind == yaml.ScalarNode {
					short(d, ip, n, &it)
				} else {
					d.mapping(ip, n, item(&it))
				}
				out = append(out, it)
			})
			*p = out
		},
		enc: func() *yaml.Node {
			seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
			for i := range *p {
				seq.Content = append(seq.Content, item(&(*p)[i]).node())
			}
			return seq
		},
		isZero:     func() bool { return len(*p) == 0 },
		setDefault: defaultList(p, def),
		ptr:        p,
		each: func() []fields {
			out := make([]fields, len(*p))
			for i := range *p {
				out[i] = item(&(*p)[i])
			}
			return out
		},
	}
}

// defaultList sets *p to a copy of def; nil when there is no default.
func defaultList[T any](p *[]T, def []T) func() {
	if len(def) == 0 {
		return nil
	}
	return func() { *p = append([]T(nil), def...) }
}

// setDefaults gives every field of fs, and of its sections, its default.
func setDefaults(fs fields) {
	for _, k := range fs {
		switch {
		case k.f.setDefault != nil:
			k.f.setDefault()
		case k.f.sub != nil:
			setDefaults(k.f.sub())
		}
	}
}

// withDefault makes set the field's default (for a whole target).
func (f field) withDefault(set func()) field {
	f.setDefault = set
	return f
}

// node writes the mapping as a scenario file does, leaving out the keys
// whose omit holds.
func (fs fields) node() *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, k := range fs {
		if k.f.omit != nil && k.f.omit() {
			continue
		}
		m.Content = append(m.Content, valueNode(k.name), k.f.enc())
	}
	return m
}

// valueNode is v (a string, number, bool, list or map of strings) as a
// YAML node.
func valueNode(v any) *yaml.Node {
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		// Only the plain values above reach here; they always encode.
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	return &n
}

// lookup finds the field at path ("load.rate", "target.tls.ca_file") in
// the schema of s; a list item's path ("load.stages[0].duration") stands
// for the whole list.
func lookup(s *Scenario, path string) (field, bool) {
	path, _, _ = strings.Cut(path, "[")
	f := section(func() fields { return rootFields(s) })
	for _, name := range strings.Split(path, ".") {
		if f.sub == nil {
			return field{}, false
		}
		var ok bool
		if f, ok = f.sub().get(name); !ok {
			return field{}, false
		}
	}
	return f, true
}

// written is the field at path as a file writes it ("" when path names
// no field), to tell whether an override changed it.
func written(s *Scenario, path string) (string, bool) {
	f, ok := lookup(s, path)
	if !ok {
		return "", false
	}
	out, err := yaml.Marshal(f.enc())
	if err != nil {
		return "", false
	}
	return string(out), true
}
