package reports

import (
	"github.com/disload/disload/internal/redact"
)

// Redacted returns a copy of the summary that is safe to write: the
// target's URL with its query values and password masked (redact.URL),
// and every URL in the error samples, the rate note and the scenario's
// YAML masked the same way. Every writer of a summary (summary.json, the
// table, report.html, compare) writes through it.
func (s *Summary) Redacted() *Summary {
	c := *s
	c.Target = redact.URL(s.Target)
	c.ScenarioYAML = redact.Text(s.ScenarioYAML)
	c.RateNote = redact.Text(s.RateNote)
	if s.ErrorSamples != nil {
		c.ErrorSamples = make(map[string][]string, len(s.ErrorSamples))
		for class, msgs := range s.ErrorSamples {
			safe := make([]string, len(msgs))
			for i, m := range msgs {
				safe[i] = redact.Text(m)
			}
			c.ErrorSamples[class] = safe
		}
	}
	return &c
}
