package compare

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"

	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/reports"
)

// Run is one saved run as Runs reads it: its summary and, when the
// result directory holds one, its interval log.
type Run struct {
	Path    string // as given: a result directory or a summary.json
	Summary *reports.Summary
	Log     *hlog.Log // nil without latency.hlog beside the summary
}

// ReadRuns reads the runs at path: a result directory or a summary.json
// (one run, with the latency.hlog beside it when there is one), or a
// directory holding no summary.json whose subdirectories are result
// directories (every run among them, in name order).
func ReadRuns(path string) ([]*Run, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read summary: %w", err)
	}
	if !info.IsDir() || exists(filepath.Join(path, reports.SummaryFile)) {
		r, err := ReadRun(path)
		if err != nil {
			return nil, err
		}
		return []*Run{r}, nil
	}
	return readRunDirs(path)
}

// readRunDirs reads every result directory directly inside dir.
func readRunDirs(dir string) ([]*Run, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	var runs []*Run
	for _, e := range entries {
		sub := filepath.Join(dir, e.Name())
		if !e.IsDir() || !exists(filepath.Join(sub, reports.SummaryFile)) {
			continue
		}
		r, err := ReadRun(sub)
		if err != nil {
			return nil, err
		}
		runs = append(runs, r)
	}
	if len(runs) == 0 {
		return nil, fmt.Errorf("read summary: %s holds no %s, nor directories holding one", dir, reports.SummaryFile)
	}
	return runs, nil
}

// ReadRun reads one run: its summary.json and the latency.hlog beside it,
// if any.
func ReadRun(path string) (*Run, error) {
	s, err := reports.ReadSummary(path)
	if err != nil {
		return nil, err
	}
	dir := path
	if info, err := os.Stat(path); err == nil && !info.IsDir() {
		dir = filepath.Dir(path)
	}
	r := &Run{Path: path, Summary: s}
	logPath := filepath.Join(dir, hlog.File)
	f, err := os.Open(logPath)
	if errors.Is(err, fs.ErrNotExist) {
		return r, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	defer f.Close()
	if r.Log, err = hlog.Read(f); err != nil {
		return nil, fmt.Errorf("%s: %w", logPath, err)
	}
	return r, nil
}

// exists reports whether path names something.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// summaries returns the runs' summaries.
func summaries(runs []*Run) []*reports.Summary {
	out := make([]*reports.Summary, len(runs))
	for i, r := range runs {
		out[i] = r.Summary
	}
	return out
}

// withoutLogs wraps summaries as runs without interval logs.
func withoutLogs(sums ...*reports.Summary) []*Run {
	runs := make([]*Run, len(sums))
	for i, s := range sums {
		runs[i] = &Run{Summary: s}
	}
	return runs
}

// aggregate is the figure set of one side of a comparison: its one run's
// summary, or for several runs the mean of their counts, rates and trigger
// figures, with the latency of all their events together (the merged
// histograms).
func aggregate(runs []*Run) *reports.Summary {
	if len(runs) == 0 {
		return &reports.Summary{Schema: reports.Schema, Errors: map[string]int64{}}
	}
	if len(runs) == 1 {
		return runs[0].Summary
	}
	sums := summaries(runs)
	a := &reports.Summary{Schema: reports.Schema, Seed: sums[0].Seed, Started: sums[0].Started, RateHeld: true,
		Scenario: reports.JoinDistinct(sums, ",", func(s *reports.Summary) string { return s.Scenario }),
		Mode:     reports.JoinDistinct(sums, ",", func(s *reports.Summary) string { return s.Mode }),
		Target:   reports.JoinDistinct(sums, ",", func(s *reports.Summary) string { return s.Target }),
	}
	n := float64(len(sums))
	mean := func(get func(*reports.Summary) float64) float64 {
		var t float64
		for _, s := range sums {
			t += get(s)
		}
		return t / n
	}
	meanInt := func(get func(*reports.Summary) int64) int64 {
		return int64(math.Round(mean(func(s *reports.Summary) float64 { return float64(get(s)) })))
	}
	a.DurationS = mean(func(s *reports.Summary) float64 { return s.DurationS })
	a.Events = reports.Events{Sent: meanInt(func(s *reports.Summary) int64 { return s.Events.Sent }),
		OK:      meanInt(func(s *reports.Summary) int64 { return s.Events.OK }),
		Failed:  meanInt(func(s *reports.Summary) int64 { return s.Events.Failed }),
		Dropped: meanInt(func(s *reports.Summary) int64 { return s.Events.Dropped }),
		Retried: meanInt(func(s *reports.Summary) int64 { return s.Events.Retried })}
	a.Records = meanInt(func(s *reports.Summary) int64 { return s.Records })
	a.PayloadBytes = meanInt(func(s *reports.Summary) int64 { return s.PayloadBytes })
	a.Throughput = reports.Throughput{EventsPerS: mean(func(s *reports.Summary) float64 { return s.Throughput.EventsPerS }),
		RecordsPerS:      mean(func(s *reports.Summary) float64 { return s.Throughput.RecordsPerS }),
		PayloadBytesPerS: mean(func(s *reports.Summary) float64 { return s.Throughput.PayloadBytesPerS })}
	a.AskedRate = mean(func(s *reports.Summary) float64 { return s.AskedRate })
	a.AchievedRate = mean(func(s *reports.Summary) float64 { return s.AchievedRate })
	for _, s := range sums {
		a.RateHeld = a.RateHeld && s.RateHeld
	}
	a.Cost = meanCost(sums)
	if resp, svc, err := reports.MergeHistograms(sums); err == nil {
		a.Latency = reports.Latency{Response: reports.NewLatencyStats(resp), Service: reports.NewLatencyStats(svc)}
		a.HDR = reports.EncodedHistograms{Response: reports.EncodeHistogram(resp), Service: reports.EncodeHistogram(svc)}
	}
	a.Trigger = meanTrigger(sums)
	return a
}

// meanTrigger is the mean of the runs' compared trigger figures (nil unless
// every run has them).
func meanTrigger(sums []*reports.Summary) *reports.Trigger {
	t := &reports.Trigger{}
	for _, s := range sums {
		if s.Trigger == nil {
			return nil
		}
		t.MaxLagMs += s.Trigger.MaxLagMs / float64(len(sums))
		t.FinalLagRecords += s.Trigger.FinalLagRecords
		t.EndToEndMs.P99 += s.Trigger.EndToEndMs.P99 / float64(len(sums))
	}
	t.FinalLagRecords /= int64(len(sums))
	return t
}
