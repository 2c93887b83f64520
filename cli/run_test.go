package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestRunWritesCompleteSummary(t *testing.T) {
	out := t.TempDir()
	code, stdout, errOut := cli(t, "run", "-d", "500ms", "-r", "200/s", "--no-progress", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, "response") || !strings.Contains(stdout, "records/s") {
		t.Errorf("table missing:\n%s", stdout)
	}
	var s map[string]any
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"schema", "scenario", "seed", "mode", "target", "started", "duration_s",
		"interrupted", "events", "records", "payload_bytes", "throughput", "asked_rate", "achieved_rate",
		"rate_held", "latency_ms", "errors", "thresholds"} {
		if _, ok := s[key]; !ok {
			t.Errorf("summary.json lacks %q", key)
		}
	}
	if s["schema"] != "disload/summary/v1" || s["interrupted"] != false {
		t.Errorf("schema %v interrupted %v", s["schema"], s["interrupted"])
	}
	if ev := s["events"].(map[string]any); ev["sent"].(float64) != 100 || ev["ok"].(float64) != 100 {
		t.Errorf("events %v, want 100 sent and ok (200/s for 0.5s)", ev)
	}
	if _, err := os.Stat(filepath.Join(out, "latency.hlog")); err != nil {
		t.Error(err)
	}
}

func TestRunThresholdCrossedExits99(t *testing.T) {
	code, stdout, _ := cli(t, "run", "-d", "300ms", "-r", "100/s", "-t", "inproc:sleep:5ms",
		"--threshold", "p50<1ms", "--threshold", "error_rate<1%")
	if code != exitThreshold {
		t.Fatalf("exit %d, want %d\n%s", code, exitThreshold, stdout)
	}
	if !strings.Contains(stdout, "✗") || !strings.Contains(stdout, "p50") {
		t.Errorf("the table does not show the crossed threshold:\n%s", stdout)
	}
}

// TestBrokenScenarios: eight kinds of broken scenario file are each
// rejected with file:line, exit 1 and no panic.
func TestBrokenScenarios(t *testing.T) {
	cases := []struct{ name, yaml, field string }{
		{"unknown key", "load:\n  ratee: 5/s\n", `unknown key "ratee"; did you mean "rate"?`},
		{"wrong type", "stream:\n  partitions: many\n", "stream.partitions"},
		{"bad duration", "load:\n  rate: 5/s\n  duration: 10 parsecs\n", "load.duration"},
		{"bad rate", "load:\n  rate: fast\n", "load.rate"},
		{"unknown kind", "records:\n  kinds: [{kind: tweet}]\n", "records.kinds[0].kind"},
		{"impossible", "load:\n  mode: closed\n  on_full: drop\n", "load.on_full"},
		{"yaml syntax", "load: {rate: 5/s\n", ""},
		{"bad threshold", "load:\n  rate: 5/s\nthresholds: [\"p99 <> 3\"]\n", "thresholds[0]"},
		{"tls on http", "target:\n  url: http://127.0.0.1:1/\n  tls: {insecure_skip_verify: true}\n", "target.tls"},
	}
	dir := t.TempDir()
	pos := regexp.MustCompile(`\.yaml:\d+:\d+: `)
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, fmt.Sprintf("broken-%d.yaml", i))
			if err := os.WriteFile(path, []byte(tc.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, errOut := cli(t, "run", path, "--no-progress")
			if code != exitError {
				t.Errorf("exit %d, want 1; stderr %q", code, errOut)
			}
			if !strings.Contains(errOut, path+":") || !pos.MatchString(errOut) || !strings.Contains(errOut, tc.field) {
				t.Errorf("stderr lacks %s:line:col and %q:\n%s", path, tc.field, errOut)
			}
		})
	}
}
