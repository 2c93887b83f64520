package scenarios

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

// bare is a scenario file with only a name and a target: every load
// setting must come from its defaults or the flags.
const bare = "name: bare\ntarget: {type: inproc, name: decode}\n"

// staged ramps over two stages, 10s and 30s.
const staged = "load:\n  rate: 100/s\n  stages:\n    - {duration: 10s, target: 1000/s}\n    - {duration: 30s, target: 2000/s}\n"

func concurrency(c int) Override {
	return ValueFlag("--concurrency", "load.concurrency", c)
}

// TestOverridesBeforeCheck: flags fill in and replace the file's settings
// before the scenario is judged.
func TestOverridesBeforeCheck(t *testing.T) {
	tests := []struct {
		name string
		file string
		ovs  []Override
		want func(s *Scenario) string // "" when s is as expected
	}{
		{"rate fills a file without one", bare, []Override{RateFlag("-r", "50/s"), DurationFlag("-d", "1s")},
			func(s *Scenario) string {
				return expect(s.Load.Rate.PerSecond == 50 && s.Load.Duration == time.Second, "rate %v duration %v", s.Load.Rate, s.Load.Duration)
			}},
		{"closed mode needs no rate", bare, []Override{ModeFlag("--mode", "closed", false), concurrency(2)},
			func(s *Scenario) string {
				return expect(s.Load.Mode == ModeClosed && s.Load.Concurrency == 2, "mode %v concurrency %d", s.Load.Mode, s.Load.Concurrency)
			}},
		{"closed mode drops the stages", staged, []Override{ModeFlag("--mode", "closed", false), concurrency(4), DurationFlag("-d", "1s")},
			func(s *Scenario) string {
				return expect(len(s.Load.Stages) == 0 && s.Load.Rate.IsZero() && s.Load.Duration == time.Second,
					"stages %v rate %v duration %v", s.Load.Stages, s.Load.Rate, s.Load.Duration)
			}},
		{"closed mode keeps --rate as a cap", staged, []Override{RateFlag("-r", "20/s"), ModeFlag("--mode", "closed", true)},
			func(s *Scenario) string {
				return expect(len(s.Load.Stages) == 0 && s.Load.Rate.PerSecond == 20, "stages %v rate %v", s.Load.Stages, s.Load.Rate)
			}},
		{"duration scales the stages", staged, []Override{DurationFlag("-d", "4s")},
			func(s *Scenario) string {
				st := s.Load.Stages
				return expect(len(st) == 2 && st[0].Duration == time.Second && st[1].Duration == 3*time.Second &&
					st[1].Target.PerSecond == 2000 && s.Load.Duration == 4*time.Second, "stages %v duration %v", st, s.Load.Duration)
			}},
		{"rate replaces the stages", staged, []Override{RateFlag("-r", "70/s"), DurationFlag("-d", "2s")},
			func(s *Scenario) string {
				return expect(len(s.Load.Stages) == 0 && s.Load.Rate.PerSecond == 70 && s.Load.Duration == 2*time.Second,
					"stages %v rate %v duration %v", s.Load.Stages, s.Load.Rate, s.Load.Duration)
			}},
		{"target keeps the file's timeout and headers",
			"target: {type: http, url: 'http://127.0.0.1:1/', timeout: 7s, headers: {X-A: b}}\nload: {rate: 5/s}\n",
			[]Override{TargetFlag("-t", "function:./fn")},
			func(s *Scenario) string {
				return expect(s.Target.Type == TargetFunction && s.Target.Timeout == 7*time.Second && s.Target.Headers["X-A"] == "b",
					"target %+v", s.Target)
			}},
		{"header and timeout", bare + "load: {rate: 5/s}\n",
			[]Override{TargetFlag("-t", "rpc://127.0.0.1:9"), HeaderFlag("-H", []string{"x-cff-auth-token: s3cret ", "X-Plain:v"}),
				DurationFieldFlag("--timeout", "target.timeout", "250ms")},
			func(s *Scenario) string {
				h := s.Target.Headers
				return expect(h["X-Cff-Auth-Token"] == "s3cret" && h["X-Plain"] == "v" && s.Target.Timeout == 250*time.Millisecond,
					"headers %v timeout %v", h, s.Target.Timeout)
			}},
	}
	for _, tc := range tests {
		s, err := Parse("f.yaml", []byte(tc.file), tc.ovs...)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if msg := tc.want(s); msg != "" {
			t.Errorf("%s: %s", tc.name, msg)
		}
	}
}

