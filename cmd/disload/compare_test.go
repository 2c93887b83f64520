package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCompareCommand(t *testing.T) {
	root := t.TempDir()
	base, same, slow := filepath.Join(root, "base"), filepath.Join(root, "same"), filepath.Join(root, "slow")
	writeRunDir(t, base, time.Millisecond, 1, runDirStart, "")
	writeRunDir(t, same, time.Millisecond, 2, runDirStart.Add(time.Hour), "")
	writeRunDir(t, slow, 2*time.Millisecond, 3, runDirStart.Add(2*time.Hour), "")
	cases := []struct {
		name      string
		args      []string
		code      int
		out, errs string
	}{
		{"table", []string{"compare", base, slow}, exitOK, "│ response.p99 (ms)", ""},
		{"json", []string{"compare", base, filepath.Join(slow, "summary.json"), "-f", "json"}, exitOK, `"name": "response.p50"`, ""},
		{"2x slower fails the guard", []string{"compare", base, slow, "--fail-on-regression", "10%"}, exitError, "yes, worse",
			"regression: response.p99: "},
		{"within the allowance", []string{"compare", base, slow, "--fail-on-regression", "150"}, exitOK, "yes, worse", ""},
		{"same handler passes", []string{"compare", base, same, "--fail-on-regression", "0"}, exitOK, "response.p50", ""},
		{"bad percentage", []string{"compare", base, slow, "--fail-on-regression", "ten"}, exitUsage, "",
			`--fail-on-regression "ten"`},
		{"bad format", []string{"compare", base, slow, "--format", "html"}, exitUsage, "", `--format "html"`},
		{"one run", []string{"compare", base}, exitUsage, "", "accepts 2 arg"},
		{"missing run", []string{"compare", base, filepath.Join(root, "nope")}, exitError, "", "no such file"},
	}
	for _, c := range cases {
		code, out, errOut := cli(t, c.args...)
		if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errOut, c.errs) {
			t.Errorf("%s: exit %d (want %d)\nstdout %.400s\nstderr %s", c.name, code, c.code, out, errOut)
		}
	}
}

func TestCompareCommandGolden(t *testing.T) {
	root := t.TempDir()
	base, slow := filepath.Join(root, "base"), filepath.Join(root, "slow")
	writeRunDir(t, base, time.Millisecond, 1, runDirStart, "")
	writeRunDir(t, slow, 2*time.Millisecond, 3, runDirStart.Add(2*time.Hour), "")
	code, out, _ := cli(t, "compare", base, slow)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	golden(t, "compare.txt", out)
}

func TestParsePercent(t *testing.T) {
	cases := []struct {
		in   string
		want float64
		set  bool
		bad  bool
	}{
		{"", 0, false, false}, {"10", 10, true, false}, {"2.5%", 2.5, true, false}, {" 7 %", 7, true, false},
		{"-1", 0, false, true}, {"x%", 0, false, true}, {"NaN", 0, false, true}, {"Inf", 0, false, true},
	}
	for _, c := range cases {
		got, set, err := parsePercent(c.in)
		if (err != nil) != c.bad || got != c.want || set != c.set {
			t.Errorf("parsePercent(%q) = %v, %v, %v", c.in, got, set, err)
		}
	}
}
