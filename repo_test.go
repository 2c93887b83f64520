package disload_test

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// relPath matches a relative path that climbs: "../x", "../../a/b", "../..".
// A lone ".." is not matched (it is as often an ellipsis or a range).
var relPath = regexp.MustCompile(`\.\.(?:/\.\.)*/[A-Za-z0-9_.\-/]*|\.\.(?:/\.\.)+`)

// selfFile is this file: it names outside paths as test cases.
const selfFile = "repo_test.go"

// repoFiles walks the repository from its root (this test's directory) and
// calls fn for every text file, skipping git metadata.
func repoFiles(t *testing.T, fn func(path string, data []byte)) {
	t.Helper()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == ".git" {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil // a worktree's .git file names the main checkout
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.IndexByte(data, 0) >= 0 {
			return nil // binary
		}
		fn(path, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// escapes reports whether rel, read relative to the directory of the file
// at path (both relative to the repository root), leads outside the root.
func escapes(path, rel string) bool {
	target := filepath.Clean(filepath.Join(filepath.Dir(path), rel))
	return target == ".." || strings.HasPrefix(target, "../")
}

// outsidePaths returns the relative paths in a line of the file at path
// that lead outside the repository.
func outsidePaths(path, text string) []string {
	var out []string
	for _, loc := range relPath.FindAllStringIndex(text, -1) {
		if loc[0] > 0 && text[loc[0]-1] == '.' {
			continue // ".../": an ellipsis before a slash
		}
		rel := text[loc[0]:loc[1]]
		if strings.HasSuffix(rel, ".") && !strings.HasSuffix(rel, "..") {
			rel = rel[:len(rel)-1] // a sentence's full stop
		}
		if escapes(path, strings.TrimSuffix(rel, "/")) {
			out = append(out, rel)
		}
	}
	return out
}

// TestNoPathOutsideRepository: a clone is all a user has, so no file may
// point at a path beside or above the repository (such as the
// ../outside/PROTOCOL.md the comments once named). A relative path counts
// from the folder of the file that holds it, as Markdown links, go.mod
// replace directives and shell scripts run there read it.
func TestNoPathOutsideRepository(t *testing.T) {
	repoFiles(t, func(path string, data []byte) {
		if path == selfFile {
			return
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
		for line := 1; sc.Scan(); line++ {
			text := sc.Text()
			for _, rel := range outsidePaths(path, text) {
				t.Errorf("%s:%d: %q leads outside the repository", path, line, rel)
			}
			if strings.Contains(text, "/work/") {
				t.Errorf("%s:%d: names a path of the machine it was written on (/work/...)", path, line)
			}
		}
	})
}

// TestEscapes pins the rule the repository check applies.
func TestEscapes(t *testing.T) {
	tests := []struct {
		path, rel string
		want      bool
	}{
		{"README.md", "../outside/PROTOCOL.md", true},
		{"dis/types.go", "../outside/PROTOCOL.md", false}, // dis/../outside is inside
		{"harness/trigger/config.go", "../../../outside/PROTOCOL.md", true},
		{"examples/dis-handler/go.mod", "../..", false},
		{"examples/dis-handler/go.mod", "../../..", true},
		{"deploy/go.mod", "..", false},
		{"README.md", "..", true},
		{"bench/testdata/fakebin/wrk", "../wrk/ok.txt", false},
	}
	for _, tt := range tests {
		if got := escapes(tt.path, tt.rel); got != tt.want {
			t.Errorf("escapes(%q, %q) = %v, want %v", tt.path, tt.rel, got, tt.want)
		}
	}
	lines := []struct {
		path, text string
		want       []string
	}{
		{"README.md", "are in `../outside/PROTOCOL.md`.", []string{"../outside/PROTOCOL.md"}},
		{"README.md", "see ../outside/PROTOCOL.md. Then", []string{"../outside/PROTOCOL.md"}},
		{"a/b/c.go", "// (../../../outside/PROTOCOL.md §3)", []string{"../../../outside/PROTOCOL.md"}},
		{"a/go.mod", "replace x => ../..", []string{"../.."}},
		{"a/b/go.mod", "replace x => ../..", nil},
		{"README.md", "from the folder .../ and a..b, x.. y", nil},
		{"README.md", "see docs/PROTOCOL.md.", nil},
	}
	for _, tt := range lines {
		if got := outsidePaths(tt.path, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("outsidePaths(%q, %q) = %q, want %q", tt.path, tt.text, got, tt.want)
		}
	}
}

// TestMainModuleRequires: the main module's go.mod holds only what disload
// itself uses; the Kubernetes API types of deploy/'s test live in deploy's
// own module.
func TestMainModuleRequires(t *testing.T) {
	data, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "require "))
		if len(f) == 0 {
			continue
		}
		if strings.HasPrefix(f[0], "k8s.io/") || strings.HasPrefix(f[0], "sigs.k8s.io/") {
			t.Errorf("go.mod:%d: requires %s, which disload does not use (deploy/ has its own module)", i+1, f[0])
		}
	}
	for _, dir := range []string{"bench", "deploy", "examples/dis-handler"} {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
			t.Errorf("%s: not a module of its own: %v", dir, err)
		}
	}
}

