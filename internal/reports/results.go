package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/disload/disload/internal/hlog"
)

// ReportFile is the name of the HTML report in a result directory.
const ReportFile = "report.html"

// WriteResults writes a result directory, creating it if needed:
// latency.hlog through writeLog (skipped when writeLog is nil), report.html
// and summary.json, each through a temporary file and a rename. The summary
// comes last, so a directory holding summary.json is complete.
func WriteResults(dir string, s *Summary, writeLog func(io.Writer) error) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	if writeLog != nil {
		if err := WriteFileAtomic(filepath.Join(dir, hlog.File), writeLog); err != nil {
			return err
		}
	}
	if err := WriteFileAtomic(filepath.Join(dir, ReportFile), s.WriteHTML); err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(dir, SummaryFile), s.WriteJSON)
}

// MergeDirs merges result directories (each holding summary.json and
// latency.hlog, as `disload run -o DIR` writes them) with Merge and
// hlog.Merge, sets the merged intervals' percentiles exactly from
// the merged log, and writes the merged result directory out. It refuses
// out among the inputs, a directory or a run given twice (symbolic links
// resolved), and, unless mixed, runs of different scenarios or modes.
func MergeDirs(out string, dirs []string, mixed bool) (*Summary, error) {
	if len(dirs) == 0 {
		return nil, errors.New("merge: no result directories")
	}
	if err := distinctDirs(out, dirs); err != nil {
		return nil, err
	}
	sums := make([]*Summary, len(dirs))
	logs := make([]*hlog.Log, len(dirs))
	for i, dir := range dirs {
		var err error
		if sums[i], logs[i], err = readResults(dir); err != nil {
			return nil, err
		}
	}
	if err := checkParts(sums, dirs, mixed); err != nil {
		return nil, err
	}
	merged, log, err := mergeParsed(sums, logs)
	if err != nil {
		return nil, err
	}
	err = WriteResults(out, merged, func(w io.Writer) error {
		_, err := w.Write(log)
		return err
	})
	return merged, err
}

// mergeParsed merges read runs: their summaries and interval logs, the
// merged intervals' percentiles set exactly from the merged log.
func mergeParsed(sums []*Summary, logs []*hlog.Log) (*Summary, []byte, error) {
	merged, err := Merge(sums)
	if err != nil {
		return nil, nil, err
	}
	var log bytes.Buffer
	// The log's grid is the summaries' (from the earliest start), so that
	// counts and percentiles of a merged interval cover the same results.
	if err := hlog.MergeLogs(&log, logs, merged.Started); err != nil {
		return nil, nil, fmt.Errorf("merge: %w", err)
	}
	if err := merged.IntervalLatencyFromLog(bytes.NewReader(log.Bytes())); err != nil {
		return nil, nil, fmt.Errorf("merge: %w", err)
	}
	return merged, log.Bytes(), nil
}

// readResults reads and checks one result directory.
func readResults(dir string) (*Summary, *hlog.Log, error) {
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return nil, nil, fmt.Errorf("merge: %s: not a result directory (want the directory holding %s and %s)",
			dir, SummaryFile, hlog.File)
	}
	s, err := ReadSummary(dir)
	if err != nil {
		return nil, nil, err
	}
	if _, _, err := s.Histograms(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", filepath.Join(dir, SummaryFile), err)
	}
	path := filepath.Join(dir, hlog.File)
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("merge: %w (each run's latency log is needed to merge its intervals)", err)
	}
	defer f.Close()
	l, err := hlog.Read(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, l, nil
}
