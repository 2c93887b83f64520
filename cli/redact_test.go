package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestURLSecretsInNoOutput: a run against a URL with a password and an
// API key in its query, then report, compare and merge of it: neither
// secret appears in any output or file.
func TestURLSecretsInNoOutput(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	target := strings.Replace(srv.URL, "http://", "http://svc:pa55word@", 1) + "/invoke?api_key=sk-live-123"
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	var outputs []string
	for _, dir := range []string{a, b} {
		code, out, errOut := cli(t, "run", "default", "-t", target, "-r", "20/s", "-d", "1s", "--no-progress", "-o", dir)
		if code != exitOK {
			t.Fatalf("run: exit %d: %s", code, errOut)
		}
		outputs = append(outputs, out, errOut)
	}
	for _, args := range [][]string{{"report", a}, {"report", a, "-f", "json"}, {"report", a, "-f", "html"},
		{"compare", a, b}, {"compare", a, b, "-f", "json"}, {"merge", a, b, "--mixed", "-o", filepath.Join(root, "m")}} {
		_, out, errOut := cli(t, args...)
		outputs = append(outputs, out, errOut)
	}
	for _, dir := range []string{a, b, filepath.Join(root, "m")} {
		for _, f := range []string{"summary.json", "report.html", "latency.hlog"} {
			data, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			outputs = append(outputs, string(data))
		}
	}
	for i, out := range outputs {
		for _, secret := range []string{"pa55word", "sk-live-123"} {
			if strings.Contains(out, secret) {
				t.Errorf("output %d holds %q:\n%.300s", i, secret, out[max(0, strings.Index(out, secret)-200):])
			}
		}
	}
}