var errTest = errors.New("test")

func expect(ok bool, format string, args ...any) string {
	if ok {
		return ""
	}
	return "got " + strings.TrimSpace(fmt.Sprintf(format, args...))
}

// TestOverrideErrors: a problem with what a flag set names the flag; a
// problem of the file still points at its line.
func TestOverrideErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		ovs  []Override
		want []string
	}{
		{"zero rate", bare, []Override{RateFlag("-r", "0/s")}, []string{"-r: load.rate: open mode needs a rate above 0"}},
		{"bad rate", bare, []Override{RateFlag("-r", "fast")}, []string{`-r: bad rate "fast"`}},
		{"duration with a space", bare, []Override{RateFlag("-r", "5/s"), DurationFlag("-d", "10 sec")},
			[]string{`-d: bad duration "10 sec": want e.g. 30s, 1m30s, 500ms`}},
		{"duration without unit", bare, []Override{RateFlag("-r", "5/s"), DurationFlag("-d", "10")},
			[]string{"-d: duration 10 has no unit: write e.g. 10s or 10ms"}},
		{"negative duration", bare, []Override{RateFlag("-r", "5/s"), DurationFlag("-d", "-1s")},
			[]string{"-d: load.duration: must be above 0, got -1s"}},
		{"file fault stays the file's", "load:\n  rate: 5/s\n  on_full: drop\n", []Override{ModeFlag("--mode", "closed", false)},
			[]string{"f.yaml:3:3: load.on_full: closed mode never drops"}},
		{"both", "load:\n  grace: -1s\n", []Override{RateFlag("-r", "5/s"), concurrency(0)},
			[]string{"--concurrency: load.concurrency: must be at least 1, got 0", "f.yaml:2:3: load.grace: must not be negative"}},
		{"file's stages stay the file's", "load:\n  stages:\n    - {duration: 1s, target: 0/s}\n", []Override{DurationFlag("-d", "2s")},
			[]string{"f.yaml:2:3: load.stages: every stage's target is 0/s and so is load.rate"}},
		{"scaled to nothing", staged, []Override{DurationFlag("-d", "1ns")},
			[]string{"-d: load.stages[0].duration: must be above 0, got 0s"}},
		{"header without name", bare, []Override{RateFlag("-r", "5/s"), HeaderFlag("-H", []string{"no colon secret"})},
			[]string{"-H: want 'Name: value'"}},
		{"header line break", bare, []Override{RateFlag("-r", "5/s"), TargetFlag("-t", "rpc://127.0.0.1:9"), HeaderFlag("-H", []string{"X-A: a\x00b"})},
			[]string{"-H: target.headers.X-A: a header value must not contain line breaks"}},
		{"mode already the file's claims nothing", "load:\n  mode: trigger\n", []Override{ModeFlag("--mode", "trigger", false)},
			[]string{"f.yaml:1:1: load.rate: trigger mode needs a rate above 0"}},
		{"another mode claims the rate it needs", "load:\n  mode: closed\n", []Override{ModeFlag("--mode", "open", false)},
			[]string{"--mode: load.rate: open mode needs a rate above 0"}},
		{"rate equal to the default is the flag's", bare, []Override{RateFlag("-r", "0/s")},
			[]string{"-r: load.rate: open mode needs a rate above 0"}},
		{"check flag", bare, []Override{RateFlag("-r", "5/s"), CheckFlag("--find-max", func(*Scenario) error { return errTest })},
			[]string{"--find-max: test"}},
	}
	for _, tc := range tests {
		_, err := Parse("f.yaml", []byte(tc.file), tc.ovs...)
		if err == nil {
			t.Errorf("%s: no error, want %q", tc.name, tc.want)
			continue
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) != len(tc.want) {
			t.Errorf("%s: %d problems, want %d:\n%v", tc.name, len(lines), len(tc.want), err)
			continue
		}
		for i, w := range tc.want {
			if !strings.HasPrefix(lines[i], w) {
				t.Errorf("%s: problem %d\n%s\nwant it to start with\n%s", tc.name, i, lines[i], w)
			}
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: a header value is in the error: %v", tc.name, err)
		}
		flagsOnly := !strings.Contains(err.Error(), "f.yaml:")
		if l := err.(ErrorList); l.FlagsOnly() != flagsOnly {
			t.Errorf("%s: FlagsOnly %v, want %v", tc.name, l.FlagsOnly(), flagsOnly)
		}
	}
}

