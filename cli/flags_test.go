package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagsCompleteTheFile: flags merge into the scenario before it is
// judged (issue 13.2, 13.3, 13.9), and a wrong flag is still refused.
func TestFlagsCompleteTheFile(t *testing.T) {
	bare := filepath.Join(t.TempDir(), "bare.yaml")
	if err := os.WriteFile(bare, []byte("name: bare\ntarget: {type: inproc, name: decode}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []exitCase{
		{[]string{"run", bare, "-r", "50/s", "-d", "1s"}, exitOK, "│ 50 "},
		{[]string{"run", bare, "--mode", "closed", "-c", "2", "-d", "1s"}, exitOK, "response"},
		{[]string{"run", "clicks", "--mode", "closed", "-c", "4", "-d", "1s"}, exitOK, "response"},
		{[]string{"run", bare, "-r", "0/s", "-d", "1s"}, exitUsage, "--rate: load.rate: open mode needs a rate above 0"},
		{[]string{"run", bare, "-r", "5/s", "-d", "10 sec"}, exitUsage, `--duration: bad duration "10 sec": want e.g. 30s`},
		{[]string{"run", bare, "-r", "5/s", "--timeout", "3"}, exitUsage, "--timeout: duration 3 has no unit"},
		{[]string{"run", "clicks", "-d", "2s", "--dry-run"}, exitOK, "duration: 800ms"},
		{[]string{"run", bare, "--dry-run"}, exitError, "bare.yaml:1:1: load.rate: open mode needs a rate above 0"},
		{[]string{"run", bare, "-r", "5/s", "--threshold", "p99 <> 3", "--dry-run"}, exitUsage, "--threshold: "},
		{[]string{"run", bare, "-r", "5/s", "-t", "function:./no-such-binary", "--dry-run"}, exitError, "target.path: ./no-such-binary: no such file"},
	}
	checkExits(t, tests)
}

// TestHeaderFlagNeverPrinted: -H values appear neither in --dry-run's
// YAML nor in an error.
func TestHeaderFlagNeverPrinted(t *testing.T) {
	const secret = "sk-live-0123456789"
	for _, args := range [][]string{
		{"run", "-t", "http://127.0.0.1:1/", "-H", "X-Api: " + secret, "--dry-run"},
		{"run", "-t", "http://127.0.0.1:1/", "-H", "Bad Name: " + secret, "--dry-run"},
		{"run", "-t", "http://127.0.0.1:1/", "-H", secret, "--dry-run"},
		{"run", "-t", "rpc://127.0.0.1:1", "-H", "X-CFF-Auth-Token: " + secret, "-d", "x", "--dry-run"},
	} {
		code, out, errOut := cli(t, args...)
		if strings.Contains(out+errOut, secret) {
			t.Errorf("%v (exit %d) printed the header's value:\n%s%s", args, code, out, errOut)
		}
	}
}

// TestEveryOverrideFlagSetsItsKey: each flag that sets a scenario key
// reaches it (the flags set keys by their schema path), as --dry-run shows.
func TestEveryOverrideFlagSetsItsKey(t *testing.T) {
	bare := filepath.Join(t.TempDir(), "bare.yaml")
	if err := os.WriteFile(bare, []byte("name: bare\nload: {mode: trigger}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, "run", bare, "-r", "7/s", "-d", "3s", "-c", "5", "--partitions", "3", "--batch", "4",
		"--seed", "9", "--max-events", "11", "--poll", "250ms", "--timeout", "750ms", "--on-full", "drop",
		"-t", "inproc:echo", "--dry-run", "--no-progress")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"rate: 7/s", "duration: 3s", "concurrency: 5", "partitions: 3", "size: 4", "seed: 9",
		"max_events: 11", "poll: 250ms", "timeout: 750ms", "on_full: drop", "name: echo"} {
		if !strings.Contains(out, "\n  "+want+"\n") && !strings.Contains(out, "\n"+want+"\n") {
			t.Errorf("--dry-run output has no %q:\n%s", want, out)
		}
	}
}

// exitCase is a command line, the exit it must end with and text its stdout
// (exit 0) or stderr must hold.
type exitCase struct {
	args []string
	code int
	want string
}

// checkExits runs each case with --no-progress, one subtest each, named by
// its arguments.
func checkExits(t *testing.T, cases []exitCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errOut := cli(t, append(tc.args, "--no-progress")...)
			got := errOut
			if code == exitOK {
				got = out
			}
			if code != tc.code || !strings.Contains(got, tc.want) {
				t.Errorf("exit %d, want %d with %q in\n%s%s", code, tc.code, tc.want, out, errOut)
			}
		})
	}
}
