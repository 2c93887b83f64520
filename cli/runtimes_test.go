package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLanguageTargetsEndToEnd: a Python handler in open mode and an async
// Node.js one in trigger mode, through `disload run` to summary.json: the
// handler's own count of calls equals events.ok + failed, and the refused
// events are failures under the exception's class.
func TestLanguageTargetsEndToEnd(t *testing.T) {
	for _, tc := range []struct {
		name, tool, runtime, dir, mode, errType string
		every                                   int
	}{
		{"python open", "python3", "python", "python", "open", "ValueError", 4},
		{"node trigger", "node", "node", "node", "trigger", "TypeError", 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := exec.LookPath(tc.tool); err != nil {
				t.Skipf("SKIP: %s not installed (.ci/run installs it)", tc.tool)
			}
			dir := t.TempDir()
			counts := filepath.Join(dir, "counts")
			if err := os.Mkdir(counts, 0o755); err != nil {
				t.Fatal(err)
			}
			code, err := filepath.Abs(filepath.Join("..", "internal", "target", "function", "testdata", tc.dir))
			if err != nil {
				t.Fatal(err)
			}
			scenario := filepath.Join(dir, "lang.yaml")
			yaml := "name: lang\nload: {rate: 100/s, duration: 1s, mode: " + tc.mode + "}\n" +
				"target:\n  type: function\n  runtime: " + tc.runtime + "\n  path: " + code +
				"\n  handler: index.handler\n  initializer: index.initializer\n  timeout: 20s\n  instances: {min: 1, max: 4}\n" +
				"  env: {COUNT_DIR: " + counts + ", FAIL_EVERY: \"" + string(rune('0'+tc.every)) + "\"}\n"
			if err := os.WriteFile(scenario, []byte(yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out")
			exit, stdout, stderr := cli(t, "run", scenario, "--no-progress", "-o", out)
			if exit != exitOK {
				t.Fatalf("exit %d\n%s%s", exit, stdout, stderr)
			}
			var s struct {
				Events struct{ OK, Failed int64 }
				Errors map[string]int64
			}
			b, err := os.ReadFile(filepath.Join(out, "summary.json"))
			if err != nil || json.Unmarshal(b, &s) != nil {
				t.Fatalf("summary.json: %v", err)
			}
			var calls int
			files, _ := filepath.Glob(filepath.Join(counts, "*.ids"))
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				calls += len(strings.Fields(string(b)))
			}
			if s.Events.OK == 0 || int64(calls) != s.Events.OK+s.Events.Failed {
				t.Errorf("handler counted %d calls; events ok %d + failed %d", calls, s.Events.OK, s.Events.Failed)
			}
			if s.Events.Failed == 0 || s.Errors[tc.errType] != s.Events.Failed {
				t.Errorf("failed %d, errors %v: want every failure under %s", s.Events.Failed, s.Errors, tc.errType)
			}
		})
	}
}
