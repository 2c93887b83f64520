package render

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/metrics/metricstest"
	"github.com/disload/disload/internal/reports"
)

// editSummary rewrites dir's summary.json through edit, as a user's hand
// would.
func editSummary(t *testing.T, dir string, edit func(m map[string]any)) {
	t.Helper()
	path := filepath.Join(dir, reports.SummaryFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	if data, err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyDir copies a result directory's files.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{reports.SummaryFile, hlog.File} {
		data, err := os.ReadFile(filepath.Join(from, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMergeDirsRefusesWhatIsNotOneRun(t *testing.T) {
	root := t.TempDir()
	dir := func(name string, seed uint64, edit func(m map[string]any)) string {
		d := filepath.Join(root, name)
		writeRun(t, d, metricstest.Spec{Start: metricstest.Start, Seconds: 3, PerSec: 20, Latency: metricstest.Jitter(time.Millisecond), Seed: seed})
		if edit != nil {
			editSummary(t, d, edit)
		}
		return d
	}
	a, b := dir("a", 1, nil), dir("b", 2, nil)
	copyOfA := filepath.Join(root, "copy-of-a")
	copyDir(t, a, copyOfA)
	link := filepath.Join(root, "link-to-a")
	if err := os.Symlink(a, link); err != nil {
		t.Fatal(err)
	}
	merged := filepath.Join(root, "merged")
	if _, err := MergeDirs(merged, []string{a, b}, false); err != nil {
		t.Fatal(err)
	}
	other := dir("other", 3, func(m map[string]any) { m["scenario"] = "logs" })
	interval := func(field string, v any) func(m map[string]any) {
		return func(m map[string]any) { m["intervals"].([]any)[1].(map[string]any)[field] = v }
	}
	cases := []struct {
		name  string
		out   string
		dirs  []string
		mixed bool
		want  string // "" for a merge that must succeed
	}{
		{"a a", filepath.Join(root, "o1"), []string{a, a}, false, "are the same directory"},
		{"a and a link to it", filepath.Join(root, "o2"), []string{a, link}, false, "are the same directory"},
		{"a and a copy of it", filepath.Join(root, "o3"), []string{a, copyOfA}, false, "hold the same run (run_id fixture-1-"},
		{"a merged run and its part", filepath.Join(root, "o4"), []string{merged, b}, false, "hold the same run"},
		{"output through a link to an input", link, []string{a, b}, false, "is one of the inputs"},
		{"different scenarios", filepath.Join(root, "o5"), []string{a, other}, false, `scenario "logs"`},
		{"different scenarios, --mixed", filepath.Join(root, "o6"), []string{a, other}, true, ""},
		{"t_s far before the run", filepath.Join(root, "o7"), []string{a, dir("early", 4, interval("t_s", -1000000))}, false,
			"intervals[1].t_s: -1e+06: outside the run"},
		{"t_s far after the run", filepath.Join(root, "o8"), []string{a, dir("late", 5, interval("t_s", 1e9))}, false,
			"intervals[1].t_s: 1e+09: outside the run"},
		{"negative count", filepath.Join(root, "o9"), []string{a, dir("neg", 6, func(m map[string]any) {
			m["events"].(map[string]any)["sent"] = -5
		})}, false, filepath.Join("neg", reports.SummaryFile) + ": events.sent: -5: a count cannot be negative"},
		{"negative interval count", filepath.Join(root, "o10"), []string{a, dir("negiv", 7, interval("ok", -1))}, false,
			"intervals[1].ok: -1: a count cannot be negative"},
		{"overflowing sum", filepath.Join(root, "o11"), []string{dir("big1", 8, func(m map[string]any) { m["records"] = math.MaxInt64 }),
			dir("big2", 9, nil)}, false, "merge: run 2: records: the sum overflows"},
		{"duration out of range", filepath.Join(root, "o12"), []string{a, dir("long", 10, func(m map[string]any) { m["duration_s"] = 1e300 })},
			false, "duration_s: 1e+300: want seconds from 0 to"},
	}
	for _, c := range cases {
		_, err := MergeDirs(c.out, c.dirs, c.mixed)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: err = %v, want it to contain %q", c.name, err, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "o7")); !os.IsNotExist(err) {
		t.Errorf("a refused merge wrote its output: %v", err)
	}
}
