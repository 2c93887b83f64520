package function

import (
	"fmt"
	"os"
	"path/filepath"
)

// Detect says how to run a deployment package folder, in this order: an
// executable "bootstrap" is a custom runtime, an index.py a Python handler
// (index.handler), an index.js a Node.js handler, and a folder holding a
// single executable file a Go function binary. It returns the runtime and
// the Path to run (the bootstrap or binary; the folder for python and node).
// A path that is not a folder is a Go binary, as before.
func Detect(path string) (Runtime, string, error) {
	fi, err := os.Stat(path)
	if err != nil || !fi.IsDir() {
		return RuntimeGo, path, nil //nolint:nilerr // the Go runtime's own checks report it
	}
	if isExecutable(filepath.Join(path, "bootstrap")) {
		return RuntimeCustom, filepath.Join(path, "bootstrap"), nil
	}
	for _, c := range []struct {
		file string
		rt   Runtime
	}{{"index.py", RuntimePython}, {"index.js", RuntimeNode}} {
		if fi, err := os.Stat(filepath.Join(path, c.file)); err == nil && fi.Mode().IsRegular() {
			return c.rt, path, nil
		}
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return "", "", fmt.Errorf("function folder %s: %w", path, err)
	}
	var bins []string
	for _, e := range entries {
		if p := filepath.Join(path, e.Name()); isExecutable(p) {
			bins = append(bins, p)
		}
	}
	if len(bins) == 1 {
		return RuntimeGo, bins[0], nil
	}
	return "", "", fmt.Errorf("function folder %s: %w (%d executables)", path, errNoRuntime, len(bins))
}

// isExecutable reports whether p is a regular file with an execute bit.
func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}
