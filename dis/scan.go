package dis

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// scanner walks JSON that encoding/json has already found valid, keeping
// the byte offset of every value. It never sees invalid input, so it does
// not check the grammar.
type scanner struct {
	data []byte
	pos  int
}

// firstValue checks that data holds exactly one JSON value (and whitespace)
// and returns its end, or a Problem for invalid JSON or trailing data.
func firstValue(data []byte) (int, *Problem) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return 0, syntaxProblem(err, len(data))
	}
	end := int(dec.InputOffset())
	rest := skipSpace(data, end)
	if rest < len(data) {
		return 0, &Problem{Msg: fmt.Sprintf("trailing data after the event: %q", abbrev(string(data[rest:]))), Offset: int64(rest)}
	}
	return end, nil
}

// syntaxProblem words a json.Decoder error as a Problem.
func syntaxProblem(err error, size int) *Problem {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return &Problem{Msg: "not JSON: " + se.Error(), Offset: max(se.Offset-1, 0)}
	case err == io.EOF:
		return &Problem{Msg: "not JSON: empty input", Offset: 0}
	case err == io.ErrUnexpectedEOF:
		return &Problem{Msg: "not JSON: unexpected end of input", Offset: int64(size)}
	}
	return &Problem{Msg: "not JSON: " + err.Error(), Offset: -1}
}

// skipSpace returns the offset of the first non-whitespace byte at or after i.
func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// peek skips whitespace and returns the next byte (0 at the end).
func (s *scanner) peek() byte {
	s.pos = skipSpace(s.data, s.pos)
	if s.pos >= len(s.data) {
		return 0
	}
	return s.data[s.pos]
}

// kind names the JSON type of the value at the current position.
func (s *scanner) kind() string {
	switch s.peek() {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// str reads the string at the current position (which must be one) and
// returns its value as encoding/json decodes it.
func (s *scanner) str() string {
	start := s.pos
	plain := true
	i := start + 1
	for ; s.data[i] != '"'; i++ {
		switch c := s.data[i]; {
		case c == '\\':
			plain = false
			i++
		case c >= 0x80:
			plain = false
		}
	}
	s.pos = i + 1
	if plain {
		return string(s.data[start+1 : i])
	}
	var v string
	_ = json.Unmarshal(s.data[start:s.pos], &v) // valid JSON string: cannot fail
	return v
}

// skip moves past the value at the current position.
func (s *scanner) skip() {
	switch s.peek() {
	case '"':
		s.str()
	case '{':
		s.members(func(string, int) { s.skip() })
	case '[':
		s.elements(func(int) { s.skip() })
	default:
		for s.pos < len(s.data) && bytes.IndexByte([]byte(",]} \t\r\n"), s.data[s.pos]) < 0 {
			s.pos++
		}
	}
}

// members walks the object at the current position, calling fn with each
// key and the key's offset; fn is called with the scanner at the member's
// value and must consume it.
func (s *scanner) members(fn func(key string, off int)) {
	s.peek()
	s.pos++ // '{'
	for s.peek() != '}' {
		off := s.pos
		key := s.str()
		s.peek()
		s.pos++ // ':'
		s.peek()
		fn(key, off)
		if s.peek() == ',' {
			s.pos++
		}
	}
	s.pos++
}

// elements walks the array at the current position, calling fn with each
// index and the scanner at the element, which fn must consume.
func (s *scanner) elements(fn func(i int)) {
	s.peek()
	s.pos++ // '['
	for i := 0; s.peek() != ']'; i++ {
		fn(i)
		if s.peek() == ',' {
			s.pos++
		}
	}
	s.pos++
}
