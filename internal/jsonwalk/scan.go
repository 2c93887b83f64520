package jsonwalk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Scanner walks JSON that encoding/json has already found valid, keeping
// the byte offset of every value. It never sees invalid input, so it does
// not check the grammar.
type Scanner struct {
	Data []byte // the JSON, valid as encoding/json reads it
	Pos  int    // byte offset of the next value
}

// FirstValue checks that data holds exactly one JSON value (and whitespace)
// and returns its end, or a Problem for invalid JSON or trailing data.
func FirstValue(data []byte) (int, *Problem) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return 0, syntaxProblem(err, len(data))
	}
	end := int(dec.InputOffset())
	rest := SkipSpace(data, end)
	if rest < len(data) {
		return 0, &Problem{Msg: fmt.Sprintf("trailing data after the event: %q", Abbrev(string(data[rest:]))), Offset: int64(rest)}
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

// SkipSpace returns the offset of the first non-whitespace byte at or after i.
func SkipSpace(data []byte, i int) int {
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

// Peek skips whitespace and returns the next byte (0 at the end).
func (s *Scanner) Peek() byte {
	s.Pos = SkipSpace(s.Data, s.Pos)
	if s.Pos >= len(s.Data) {
		return 0
	}
	return s.Data[s.Pos]
}

// Kind names the JSON type of the value at the current position.
func (s *Scanner) Kind() string {
	switch s.Peek() {
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

// Str reads the string at the current position (which must be one) and
// returns its value as encoding/json decodes it.
func (s *Scanner) Str() string {
	start := s.Pos
	plain := true
	i := start + 1
	for ; s.Data[i] != '"'; i++ {
		switch c := s.Data[i]; {
		case c == '\\':
			plain = false
			i++
		case c >= 0x80:
			plain = false
		}
	}
	s.Pos = i + 1
	if plain {
		return string(s.Data[start+1 : i])
	}
	var v string
	_ = json.Unmarshal(s.Data[start:s.Pos], &v) // valid JSON string: cannot fail
	return v
}

// Skip moves past the value at the current position.
func (s *Scanner) Skip() {
	switch s.Peek() {
	case '"':
		s.Str()
	case '{':
		s.Members(func(string, int) { s.Skip() })
	case '[':
		s.Elements(func(int) { s.Skip() })
	default:
		for s.Pos < len(s.Data) && bytes.IndexByte([]byte(",]} \t\r\n"), s.Data[s.Pos]) < 0 {
			s.Pos++
		}
	}
}

// Members walks the object at the current position, calling fn with each
// key and the key's offset; fn is called with the Scanner at the member's
// value and must consume it.
func (s *Scanner) Members(fn func(key string, off int)) {
	s.Peek()
	s.Pos++ // '{'
	for s.Peek() != '}' {
		off := s.Pos
		key := s.Str()
		s.Peek()
		s.Pos++ // ':'
		s.Peek()
		fn(key, off)
		if s.Peek() == ',' {
			s.Pos++
		}
	}
	s.Pos++
}

// Elements walks the array at the current position, calling fn with each
// index and the Scanner at the element, which fn must consume.
func (s *Scanner) Elements(fn func(i int)) {
	s.Peek()
	s.Pos++ // '['
	for i := 0; s.Peek() != ']'; i++ {
		fn(i)
		if s.Peek() == ',' {
			s.Pos++
		}
	}
	s.Pos++
}
