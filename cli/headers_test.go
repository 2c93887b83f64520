package cli

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fnCounts is what the project's test function (internal/target/function/testdata/fn)
// writes at exit.
type fnCounts struct {
	Calls     int64 `json:"calls"`
	HeadersOK int64 `json:"headers_ok"`
}

// TestFunctionHeadersFromEnvironment: the README's function target with
// headers from the environment (issue 13.1): every invoke carries the
// header, and its value is in no output file and no message.
func TestFunctionHeadersFromEnvironment(t *testing.T) {
	const secret = "tok-5ecret-8d1f0c"
	t.Setenv("CFF_TOKEN", secret)
	dir := t.TempDir()
	fn := filepath.Join(dir, "fn")
	if out, err := exec.Command("go", "build", "-o", fn, "../internal/target/function/testdata/fn").CombinedOutput(); err != nil {
		t.Fatalf("build testdata/fn: %v\n%s", err, out)
	}
	counts := filepath.Join(dir, "counts")
	if err := os.Mkdir(counts, 0o755); err != nil {
		t.Fatal(err)
	}
	scenario := filepath.Join(dir, "fn.yaml")
	yaml := `name: fn-headers
load: {rate: 40/s, duration: 500ms}
target:
  type: function
  path: ./fn
  headers: {X-CFF-Auth-Token: "${CFF_TOKEN}"}
  env:
    FN_EXPECT_HEADERS: "X-CFF-Auth-Token=${CFF_TOKEN}"
    FN_COUNT_DIR: ` + counts + "\n"
	if err := os.WriteFile(scenario, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, stdout, stderr := cli(t, "run", scenario, "--no-progress", "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	code, dry, dryErr := cli(t, "run", scenario, "--dry-run")
	if code != exitOK || !strings.Contains(dry, "${CFF_TOKEN}") {
		t.Errorf("--dry-run: exit %d, want the ${CFF_TOKEN} reference in\n%s%s", code, dry, dryErr)
	}
	var c fnCounts
	files, _ := filepath.Glob(filepath.Join(counts, "*.json"))
	for _, f := range files {
		var one fnCounts
		if data, err := os.ReadFile(f); err != nil || json.Unmarshal(data, &one) != nil {
			t.Fatalf("counts %s: %v", f, err)
		}
		c.Calls += one.Calls
		c.HeadersOK += one.HeadersOK
	}
	if c.Calls != 20 || c.HeadersOK != c.Calls {
		t.Errorf("function saw %d calls, %d with the header; want 20, all", c.Calls, c.HeadersOK)
	}
	for name, text := range map[string]string{"stdout": stdout + dry, "stderr": stderr + dryErr} {
		if strings.Contains(text, secret) {
			t.Errorf("%s holds the header's value", name)
		}
	}
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err == nil && strings.Contains(string(data), secret) {
			t.Errorf("%s holds the header's value", path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
