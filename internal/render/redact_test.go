package render

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/metrics/metricstest"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/reports/reportstest"
)

// secretSummary is a run against a URL with secrets in its user
// information and query, which also show in an error sample and the
// scenario.
func secretSummary(t *testing.T, seed uint64) *reports.Summary {
	t.Helper()
	s, _ := reportstest.Summary(t, metricstest.Spec{Start: metricstest.Start, Seconds: 3, PerSec: 20, Latency: metricstest.Jitter(time.Millisecond), Seed: seed})
	s.Target = "https://svc:pa55word@api.example.com/invoke?api_key=sk-live-123&region=eu"
	s.ErrorSamples["connect"] = []string{`Post "` + s.Target + `": dial tcp: connection refused`}
	s.ScenarioYAML = "target: {type: http, url: '" + s.Target + "'}\n"
	return s
}

func TestNoWriterPrintsURLSecrets(t *testing.T) {
	s := secretSummary(t, 1)
	writers := map[string]func(io.Writer) error{
		"table":         func(w io.Writer) error { return WriteTable(w, s) },
		"summary.json":  s.WriteJSON,
		"report.html":   func(w io.Writer) error { return WriteHTML(w, s) },
		"intervals.csv": func(w io.Writer) error { return WriteIntervalsCSV(w, s) },
	}
	for name, write := range writers {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, secret := range []string{"pa55word", "sk-live-123", "region=eu"} {
			if strings.Contains(buf.String(), secret) {
				t.Errorf("%s holds %q", name, secret)
			}
		}
	}
	if !strings.Contains(s.Target, "pa55word") {
		t.Error("writing masked the summary itself; it must mask a copy")
	}
}

func TestMergeWritesNoURLSecrets(t *testing.T) {
	root := t.TempDir()
	var dirs []string
	for i, seed := range []uint64{1, 2} {
		s := secretSummary(t, seed)
		dir := filepath.Join(root, string(rune('a'+i)))
		// As an older disload wrote it: the secret in the file itself.
		writeRun(t, dir, metricstest.Spec{Start: metricstest.Start, Seconds: 3, PerSec: 20, Latency: metricstest.Jitter(time.Millisecond), Seed: seed})
		editSummary(t, dir, func(m map[string]any) { m["target"] = s.Target })
		dirs = append(dirs, dir)
	}
	out := filepath.Join(root, "merged")
	if _, err := MergeDirs(out, dirs, false); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{reports.SummaryFile, ReportFile} {
		data, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte("pa55word")) || bytes.Contains(data, []byte("sk-live-123")) {
			t.Errorf("merged %s holds a secret of the inputs' target", f)
		}
	}
}
