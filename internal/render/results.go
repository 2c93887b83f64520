package render

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/reports"
)

// ReportFile is the name of the HTML report in a result directory.
const ReportFile = "report.html"

// WriteResults writes a result directory, creating it if needed:
// latency.hlog through writeLog (skipped when writeLog is nil), report.html
// and summary.json, each through a temporary file and a rename. The summary
// comes last, so a directory holding summary.json is complete.
func WriteResults(dir string, s *reports.Summary, writeLog func(io.Writer) error) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	if writeLog != nil {
		if err := reports.WriteFileAtomic(filepath.Join(dir, hlog.File), writeLog); err != nil {
			return err
		}
	}
	if err := reports.WriteFileAtomic(filepath.Join(dir, ReportFile), func(w io.Writer) error { return WriteHTML(w, s) }); err != nil {
		return err
	}
	return reports.WriteFileAtomic(filepath.Join(dir, reports.SummaryFile), s.WriteJSON)
}

// MergeDirs merges result directories (each holding summary.json and
// latency.hlog, as `disload run -o DIR` writes them) with reports.Merge and
// hlog.Merge, sets the merged intervals' percentiles exactly from
// the merged log, and writes the merged result directory out. It refuses
// out among the inputs, a directory or a run given twice (symbolic links
// resolved), and, unless mixed, runs of different scenarios or modes.
func MergeDirs(out string, dirs []string, mixed bool) (*reports.Summary, error) {
	if len(dirs) == 0 {
		return nil, errors.New("merge: no result directories")
	}
	if err := reports.DistinctDirs(out, dirs); err != nil {
		return nil, err
	}
	sums := make([]*reports.Summary, len(dirs))
	logs := make([]*hlog.Log, len(dirs))
	for i, dir := range dirs {
		var err error
		if sums[i], logs[i], err = reports.ReadResults(dir); err != nil {
			return nil, err
		}
	}
	if err := reports.CheckParts(sums, dirs, mixed); err != nil {
		return nil, err
	}
	merged, log, err := reports.MergeParsed(sums, logs)
	if err != nil {
		return nil, err
	}
	err = WriteResults(out, merged, func(w io.Writer) error {
		_, err := w.Write(log)
		return err
	})
	return merged, err
}