// TestCITestCommand: the README's second set-up command is, exactly, the
// test command .ci/run runs, so "run the tests as CI does" stays true.
func TestCITestCommand(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	ci, err := os.ReadFile(".ci/run")
	if err != nil {
		t.Fatal(err)
	}
	var cmd string
	for _, line := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(line, "go test ./...") {
			cmd = strings.TrimSpace(line)
			break
		}
	}
	if cmd == "" {
		t.Fatal("README.md: no line starting with `go test ./...` (the set-up's test command)")
	}
	found := false
	for _, line := range strings.Split(string(ci), "\n") {
		if strings.TrimSpace(line) == cmd {
			found = true
		}
	}
	if !found {
		t.Errorf(".ci/run does not run the README's test command as a line of its own:\n%s", cmd)
	}
	for _, dir := range []string{"examples/dis-handler", "bench", "deploy"} {
		if !strings.Contains(cmd, "(cd "+dir+" && go test ./...)") {
			t.Errorf("README test command does not test the module %s", dir)
		}
	}
}

// modulePath is the main module's import path.
const modulePath = "github.com/disload/disload"

// architecturePackages reads the package table of docs/ARCHITECTURE.md: the
// folders of its first column, in order.
func architecturePackages(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("docs/ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	in := false
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "| package |"):
			in = true
		case in && strings.HasPrefix(line, "|---"):
		case in && strings.HasPrefix(line, "| `"):
			pkgs = append(pkgs, strings.Trim(strings.TrimSpace(strings.Split(line, "|")[1]), "`"))
		case in:
			return pkgs
		}
	}
	return pkgs
}

// TestArchitectureTable: docs/ARCHITECTURE.md lists every package of the
// main module, in an order where each imports only packages below it (as
// the document says), so the map stays true as the code changes.
func TestArchitectureTable(t *testing.T) {
	documented := architecturePackages(t)
	if len(documented) == 0 {
		t.Fatal("docs/ARCHITECTURE.md: no package table (a header row starting with \"| package |\")")
	}
	rank := map[string]int{}
	for i, p := range documented {
		rank[p] = i
	}
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if f[0] == modulePath {
			continue // the root holds only tests
		}
		pkg := strings.TrimPrefix(f[0], modulePath+"/")
		r, ok := rank[pkg]
		if !ok {
			t.Errorf("docs/ARCHITECTURE.md: package %s is not in the package table", pkg)
			continue
		}
		for _, imp := range f[1:] {
			dep, ours := strings.CutPrefix(imp, modulePath+"/")
			if !ours {
				continue
			}
			if d, ok := rank[dep]; ok && d <= r {
				t.Errorf("docs/ARCHITECTURE.md: %s imports %s, listed above it; reorder the table (imports go down)", pkg, dep)
			}
		}
	}
}

// TestReadmeLayout: the README's layout table names every package of the
// main module (a cell may name several, comma-separated).
func TestReadmeLayout(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		for _, p := range strings.Split(strings.Split(line, "|")[1], ",") {
			named[strings.TrimSuffix(strings.Trim(strings.TrimSpace(p), "`"), "/")] = true
		}
	}
	out, err := exec.Command("go", "list", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, imp := range strings.Fields(string(out)) {
		if pkg, ok := strings.CutPrefix(imp, modulePath+"/"); ok && !named[pkg] {
			t.Errorf("README.md: the layout table does not name the package %s", pkg)
		}
	}
}

// mdLink is a Markdown link's target: [text](target).
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestMarkdownLinks: every relative link of every Markdown file leads to a
// file or folder of the repository.
func TestMarkdownLinks(t *testing.T) {
	repoFiles(t, func(path string, data []byte) {
		if !strings.HasSuffix(path, ".md") {
			return
		}
		for i, line := range strings.Split(string(data), "\n") {
			for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
				target, _, _ := strings.Cut(m[1], "#")
				if target == "" || strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				if _, err := os.Stat(filepath.Join(filepath.Dir(path), target)); err != nil {
					t.Errorf("%s:%d: link to %s: no such file in the repository", path, i+1, m[1])
				}
			}
		}
	})
}
