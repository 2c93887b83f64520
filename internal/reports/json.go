package reports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// SummaryFile is the name of the summary inside a result directory.
const SummaryFile = "summary.json"

// WriteJSON writes the summary as indented JSON (summary.json).
func (s *Summary) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s.Redacted())
}

// ReadSummary reads a summary.json, given its path or the result directory
// holding it.
func ReadSummary(path string) (*Summary, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read summary: %w", err)
	}
	if info.IsDir() {
		path = filepath.Join(path, SummaryFile)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read summary: %w", err)
	}
	return ParseSummary(path, data)
}

// ParseSummary decodes summary.json content; errors start with
// "name:line:col: " where the position is known, else with "name: ".
func ParseSummary(name string, data []byte) (*Summary, error) {
	var s Summary
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, jsonError(name, data, err)
	}
	if s.Schema != Schema {
		if s.Schema == "" {
			return nil, fmt.Errorf("%s: not a disload summary: no \"schema\" (want %q)", name, Schema)
		}
		return nil, fmt.Errorf("%s: schema %q is not supported (want %q)", name, s.Schema, Schema)
	}
	if err := s.check(name); err != nil {
		return nil, err
	}
	s.fillPercentiles()
	s.SetLengths()
	if s.Errors == nil {
		s.Errors = map[string]int64{}
	}
	if s.ErrorSamples == nil {
		s.ErrorSamples = map[string][]string{}
	}
	if s.Thresholds == nil {
		s.Thresholds = []ThresholdResult{}
	}
	if s.Intervals == nil {
		s.Intervals = []IntervalFigures{}
	}
	for i := range s.Intervals {
		if s.Intervals[i].Errors == nil {
			s.Intervals[i].Errors = map[string]int64{}
		}
	}
	return &s, nil
}

// jsonError turns a decoding error into "name:line:col: problem".
func jsonError(name string, data []byte, err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Errorf("%s:%s: %w", name, position(data, syn.Offset-1), err)
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Errorf("%s:%s: %s: got JSON %s, want %s", name, position(data, typ.Offset),
			typ.Field, typ.Value, typ.Type)
	}
	var tim *time.ParseError
	if errors.As(err, &tim) { // the only time in a summary
		return fmt.Errorf("%s: started: %w", name, err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// position returns the 1-based line:col of a byte offset.
func position(data []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("%d:%d", line, col)
}
