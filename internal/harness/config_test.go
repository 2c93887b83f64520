package harness

import (
	"strings"
	"testing"
	"time"
)

func TestConfigValidate(t *testing.T) {
	ok := Config{Pacer: ConstantPacer{100}, Duration: time.Second, Concurrency: 1}
	for _, tc := range []struct {
		name string
		cfg  Config
		want []string // each must appear; none means valid
	}{
		{"valid open", ok, nil},
		{"valid closed", Config{Mode: Closed, MaxEvents: 10, Concurrency: 4}, nil},
		{"valid closed with cap", Config{Mode: Closed, Pacer: ConstantPacer{5}, Duration: time.Second, Concurrency: 4}, nil},
		{"empty", Config{}, []string{"rate: required in open mode", "duration: a duration or a maximum number of events is required",
			"concurrency: must be at least 1, got 0"}},
		{"everything wrong", Config{Mode: 7, OnFull: 9, Pacer: ConstantPacer{-1}, Duration: -time.Second, MaxEvents: -1,
			Concurrency: -2, Timeout: -1, Grace: -1, Prefetch: -3},
			[]string{"mode: unknown mode 7 (valid: open, closed)", "on_full: unknown value 9", "rate: must not be negative, got -1/s",
				"duration: must not be negative, got -1s", "max_events: must not be negative, got -1",
				"concurrency: must be at least 1, got -2", "timeout: must not be negative", "grace: must not be negative",
				"prefetch: must not be negative, got -3"}},
		{"drop in closed mode", Config{Mode: Closed, OnFull: Drop, MaxEvents: 1, Concurrency: 1}, []string{"on_full: drop applies to open mode only"}},
		{"bad stages", Config{Pacer: StagesPacer{Stages: []Stage{{time.Second, 0}}}, Duration: time.Second, Concurrency: 1},
			[]string{"stages: every rate is 0/s"}},
	} {
		err := tc.cfg.Validate()
		if len(tc.want) == 0 {
			if err != nil {
				t.Errorf("%s: %+v.Validate() = %v; want nil", tc.name, tc.cfg, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: %+v.Validate() = nil; want %q", tc.name, tc.cfg, tc.want)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %+v.Validate() = %q; want it to contain %q", tc.name, tc.cfg, err, w)
			}
		}
	}
}

func TestConfigWithDefaults(t *testing.T) {
	for _, tc := range []struct {
		in, want Config
	}{
		{Config{Concurrency: 10}, Config{Concurrency: 10, Grace: DefaultGrace, Prefetch: DefaultMinPrefetch}},
		{Config{Concurrency: 1000}, Config{Concurrency: 1000, Grace: DefaultGrace, Prefetch: 2000}},
		{Config{Concurrency: 1e6, MaxEvents: 10}, Config{Concurrency: 1e6, MaxEvents: 10, Grace: DefaultGrace, Prefetch: 10}},
		{Config{Concurrency: 1, Grace: time.Millisecond, Prefetch: 3}, Config{Concurrency: 1, Grace: time.Millisecond, Prefetch: 3}},
	} {
		if got := tc.in.WithDefaults(); got != tc.want {
			t.Errorf("%+v.WithDefaults() = %+v; want %+v", tc.in, got, tc.want)
		}
	}
}

func TestParseModeAndOnFull(t *testing.T) {
	for _, tc := range []struct {
		in   string
		mode Mode
		err  string
	}{
		{"open", Open, ""}, {"Closed", Closed, ""}, {" OPEN ", Open, ""},
		{"trigger", 0, `mode: unknown value "trigger" (valid: open, closed)`}, {"", 0, "mode: unknown value"},
	} {
		m, err := parseMode(tc.in)
		if m != tc.mode || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("parseMode(%q) = %v, %v; want %v, %q", tc.in, m, err, tc.mode, tc.err)
		}
		if err == nil && m.String() != strings.ToLower(strings.TrimSpace(tc.in)) {
			t.Errorf("parseMode(%q).String() = %q", tc.in, m)
		}
	}
	for _, tc := range []struct {
		in  string
		o   OnFull
		err bool
	}{{"queue", Queue, false}, {"DROP", Drop, false}, {"block", 0, true}} {
		o, err := parseOnFull(tc.in)
		if o != tc.o || (err != nil) != tc.err {
			t.Errorf("parseOnFull(%q) = %v, %v; want %v, error %v", tc.in, o, err, tc.o, tc.err)
		}
	}
	if got := Mode(5).String() + " " + OnFull(-1).String(); got != "Mode(5) OnFull(-1)" {
		t.Errorf("unknown values print as %q", got)
	}
}

func FuzzParseMode(f *testing.F) {
	for _, s := range []string{"open", "closed", "queue", "drop", "", "Ω"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if m, err := parseMode(s); err == nil {
			if back, err := parseMode(m.String()); err != nil || back != m {
				t.Errorf("parseMode(%q) = %v, does not round-trip", s, m)
			}
		}
		if o, err := parseOnFull(s); err == nil {
			if back, err := parseOnFull(o.String()); err != nil || back != o {
				t.Errorf("parseOnFull(%q) = %v, does not round-trip", s, o)
			}
		}
	})
}
