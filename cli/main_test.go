package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disload/disload/internal/golden"
)

// cli runs the disload command line in-process.
func cli(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestHelp keeps every command's help complete and reviewed: each is a
// golden file.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{
		{"--help"}, {"run", "--help"}, {"gen", "--help"}, {"validate", "--help"},
		{"scenarios", "--help"}, {"scenarios", "list", "--help"}, {"scenarios", "show", "--help"},
		{"version", "--help"},
		{"report", "--help"}, {"compare", "--help"}, {"merge", "--help"},
	} {
		name := "help/" + strings.Join(append([]string{"disload"}, args[:len(args)-1]...), "-") + ".txt"
		t.Run(name, func(t *testing.T) {
			code, out, errOut := cli(t, args...)
			if code != exitOK || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			golden.Check(t, filepath.Join("testdata", name), []byte(out))
		})
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"frobnicate"},
		{"run", "--no-such-flag"},
		{"run", "a", "b"},
		{"run", "--rate", "fast"},
		{"run", "--shard", "3/3"},
		{"run", "--mode", "open", "--find-max"},
		{"gen", "-o", "x.jsonl"},
		{"gen", "-n", "5"},
		{"validate"},
		{"scenarios", "show"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, errOut := cli(t, args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stdout %q stderr %q", code, exitUsage, out, errOut)
			}
			if !strings.Contains(errOut, "disload") {
				t.Errorf("stderr %q does not explain", errOut)
			}
		})
	}
}

func TestScenariosListAndShow(t *testing.T) {
	code, out, _ := cli(t, "scenarios")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, name := range []string{"default", "clicks", "transactions", "logs", "locations", "mixed"} {
		if !strings.Contains(out, name) {
			t.Errorf("list lacks %s:\n%s", name, out)
		}
	}
	code, out, _ = cli(t, "scenarios", "show", "clicks")
	if code != 0 || !strings.Contains(out, "name: clicks") {
		t.Fatalf("show clicks: exit %d\n%s", code, out)
	}
	// What `show` prints is a scenario file a user can run as is.
	path := filepath.Join(t.TempDir(), "mine.yaml")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := cli(t, "gen", path, "-n", "2", "-o", filepath.Join(t.TempDir(), "x.jsonl")); code != 0 {
		t.Errorf("the shown scenario does not load: %s", errOut)
	}
	if code, _, errOut := cli(t, "scenarios", "show", "nope"); code != exitError || !strings.Contains(errOut, "nope") {
		t.Errorf("show nope: exit %d %q", code, errOut)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := cli(t, "version")
	if code != 0 || !strings.HasPrefix(out, "disload ") {
		t.Errorf("exit %d %q", code, out)
	}
}
