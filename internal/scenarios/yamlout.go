package scenarios

import (
	"bytes"
	"fmt"

	yaml "go.yaml.in/yaml/v3"
)

// YAML writes the scenario, redacted (see Redacted), in the file format
// with every default spelled out, by the schema's tables (rootFields); Parse
// reads it back to the same scenario.
func (s *Scenario) YAML() ([]byte, error) {
	return yamlOf(rootFields(s.Redacted()).node())
}

// yamlOf writes doc as scenario files are written (two-space indents).
func yamlOf(doc *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Summary is a one-line description of the scenario for progress output,
// e.g. "clicks: open 500/s for 30s, 4 partitions × batch 100 → inproc:decode".
func (s *Scenario) Summary() string {
	rate := "unpaced"
	if p := s.Load.PeakRate(); !p.IsZero() {
		rate = p.String()
	}
	if s.Load.Mode == ModeTrigger {
		rate += " records"
	}
	return fmt.Sprintf("%s: %s %s for %v, %d partitions × batch %d → %s", s.Name, s.Load.Mode, rate,
		s.Load.Duration, s.Stream.Partitions, s.Batch.Size, s.Target.Spec())
}
