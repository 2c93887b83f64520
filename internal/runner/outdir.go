package runner

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/render"
	"github.com/disload/disload/internal/reports"
)

// probeSize is how much the output check writes: enough to need a data
// block, so that a full filesystem refuses it.
const probeSize = 64 << 10

// probePrefix names the output check's file.
const probePrefix = ".disload-probe-"

// ownedFiles are the files a run writes into its output directory; ownedDirs
// the directories. Nothing else in the directory is touched.
var (
	ownedFiles = []string{reports.SummaryFile, hlog.File, render.ReportFile}
	ownedDirs  = []string{"logs"}
)

// PrepareOutDir makes dir ready for a run's results before the load starts,
// so that results are never lost to an output that cannot be written: it
// creates dir, writes and removes a probe file (a path that is a file, a
// read-only or full filesystem fail here, naming the path), then removes
// what an earlier run left there (summary.json, latency.hlog, report.html,
// logs/ and disload's temporary files), so that the directory never mixes
// two runs. Other files are left alone.
func PrepareOutDir(dir string) error {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return fmt.Errorf("output %s: not a directory", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output %s: %w", dir, err)
	}
	if err := probe(dir); err != nil {
		return fmt.Errorf("output %s: cannot write: %w", dir, unwrapPath(err))
	}
	return clearOwned(dir)
}

// probe writes probeSize bytes to a new file in dir, syncs and removes it.
func probe(dir string) error {
	f, err := os.CreateTemp(dir, probePrefix+"*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(make([]byte, probeSize))
	if err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}

// clearOwned removes an earlier run's outputs from dir.
func clearOwned(dir string) error {
	var errs []error
	for _, name := range ownedFiles {
		errs = append(errs, removeIfThere(filepath.Join(dir, name), os.Remove))
	}
	for _, name := range ownedDirs {
		errs = append(errs, removeIfThere(filepath.Join(dir, name), os.RemoveAll))
	}
	entries, err := os.ReadDir(dir)
	errs = append(errs, err)
	for _, e := range entries {
		if isStaleTemp(e.Name()) {
			errs = append(errs, removeIfThere(filepath.Join(dir, e.Name()), os.Remove))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("output %s: clearing the previous run: %w", dir, err)
	}
	return nil
}

// isStaleTemp reports whether name is a temporary file of disload's: a
// result being written (reports.WriteFileAtomic's ".NAME.tmp*") or a probe.
func isStaleTemp(name string) bool {
	if strings.HasPrefix(name, probePrefix) {
		return true
	}
	for _, f := range ownedFiles {
		if strings.HasPrefix(name, "."+f+".tmp") {
			return true
		}
	}
	return false
}

func removeIfThere(path string, remove func(string) error) error {
	if err := remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// unwrapPath drops the path from a *fs.PathError: the message names it
// already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
