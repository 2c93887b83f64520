package reports

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/disload/disload/internal/hlog"
)

// MergeParsed merges read runs: their summaries and interval logs, the
// merged intervals' percentiles set exactly from the merged log.
func MergeParsed(sums []*Summary, logs []*hlog.Log) (*Summary, []byte, error) {
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

// ReadResults reads and checks one result directory.
func ReadResults(dir string) (*Summary, *hlog.Log, error) {
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