// TestOverrideTargetPathFromWorkingDir: a function path given by a flag is
// relative to the working directory, the file's own to the file's folder.
func TestOverrideTargetPathFromWorkingDir(t *testing.T) {
	s, err := parse("dir/f.yaml", []byte("target: {type: function, path: ./a}\nload: {rate: 5/s}\n"), input{lookup: testEnv, dir: "dir"})
	if err != nil || s.Target.Path != "dir/a" {
		t.Fatalf("file path %q, %v; want dir/a", s.Target.Path, err)
	}
	s, err = parse("dir/f.yaml", []byte("load: {rate: 5/s}\n"), input{lookup: testEnv, dir: "dir", ovs: []Override{TargetFlag("-t", "function:./b")}})
	if err != nil || s.Target.Path != "./b" {
		t.Fatalf("flag path %q, %v; want ./b", s.Target.Path, err)
	}
}

// TestHeaderFlagRedacted: a header given on the command line never shows
// in the printed scenario.
func TestHeaderFlagRedacted(t *testing.T) {
	s, err := Parse("f.yaml", []byte(bare+"load: {rate: 5/s}\n"), TargetFlag("-t", "http://127.0.0.1:1/"),
		HeaderFlag("-H", []string{"X-Plain: sk-live-123"}))
	if err != nil {
		t.Fatal(err)
	}
	y, err := s.YAML()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(y), "sk-live-123") || !strings.Contains(string(y), "X-Plain: REDACTED") {
		t.Errorf("YAML shows the header's value or not its name:\n%s", y)
	}
}

func FuzzHeaderFlag(f *testing.F) {
	f.Add("X-CFF-Auth-Token: abc")
	f.Add(":v")
	f.Add("A b: c")
	f.Add("x:\r\ny")
	f.Fuzz(func(t *testing.T, line string) {
		s := Default()
		err := HeaderFlag("-H", []string{line}).Apply(s)
		fixed := HeaderFlag("-H", []string{"no colon"}).Apply(Default())
		if err != nil && err.Error() != fixed.Error() {
			t.Fatalf("error %q depends on the line, which may hold a secret", err)
		}
		if err == nil && len(s.Target.Headers) != 1 {
			t.Fatalf("headers %v, want one", s.Target.Headers)
		}
	})
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"10s", "10 sec", "10", "1.5", "-1s", "1h2m", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d, err := ParseDuration(text)
		if want, werr := time.ParseDuration(strings.TrimSpace(text)); (err == nil) != (werr == nil) || d != want {
			t.Fatalf("ParseDuration(%q) = %v, %v; time.ParseDuration %v, %v", text, d, err, want, werr)
		}
	})
}

// flagLine matches a problem line that names a flag of FuzzOverrides.
var flagLine = regexp.MustCompile(`^(-r|-d|--mode|-t|-H|--timeout): `)

// FuzzOverrides: any file with any flag values loads or gives problems,
// each naming the file's position or a flag, and a loaded scenario is
// valid.
func FuzzOverrides(f *testing.F) {
	f.Add([]byte(bare), "50/s", "1s", "closed", "inproc:decode", "X-A: b", "3s")
	f.Add([]byte(staged), "0/s", "10 sec", "open", "function:", "bad", "-1s")
	f.Add([]byte("load: {rate: 5/s, on_full: drop}\n"), "", "0s", "closed", "rpc://h:1", ":", "1")
	f.Fuzz(func(t *testing.T, data []byte, rate, dur, mode, target, header, timeout string) {
		s, err := parse("fuzz.yaml", data, input{lookup: testEnv, ovs: []Override{
			RateFlag("-r", rate), DurationFlag("-d", dur), ModeFlag("--mode", mode, true), TargetFlag("-t", target),
			HeaderFlag("-H", []string{header}),
			DurationFieldFlag("--timeout", "target.timeout", timeout),
		}})
		if err == nil {
			if verr := s.Validate(); verr != nil {
				t.Fatalf("loaded scenario fails Validate: %v", verr)
			}
			return
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if !positionLine.MatchString(line) && !flagLine.MatchString(line) {
				t.Fatalf("problem naming neither a position nor a flag: %q", line)
			}
		}
	})
}
