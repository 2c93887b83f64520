package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/golden"
	"github.com/disload/disload/internal/reports"
)

func TestCompareCommand(t *testing.T) {
	root := t.TempDir()
	base, same, slow := filepath.Join(root, "base"), filepath.Join(root, "same"), filepath.Join(root, "slow")
	writeRunDir(t, base, time.Millisecond, 1, runDirStart, "")
	writeRunDir(t, same, time.Millisecond, 2, runDirStart.Add(time.Hour), "")
	writeRunDir(t, slow, 2*time.Millisecond, 3, runDirStart.Add(2*time.Hour), "")
	slowDirs := filepath.Join(t.TempDir(), "slow-runs")
	slow2 := filepath.Join(slowDirs, "b")
	writeRunDir(t, filepath.Join(slowDirs, "a"), 2*time.Millisecond, 4, runDirStart.Add(3*time.Hour), "")
	writeRunDir(t, slow2, 2*time.Millisecond, 5, runDirStart.Add(4*time.Hour), "")
	cases := []struct {
		name      string
		args      []string
		code      int
		out, errs string
	}{
		{"table", []string{"compare", base, slow}, exitOK, "│ response.p99 (ms)", ""},
		{"json", []string{"compare", base, filepath.Join(slow, "summary.json"), "-f", "json"}, exitOK, `"name": "response.p50"`, ""},
		{"2x slower fails the guard", []string{"compare", base, slow, "--fail-on-regression", "10%"}, exitRegression,
			"verdict: worse", "regression: response.p50: "},
		{"several runs a side", []string{"compare", "--fail-on-regression", "10%", base, same, "--", slow, slow2},
			exitRegression, "old: 2 runs · ", "regression: response.p50: "},
		{"a directory of runs", []string{"compare", base, slowDirs, "--fail-on-regression", "10%"}, exitRegression,
			"new: 2 runs · ", "regression: response.p50: "},
		{"nothing after --", []string{"compare", base, same, "--"}, exitUsage, "", "each side of --"},
		{"three runs without --", []string{"compare", base, same, slow}, exitUsage, "", "3 runs given"},
		{"not a run", []string{"compare", base, t.TempDir()}, exitError, "", "holds no summary.json"},
		{"within the allowance", []string{"compare", base, slow, "--fail-on-regression", "150"}, exitOK, "yes, worse", ""},
		{"same handler passes", []string{"compare", base, same, "--fail-on-regression", "0"}, exitOK, "response.p50", ""},
		{"bad percentage", []string{"compare", base, slow, "--fail-on-regression", "ten"}, exitUsage, "",
			`--fail-on-regression "ten"`},
		{"bad format", []string{"compare", base, slow, "--format", "html"}, exitUsage, "", `--format "html"`},
		{"one run", []string{"compare", base}, exitUsage, "", "requires at least 2 arg"},
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
	golden.Check(t, filepath.Join("testdata", "compare.txt"), []byte(out))
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

// TestCompareBackToBackRuns is the gate's bar with real runs: three
// back-to-back runs of one configuration pass --fail-on-regression 10% in
// every ordered pair, and a run against a 2× slower handler fails it. A
// run that says it did not hold its rate (rate_held false: disload itself
// fell behind, the machine was overloaded) measured the machine, not the
// configuration; pairs with one are left out, and the test is skipped when
// no pair is left.
func TestCompareBackToBackRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("16 s of real runs")
	}
	root := t.TempDir()
	runDir := func(name, target string) string {
		dir := filepath.Join(root, name)
		code, _, errOut := cli(t, "run", "default", "-t", target, "-r", "500/s", "-d", "4s", "--seed", "1",
			"--no-progress", "-o", dir)
		if code != exitOK {
			t.Fatalf("run %s: exit %d: %s", name, code, errOut)
		}
		return dir
	}
	same := []string{runDir("a", "inproc:sleep:1ms"), runDir("b", "inproc:sleep:1ms"), runDir("c", "inproc:sleep:1ms")}
	slow := runDir("slow", "inproc:sleep:2ms")
	held := make([]bool, len(same))
	for i, dir := range same {
		s, err := reports.ReadSummary(dir)
		if err != nil {
			t.Fatal(err)
		}
		if held[i] = s.RateHeld; !held[i] {
			t.Logf("run %d did not hold its rate (%s): the machine is overloaded; its pairs are left out", i, s.RateNote)
		}
	}
	pairs := 0
	for i, old := range same {
		for j, new := range same {
			if i == j || !held[i] || !held[j] {
				continue
			}
			pairs++
			code, out, errOut := cli(t, "compare", old, new, "--fail-on-regression", "10%")
			if code != exitOK {
				t.Errorf("runs %d → %d of one configuration: exit %d\n%s\n%s", i, j, code, errOut, out)
			}
		}
	}
	code, out, errOut := cli(t, "compare", same[0], slow, "--fail-on-regression", "10%")
	if code != exitRegression || !strings.HasPrefix(out, "verdict: worse: ") {
		t.Errorf("sleep:1ms → sleep:2ms: exit %d, want %d\n%s\n%s", code, exitRegression, errOut, out)
	}
	if pairs == 0 {
		t.Skip("no two runs held their rate: the machine is too loaded to judge runs of one configuration")
	}
}
