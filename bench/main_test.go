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
	if c.rounds != 3 || c.dur != 10*time.Second || c.memDur != 2*time.Minute || !slices.Equal(c.sections, allSections) {
		t.Errorf("defaults: %+v", c)
	}
	c, err = parseFlags([]string{"-bin", "/b", "-out", "/o", "-only", "cpu,go", "-rounds", "5", "-d", "3s"})
	if err != nil || !slices.Equal(c.sections, []string{"cpu", "go"}) || c.rounds != 5 || c.dur != 3*time.Second {
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
	} {
		if _, err := parseFlags(tc.args); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parseFlags(%q) = %v, want %q", tc.args, err, tc.want)
		}
	}
}
