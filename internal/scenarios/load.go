package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// Load reads and checks the scenario file at path. A file it cannot read
// gives the os error; a bad scenario gives an ErrorList with every problem,
// each as "path:line:col: field: msg".
func Load(path string, ovs ...Override) (*Scenario, error) {
	return parseFile(path, os.LookupEnv, ovs)
}

// Parse reads and checks a scenario from data; name is used in error
// positions and as Source. Environment variables in target headers, env and
// userdata are expanded from the process environment. The overrides are
// applied, in order, before the scenario is checked.
func Parse(name string, data []byte, ovs ...Override) (*Scenario, error) {
	return parse(name, data, input{lookup: os.LookupEnv, ovs: ovs})
}

// input is what parse needs besides the file's bytes.
type input struct {
	lookup func(string) (string, bool) // the environment
	dir    string                      // the file's folder, for relative target paths ("" = none)
	ovs    []Override                  // command-line settings
}

// parse is Parse with the environment, the file's folder and the overrides given.
func parse(name string, data []byte, in input) (s *Scenario, err error) {
	if name == "" {
		name = "<input>"
	}
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, ErrorList{{File: name, Line: 1, Col: 1, Field: "scenario", Msg: oneLine(fmt.Sprintf("cannot read this file: %v", r))}}
		}
	}()
	if len(data) > MaxFileSize {
		return nil, ErrorList{{File: name, Line: 1, Col: 1, Field: "scenario",
			Msg: fmt.Sprintf("the file is %s, above the %s a scenario may have", FormatSize(len(data)), FormatSize(MaxFileSize))}}
	}
	d := newDecoder(name, in.lookup)
	root := d.document(data)
	if root == nil {
		return nil, d.errs.sorted()
	}
	s = Default()
	s.Source = name
	d.keys[""] = nodePos(root)
	d.mapping("", root, rootFields(s))
	d.finish(s)
	if in.dir != "" {
		s.Target.resolvePaths(in.dir)
	}
	d.apply(s, in.ovs)
	for _, p := range s.check() {
		d.problem(p)
	}
	if len(d.errs) > 0 {
		return nil, d.errs.sorted().capped()
	}
	return s, nil
}

// document parses data as exactly one YAML document whose root is a mapping.
func (d *decoder) document(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.failAt(pos{1, 1}, "", "empty file: expected a mapping with keys such as name, load and target")
		} else {
			d.syntax(data, err)
		}
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.fail(&extra, "", "a scenario file holds one YAML document; remove the second \"---\"")
	} else if !errors.Is(err, io.EOF) {
		d.syntax(data, err)
	}
	root := &doc
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		root = doc.Content[0]
	}
	switch r := resolve(root); {
	case isNull(r):
		d.failAt(nodePos(root), "", "empty file: expected a mapping with keys such as name, load and target")
	case r.Kind != yaml.MappingNode:
		d.fail(root, "", "expected a mapping with keys such as name, load and target, got %s", describe(r))
	}
	if len(d.errs) > 0 {
		return nil
	}
	return root
}

// finish fills the defaults that depend on what the file gave.
func (d *decoder) finish(s *Scenario) {
	if !d.given["name"] {
		s.Name = nameFromSource(s.Source)
	}
	if !d.given["load.concurrency"] {
		s.Load.Concurrency = DefaultConcurrency(s.Load.Mode)
	}
	if !d.given["load.duration"] && len(s.Load.Stages) > 0 {
		s.Load.Duration = s.Load.StagesDuration()
	}
}

// nameFromSource is a file's base name without extension, or a built-in's name.
func nameFromSource(src string) string {
	if name, ok := strings.CutPrefix(src, "builtin:"); ok {
		return name
	}
	base := filepath.Base(src)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// DefaultConcurrency is the concurrency a mode gets when none is given: the
// in-flight cap of open mode, the workers of closed mode.
func DefaultConcurrency(m Mode) int {
	if m == ModeClosed {
		return DefaultClosedWorkers
	}
	return DefaultOpenConcurrency
}

// problem records a semantic problem at the position of its field (or of
// the nearest enclosing one), unless a decode error already covers it.
func (d *decoder) problem(p problem) {
	if d.covered(p) {
		return
	}
	if fl := d.flagOf(p.field); fl != "" {
		d.errs = append(d.errs, &Error{Flag: fl, Field: oneLine(p.field), Msg: oneLine(p.msg)})
		return
	}
	d.failAt(d.position(p.field), p.field, p.msg)
}

// covered reports whether a decode error at p's field, above it, or at or
// under one of its deps already explains p.
func (d *decoder) covered(p problem) bool {
	for f := p.field; ; f = parent(f) {
		if d.bad[f] {
			return true
		}
		if f == "" {
			break
		}
	}
	for bad := range d.bad {
		for _, dep := range p.deps {
			if bad == dep || strings.HasPrefix(bad, dep+".") || strings.HasPrefix(bad, dep+"[") {
				return true
			}
		}
	}
	return false
}

// position is where field's key (or nearest enclosing key) is in the file.
func (d *decoder) position(field string) pos {
	for f := field; ; f = parent(f) {
		if p, ok := d.keys[f]; ok {
			return p
		}
		if f == "" {
			return pos{1, 1}
		}
	}
}

// parent strips the last component of a field path ("a.b[2]" → "a.b").
func parent(field string) string {
	i := strings.LastIndexAny(field, ".[")
	if i < 0 {
		return ""
	}
	return field[:i]
}

// maxErrors is how many problems a load reports before summing up the rest.
const maxErrors = 50

// capped keeps the first maxErrors problems and counts the others.
func (l ErrorList) capped() ErrorList {
	if len(l) <= maxErrors {
		return l
	}
	more := l[maxErrors]
	return append(l[:maxErrors:maxErrors], &Error{
		File: more.File, Line: more.Line, Col: more.Col,
		Msg: fmt.Sprintf("and %d more problems", len(l)-maxErrors),
	})
}

// Validate checks s again after changes (flag overrides): every problem,
// each naming its field ("load.rate: ..."), without positions.
func (s *Scenario) Validate() error {
	var errs ErrorList
	for _, p := range s.check() {
		errs = append(errs, &Error{Field: oneLine(p.field), Msg: oneLine(p.msg)})
	}
	return errs.err()
}

// parseFile is Load with the environment given.
func parseFile(path string, lookup func(string) (string, bool), ovs []Override) (*Scenario, error) {
	data, err := readCapped(path)
	if err != nil {
		return nil, err
	}
	return parse(path, data, input{lookup: lookup, dir: filepath.Dir(path), ovs: ovs})
}

// MaxFileSize is the largest scenario file Load reads (256 KiB): a scenario
// is a page of settings, and the YAML parser's memory grows many times
// faster than the file.
const MaxFileSize = 256 << 10

// readCapped reads the file at path, refusing one above MaxFileSize
// without reading it all.
func readCapped(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, ErrorList{{File: path, Line: 1, Col: 1, Field: "scenario",
			Msg: fmt.Sprintf("the file is above the %s a scenario may have", FormatSize(MaxFileSize))}}
	}
	return data, nil
}

// resolvePaths makes the target's relative file paths (the function binary,
// TLS files) relative to dir, the scenario file's folder, so a scenario runs
// the same from any working directory.
func (t *Target) resolvePaths(dir string) {
	for _, p := range []*string{&t.Path, &t.TLS.CAFile, &t.TLS.CertFile, &t.TLS.KeyFile} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
}
