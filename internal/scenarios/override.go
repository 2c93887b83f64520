package scenarios

import (
	"fmt"
	"net/textproto"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Override is a command-line setting applied to a scenario after its file
// is read and before it is checked, so that a flag fills in or replaces what
// the file gives and the scenario is judged as it will run. A problem with a
// field an override set names the override's flag; every other problem
// still points at the file's line.
type Override struct {
	// Flag names the setting in errors, e.g. "--rate".
	Flag string
	// Sets lists the field paths Apply may change ("load.rate").
	Sets []string
	// Apply changes the scenario; its error (a value that does not parse)
	// is reported naming Flag.
	Apply func(s *Scenario) error
}

// flagged maps the field paths set by overrides to the flag that set them.
type flagged map[string]string

// apply runs the overrides on s in order and records the fields they set;
// a failed override's fields are marked bad, so checks that would only
// repeat its error stay quiet.
func (d *decoder) apply(s *Scenario, ovs []Override) {
	for _, o := range ovs {
		if err := o.Apply(s); err != nil {
			d.errs = append(d.errs, &Error{Flag: o.Flag, Msg: oneLine(err.Error())})
			for _, f := range o.Sets {
				d.bad[f] = true
			}
			continue
		}
		for _, f := range o.Sets {
			d.flags[f] = o.Flag
		}
	}
}

// flagOf is the flag that set field or the nearest enclosing field, or "".
// A set path may name every item of a list with "[]": "load.stages[].duration".
func (d *decoder) flagOf(field string) string {
	for f := field; f != ""; f = parent(f) {
		if fl, ok := d.flags[f]; ok {
			return fl
		}
		if fl, ok := d.flags[anyItem.ReplaceAllString(f, "[]")]; ok {
			return fl
		}
	}
	return ""
}

// anyItem matches a list index in a field path.
var anyItem = regexp.MustCompile(`\[\d+\]`)

// DurationFlag sets load.duration from flag's text. A staged ramp is
// scaled to the new duration, keeping its shape (each stage keeps its share
// of the total); with RateFlag too there are no stages left to scale.
func DurationFlag(flag, text string) Override {
	return Override{Flag: flag, Sets: []string{"load.duration", "load.stages[].duration"}, Apply: func(s *Scenario) error {
		d, err := ParseDuration(text)
		if err != nil {
			return err
		}
		s.Load.Duration = d
		s.Load.Stages = scaleStages(s.Load.Stages, d)
		return nil
	}}
}

// scaleStages stretches or shrinks the stages so that they add up to d;
// the last stage takes the rounding remainder.
func scaleStages(stages []Stage, d time.Duration) []Stage {
	total := LoadConfig{Stages: stages}.StagesDuration()
	if len(stages) == 0 || total <= 0 || d <= 0 {
		return stages
	}
	out := make([]Stage, len(stages))
	var sum time.Duration
	factor := float64(d) / float64(total)
	for i, st := range stages {
		out[i] = Stage{Duration: time.Duration(float64(max(st.Duration, 0)) * factor), Target: st.Target}
		if i == len(stages)-1 {
			out[i].Duration = d - sum
		}
		sum += out[i].Duration
	}
	return out
}

// RateFlag sets a constant load.rate from flag's text, replacing the
// file's stages.
func RateFlag(flag, text string) Override {
	return Override{Flag: flag, Sets: []string{"load.rate", "load.stages"}, Apply: func(s *Scenario) error {
		r, err := ParseRate(text)
		if err != nil {
			return err
		}
		s.Load.Rate, s.Load.Stages = r, nil
		return nil
	}}
}

// ModeFlag switches load.mode. Another mode gets its own default
// concurrency (a later --concurrency replaces it); closed mode drops the
// file's open-loop schedule (rate and stages) unless keepRate (--rate was
// given too, and caps the workers).
func ModeFlag(flag, text string, keepRate bool) Override {
	return Override{Flag: flag, Sets: []string{"load.mode", "load.concurrency", "load.rate"}, Apply: func(s *Scenario) error {
		m := Mode(text)
		if m == s.Load.Mode {
			return nil
		}
		s.Load.Mode = m
		s.Load.Concurrency = DefaultConcurrency(m)
		if m == ModeClosed && !keepRate {
			s.Load.Rate, s.Load.Stages = Rate{}, nil
		}
		return nil
	}}
}

// TargetFlag replaces the target with a spec such as inproc:decode; the
// file's timeout and headers are kept.
func TargetFlag(flag, spec string) Override {
	return Override{Flag: flag, Sets: []string{"target"}, Apply: func(s *Scenario) error {
		t, err := ParseTarget(spec)
		if err != nil {
			return err
		}
		t.Timeout = s.Target.Timeout
		t.Headers, t.Raw = s.Target.Headers, s.Target.Raw
		s.Target = t
		return nil
	}}
}

// DurationFieldFlag sets the duration field (target.timeout via dst) from
// flag's text, read as the file reads durations.
func DurationFieldFlag(flag, field string, dst func(s *Scenario) *time.Duration, text string) Override {
	return Override{Flag: flag, Sets: []string{field}, Apply: func(s *Scenario) error {
		d, err := ParseDuration(text)
		if err != nil {
			return err
		}
		*dst(s) = d
		return nil
	}}
}

// CheckFlag is an override that changes nothing but reports check's error
// naming flag, so that a flag the scenario does not hold (a threshold, a
// flag that needs a mode) is judged with everything else.
func CheckFlag(flag string, check func(s *Scenario) error) Override {
	return Override{Flag: flag, Apply: check}
}

// HeaderFlag adds request headers given as "Name: value" (curl's and
// vegeta's spelling). Their values are never printed: Redacted shows them
// as REDACTED, and errors name only the header.
func HeaderFlag(flag string, lines []string) Override {
	return Override{Flag: flag, Sets: []string{"target.headers"}, Apply: func(s *Scenario) error {
		t := &s.Target
		for _, line := range lines {
			name, value, ok := strings.Cut(line, ":")
			name = strings.TrimSpace(name)
			if !ok || !isToken(name) {
				return fmt.Errorf("want 'Name: value', e.g. -H 'X-CFF-Auth-Token: ...'; got a line without a valid name before ':'")
			}
			name = textproto.CanonicalMIMEHeaderKey(name)
			if t.Headers == nil {
				t.Headers = map[string]string{}
			}
			if t.Raw == nil {
				t.Raw = map[string]string{}
			}
			t.Headers[name] = strings.TrimSpace(value)
			t.Raw["headers."+name] = redactedValue
		}
		return nil
	}}
}

// ValueFlag sets one field with a value the flag already parsed (--seed,
// --partitions, --batch, --concurrency, --max-events, --on-full, --poll).
func ValueFlag[T any](flag, field string, dst func(s *Scenario) *T, v T) Override {
	return Override{Flag: flag, Sets: []string{field}, Apply: func(s *Scenario) error {
		*dst(s) = v
		return nil
	}}
}

// ParseDuration reads a Go duration such as 30s or 1m30s, with the
// scenario file's messages: a bare number is told to add a unit, anything
// else is shown with examples.
func ParseDuration(text string) (time.Duration, error) {
	v, err := time.ParseDuration(strings.TrimSpace(text))
	if err == nil {
		return v, nil
	}
	return 0, durationError(text)
}

// durationError explains why text is not a duration.
func durationError(text string) error {
	t := strings.TrimSpace(text)
	if _, err := strconv.ParseFloat(t, 64); err == nil {
		return fmt.Errorf("duration %s has no unit: write e.g. %ss or %sms", t, t, t)
	}
	return fmt.Errorf("bad duration %q: want e.g. 30s, 1m30s, 500ms", text)
}
