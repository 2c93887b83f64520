package scenarios

import (
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// pos is a 1-based line and column.
type pos struct{ line, col int }

// nodePos is n's position, never below 1:1.
func nodePos(n *yaml.Node) pos {
	if n == nil {
		return pos{1, 1}
	}
	return pos{max(n.Line, 1), max(n.Column, 1)}
}

// maxMerged bounds the work that YAML merge keys ("<<") may cause (merges
// followed plus keys brought in), so a file of nested merges cannot make the
// loader run for ever.
const maxMerged = 10_000

// decoder walks a yaml.Node tree into a Scenario, gathering every problem.
type decoder struct {
	file   string
	errs   ErrorList
	keys   map[string]pos  // field path → position of its key or list item
	given  map[string]bool // field paths given a non-null value
	bad    map[string]bool // field paths with a decode error
	flags  flagged         // field paths set by command-line overrides
	lookup func(string) (string, bool)
	merged int // keys brought in by merge keys so far
}

// newDecoder returns a decoder for the file named file.
func newDecoder(file string, lookup func(string) (string, bool)) *decoder {
	return &decoder{
		file: file, lookup: lookup,
		keys: map[string]pos{}, given: map[string]bool{}, bad: map[string]bool{}, flags: flagged{},
	}
}

// fail records a problem with the value n of field; the checks that run
// after decoding then say nothing more about field.
func (d *decoder) fail(n *yaml.Node, field, format string, args ...any) {
	d.failAt(nodePos(n), field, fmt.Sprintf(format, args...))
	d.bad[field] = true
}

// failAt records a problem at p for field.
func (d *decoder) failAt(p pos, field, msg string) {
	d.errs = append(d.errs, &Error{
		File: d.file, Line: p.line, Col: p.col,
		Field: oneLine(display(field)), Msg: oneLine(msg),
	})
}

// keyProblem records a problem with a key of the mapping at path (unknown,
// duplicate), which does not hide the checks of the mapping's other fields.
func (d *decoder) keyProblem(k *yaml.Node, path, format string, args ...any) {
	d.failAt(nodePos(k), path, fmt.Sprintf(format, args...))
}

// display names the root "scenario" in messages.
func display(path string) string {
	if path == "" {
		return "scenario"
	}
	return path
}

// join appends a key to a field path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// item names the i-th entry of a list field.
func item(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

// resolve follows aliases to the node they name (nil for a broken chain).
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode; i++ {
		if i == 100 {
			return nil
		}
		n = n.Alias
	}
	return n
}

// isNull reports whether n is absent or an explicit null.
func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// describe names what n is, for "expected X, got Y" messages.
func describe(n *yaml.Node) string {
	n = resolve(n)
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind == yaml.DocumentNode:
		return "a document"
	}
	v := n.Value
	if len(v) > 40 {
		v = v[:40] + "..."
	}
	kind := map[string]string{
		"!!int": "integer", "!!float": "number", "!!bool": "boolean",
		"!!null": "null", "!!timestamp": "timestamp",
	}[n.Tag]
	return strings.TrimSpace(fmt.Sprintf("%s %q", kind, v))
}

// entry is one key and value of a mapping.
type entry struct{ key, val *yaml.Node }

// mapping decodes the mapping n at path by the schema fs: unknown and
// duplicate keys are errors, null values are left out.
func (d *decoder) mapping(path string, n *yaml.Node, fs fields) {
	orig := n
	if n = resolve(n); isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.fail(orig, path, "expected a mapping, got %s", describe(n))
		return
	}
	names := fs.names()
	for _, e := range d.entries(path, n, 0) {
		key, p := e.key.Value, join(path, e.key.Value)
		f, ok := fs.get(key)
		if !ok {
			d.unknownKey(path, e.key, names)
			continue
		}
		d.keys[p] = nodePos(e.key)
		if isNull(resolve(e.val)) {
			continue
		}
		d.given[p] = true
		f.dec(d, p, e.val)
	}
}

// unknownKey reports key k, not in names, of the mapping at path. When it
// looks like a typo of a known key, that key's checks are left out: they
// would only repeat that it is missing.
func (d *decoder) unknownKey(path string, k *yaml.Node, names []string) {
	c := closest(k.Value, names)
	if c == "" {
		d.keyProblem(k, path, "unknown key %q (known: %s)", k.Value, strings.Join(names, ", "))
		return
	}
	d.keyProblem(k, path, "unknown key %q; did you mean %q?", k.Value, c)
	d.bad[join(path, c)] = true
}

// entries lists the keys of mapping n, with those of merge keys ("<<")
// after the explicit ones; a duplicate explicit key is an error.
func (d *decoder) entries(path string, n *yaml.Node, depth int) []entry {
	var out, merged []entry
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merged = append(merged, d.merge(path, v, depth)...)
			continue
		}
		rk := resolve(k)
		if rk == nil || rk.Kind != yaml.ScalarNode || isNull(rk) {
			d.keyProblem(k, path, "keys must be plain names, got %s", describe(k))
			continue
		}
		if first, dup := seen[rk.Value]; dup {
			d.keyProblem(k, path, "duplicate key %q (first at line %d)", rk.Value, nodePos(first).line)
			continue
		}
		seen[rk.Value] = k
		out = append(out, entry{rk, v})
	}
	for _, e := range merged {
		if _, dup := seen[e.key.Value]; !dup {
			seen[e.key.Value] = e.key
			out = append(out, e)
		}
	}
	return out
}

// merge returns the entries a merge key's value brings in: a mapping, or a
// list of mappings where earlier ones win.
func (d *decoder) merge(path string, v *yaml.Node, depth int) []entry {
	rv := resolve(v)
	d.merged++
	if depth > 10 || d.merged > maxMerged {
		d.fail(v, path, "merge keys (<<) nested too deeply")
		return nil
	}
	var srcs []*yaml.Node
	switch {
	case rv != nil && rv.Kind == yaml.MappingNode:
		srcs = []*yaml.Node{rv}
	case rv != nil && rv.Kind == yaml.SequenceNode:
		srcs = rv.Content
	default:
		d.fail(v, path, "a merge key (<<) needs a mapping or a list of mappings, got %s", describe(v))
		return nil
	}
	var out []entry
	for _, src := range srcs {
		if src = resolve(src); src == nil || src.Kind != yaml.MappingNode {
			d.fail(v, path, "a merge key (<<) needs a mapping or a list of mappings, got %s", describe(src))
			continue
		}
		d.merged++
		es := d.entries(path, src, depth+1)
		d.merged += len(es)
		out = append(out, es...)
	}
	return out
}

// sequence decodes each entry of the list n at path with each.
func (d *decoder) sequence(path string, n *yaml.Node, each func(path string, n *yaml.Node)) {
	orig := n
	if n = resolve(n); isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(orig, path, "expected a list, got %s", describe(n))
		return
	}
	for i, it := range n.Content {
		p := item(path, i)
		d.keys[p] = nodePos(it)
		d.given[p] = true
		each(p, it)
	}
}
