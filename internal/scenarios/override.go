package scenarios

import (
	"fmt"
	"net/textproto"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Override is a command-line setting applied to a scenario after its file
// is read and before it is checked, so that a flag fills in or replaces what
// the file gives and the scenario is judged as it will run. A problem with a
// field an override set (or changed in passing) names the override's flag;
// every other problem still points at the file's line.
type Override struct {
	// Flag names the setting in errors, e.g. "--rate".
	Flag string
	// Sets lists the field paths the flag gives ("load.rate"): a problem
	// there is the flag's.
	Sets []string
	// Affects lists the field paths Apply may change in passing (--mode
	// resets load.concurrency, --rate drops load.stages): the flag's only
	// when Apply changed something, so that --mode open on an open file
	// claims nothing.
	Affects []string
	// Apply changes the scenario; its error (a value that does not parse)
	// is reported naming Flag.
	Apply func(s *Scenario) error
}

// flagged maps the field paths set by overrides to the flag that set them.
type flagged map[string]string

// apply runs the overrides on s in order and records the fields they
// set; a failed override's fields are marked bad, so checks that would
// only repeat its error stay quiet.
func (d *decoder) apply(s *Scenario, ovs []Override) {
	for _, o := range ovs {
		all := slices.Concat(o.Sets, o.Affects)
		before := writtenAll(s, all)
		if err := o.Apply(s); err != nil {
			d.errs = append(d.errs, &Error{Flag: o.Flag, Msg: oneLine(err.Error())})
			for _, f := range all {
				d.bad[f] = true
			}
			continue
		}
		claimed := o.Sets
		if !slices.Equal(before, writtenAll(s, all)) {
			claimed = all
		}
		for _, f := range claimed {
			d.flags[f] = o.Flag
		}
	}
}

// writtenAll is each field at paths as a file writes it.
func writtenAll(s *Scenario, paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i], _ = written(s, p)
	}
	return out
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
	return Override{Flag: flag, Sets: []string{"load.duration"}, Affects: []string{"load.stages[].duration"}, Apply: func(s *Scenario) error {
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
	return Override{Flag: flag, Sets: []string{"load.rate"}, Affects: []string{"load.stages"}, Apply: func(s *Scenario) error {
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
	return Override{Flag: flag, Affects: []string{"load.mode", "load.concurrency", "load.rate", "load.stages"}, Apply: func(s *Scenario) error {
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

// DurationFieldFlag sets the duration field at path ("target.timeout")
// from flag's text, read as the file reads durations.
func DurationFieldFlag(flag, path, text string) Override {
	return Override{Flag: flag, Sets: []string{path}, Apply: func(s *Scenario) error {
		d, err := ParseDuration(text)
		if err != nil {
			return err
		}
		return setField(s, path, d)
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

// ValueFlag sets the field at path ("stream.partitions", as the file
// spells it) to a value the flag already parsed (--seed, --partitions,
// --batch, --concurrency, --max-events, --on-full). v's type must be the
// field's (int for stream.partitions, OnFull for load.on_full).
func ValueFlag[T any](flag, path string, v T) Override {
	return Override{Flag: flag, Sets: []string{path}, Apply: func(s *Scenario) error {
		return setField(s, path, v)
	}}
}

// setField sets the field at path of s to v through the schema.
func setField[T any](s *Scenario, path string, v T) error {
	f, ok := lookup(s, path)
	if p, isT := f.ptr.(*T); ok && isT {
		*p = v
		return nil
	}
	return fmt.Errorf("internal error: the scenario has no field %s of type %T", path, v)
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
