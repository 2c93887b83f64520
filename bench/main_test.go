package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	c, err := parseFlags([]string{"-bin", "/b", "-out", "/o"})
	if err != nil {
		t.Fatal(err)
	}
	if c.rounds != 3 || c.dur != 10*time.Second || c.memDur != 2*time.Minute || !slices.Equal(c.sections, allSections) ||
		c.sinkDelay != 0 || !slices.Equal(c.paced, []string{"20000", "auto"}) {
		t.Errorf("defaults: %+v", c)
	}
	c, err = parseFlags([]string{"-bin", "/b", "-out", "/o", "-only", "cpu,go", "-rounds", "5", "-d", "3s", "-sink-delay", "1ms"})
	if err != nil || !slices.Equal(c.sections, []string{"cpu", "go"}) || c.rounds != 5 || c.dur != 3*time.Second || c.sinkDelay != time.Millisecond {
		t.Errorf("flags: %+v, %v", c, err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "-bin and -out are required"},
		{[]string{"-bin", "b", "-out", "o", "-rounds", "0"}, "-rounds and -go-count must be at least 1"},
		{[]string{"-bin", "b", "-out", "o", "-only", "cpu,gpu"}, `-only: unknown section "gpu"`},
		{[]string{"-nope"}, "flag provided but not defined"},
		{[]string{"-bin", "b", "-out", "o", "-paced", "fast"}, `-paced: "fast" is neither a rate nor auto`},
		{[]string{"-bin", "b", "-out", "o", "-sink-delay", "-1ms"}, "-sink-delay: -1ms is negative"},
		{[]string{"-bin", "b", "-out", "o", "-sink-delay", "soon"}, `invalid value "soon" for flag -sink-delay`},
	} {
		if _, err := parseFlags(tc.args); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parseFlags(%q) = %v, want %q", tc.args, err, tc.want)
		}
	}
}

func TestSinkLine(t *testing.T) {
	for _, tc := range []struct {
		delay time.Duration
		wrk   string
		want  string
	}{
		{0, "/usr/bin/wrk", "Sink: bench/sink (Go net/http) on 127.0.0.1, no added delay (-sink-delay 0); " +
			"wrk: /usr/bin/wrk (the sink's own limit, closed section)."},
		{time.Millisecond, "", "Sink: bench/sink (Go net/http) on 127.0.0.1, a delay of 1ms added to every request (-sink-delay 1ms); " +
			"wrk not installed: apt-get install wrk (the closed section runs without it)."},
	} {
		if got := sinkLine(tc.delay, tc.wrk); got != tc.want {
			t.Errorf("sinkLine(%s, %q) =\n%q\nwant\n%q", tc.delay, tc.wrk, got, tc.want)
		}
	}
}
