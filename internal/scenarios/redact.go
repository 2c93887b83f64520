package scenarios

import (
	"maps"
	"slices"
	"strings"
)

// redactedValue replaces a secret that was written literally in a file.
const redactedValue = "REDACTED"

// Redacted returns a deep copy of s that is safe to print or store: values
// that referenced ${VARS} show the reference instead of the secret, every
// other header value (headers carry credentials under any name) and the
// values of env and userdata under sensitive names (*token*, *secret*,
// *key*, *password*, ...) read "REDACTED", and a URL's password is masked.
func (s *Scenario) Redacted() *Scenario {
	c := s.Clone()
	t := &c.Target
	for _, m := range []struct {
		section string
		values  map[string]string
	}{{"headers", t.Headers}, {"env", t.Env}, {"userdata", t.Userdata}} {
		for k := range m.values {
			if raw, ok := t.Raw[m.section+"."+k]; ok {
				m.values[k] = raw
			} else if m.section == "headers" || sensitive(k) {
				m.values[k] = redactedValue
			}
		}
	}
	t.URL = redactURL(t.URL)
	return c
}

// sensitiveWords mark a header or variable name whose value is a secret.
var sensitiveWords = []string{"auth", "token", "secret", "passw", "key", "cookie", "credential", "signature"}

// sensitive reports whether a header or variable name suggests a secret.
func sensitive(name string) bool {
	n := strings.ToLower(name)
	return slices.ContainsFunc(sensitiveWords, func(w string) bool { return strings.Contains(n, w) })
}

// Clone returns a deep copy of s.
func (s *Scenario) Clone() *Scenario {
	c := *s
	c.Stream.Topics = slices.Clone(s.Stream.Topics)
	c.Records.Kinds = slices.Clone(s.Records.Kinds)
	c.Load.Stages = slices.Clone(s.Load.Stages)
	c.Thresholds = slices.Clone(s.Thresholds)
	c.AbortThresholds = slices.Clone(s.AbortThresholds)
	c.Target = s.Target.Clone()
	return &c
}

// Clone returns a deep copy of t.
func (t Target) Clone() Target {
	t.Args = slices.Clone(t.Args)
	t.Headers = maps.Clone(t.Headers)
	t.Env = maps.Clone(t.Env)
	t.Userdata = maps.Clone(t.Userdata)
	t.Raw = maps.Clone(t.Raw)
	return t
}
