package scenarios

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"

	yaml "go.yaml.in/yaml/v3"
)

// yamlLine matches the position in a yaml error: "yaml: line 3: msg".
var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// syntax records a YAML syntax error at its line (the parser gives no
// column, so it points at the line's first non-blank character).
func (d *decoder) syntax(data []byte, err error) {
	line, msg := yamlError(err)
	line = problemLine(data, line, msg)
	d.errs = append(d.errs, &Error{
		File: d.file, Line: line, Col: firstColumn(data, line),
		Msg: "syntax error: " + oneLine(msg),
	})
}

// yamlError splits a go-yaml error into its line (1 when it names none)
// and its message.
func yamlError(err error) (line int, msg string) {
	line, msg = 1, err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		msg = m[2]
		if n, convErr := strconv.Atoi(m[1]); convErr == nil && n > 0 {
			line = n
		}
	}
	return line, msg
}

// problemLine finds the line of a syntax error that go-yaml reported at
// line with msg. go-yaml names the line where the enclosing block starts
// (its "context"), not the line at fault: for a key indented one space too
// little, the mapping's first key. The line at fault is the first whose
// inclusion makes the document fail with the same message: the smallest k
// for which the first k lines fail so, found by bisection (a prefix that
// holds the bad line fails at it, one that does not parses).
func problemLine(data []byte, line int, msg string) int {
	ends := lineEnds(data)
	fails := func(k int) bool { return prefixFails(data[:ends[k-1]], msg) }
	lo, hi := line, len(ends)
	if lo >= hi || !fails(hi) {
		return line
	}
	for lo < hi {
		mid := lo + (hi-lo)/2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// lineEnds lists the offset just past each line of data.
func lineEnds(data []byte) []int {
	var ends []int
	for i, b := range data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		ends = append(ends, len(data))
	}
	return ends
}

// prefixFails reports whether the YAML documents in data fail to parse
// with the message msg.
func prefixFails(data []byte, msg string) bool {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if err == nil {
			continue
		}
		if errors.Is(err, io.EOF) {
			return false
		}
		_, m := yamlError(err)
		return m == msg
	}
}

// firstColumn is the 1-based column of the first non-blank byte of line.
func firstColumn(data []byte, line int) int {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return 1
	}
	text := lines[line-1]
	return len(text) - len(bytes.TrimLeft(text, " \t")) + 1
}
