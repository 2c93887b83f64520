package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// rssSample is the resident set size of a process at a time.
type rssSample struct {
	at    time.Duration
	rssKB int64
}

// halves returns the peak RSS of the first and the second half of the
// samples' time span.
func halves(samples []rssSample, span time.Duration) (first, second int64) {
	for _, s := range samples {
		if s.at < span/2 {
			first = max(first, s.rssKB)
		} else {
			second = max(second, s.rssKB)
		}
	}
	return first, second
}

// sampleRSS reads VmRSS of pid every interval until done is closed.
func sampleRSS(pid int, every time.Duration, done <-chan struct{}) []rssSample {
	var out []rssSample
	start := time.Now()
	tick := time.NewTicker(every)
	defer tick.Stop()
	path := fmt.Sprintf("/proc/%d/status", pid)
	for {
		select {
		case <-done:
			return out
		case <-tick.C:
		}
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		if kb, ok := procStatusKB(data, "VmRSS"); ok {
			out = append(out, rssSample{time.Since(start), kb})
		}
	}
}

// memory runs memoryAt for each -paced rate.
func memory(ctx context.Context, c config, t *tools, rep *report) error {
	for _, p := range c.paced {
		rate, ok := t.pacedRate(p)
		if !ok {
			rep.printf("\n_memory at %s skipped: vegeta's closed-loop maximum was not measured (section closed)_\n", p)
			continue
		}
		if err := memoryAt(ctx, c, t, rep, rate); err != nil {
			return err
		}
	}
	return nil
}

// memoryAt runs disload for c.memDur at rate, sampling its RSS.
func memoryAt(ctx context.Context, c config, t *tools, rep *report, rate float64) error {
	rep.section(fmt.Sprintf("Memory: a %s run at %s events/s", c.memDur, f0(rate)))
	dir, err := t.dir("disload-memory")
	if err != nil {
		return err
	}
	args := []string{"run", "default", "-t", t.sink.url(), "--batch", "1", "--no-progress", "-o", dir,
		"-r", f0(rate) + "/s", "-d", c.memDur.String()}
	if c.pacedConc > 0 {
		args = append(args, "-c", strconv.Itoa(c.pacedConc))
	}
	samples, maxRSS, err := runSampled(ctx, filepath.Join(t.bin, "disload"), args, filepath.Join(dir, "disload.log"))
	if err != nil {
		return err
	}
	s, err := readSummary(filepath.Join(dir, "summary.json"))
	if err != nil {
		return err
	}
	first, second := halves(samples, c.memDur)
	rep.table([]string{"achieved/s", "events", "peak RSS MB (rusage)", "peak RSS 1st half MB", "peak RSS 2nd half MB", "samples"},
		[][]string{{f0(s.AchievedRate), strconv.FormatInt(s.Events.Sent, 10), f1(float64(maxRSS) / 1024),
			f1(float64(first) / 1024), f1(float64(second) / 1024), strconv.Itoa(len(samples))}})
	rep.verdict(maxRSS < 100*1024, "peak RSS %.1f MB (bar: under 100 MB)", float64(maxRSS)/1024)
	grow := float64(second-first) / 1024
	rep.verdict(grow <= 0.05*float64(first)/1024, "second half's peak minus the first's: %+.1f MB (bar: no growth; 5%% tolerance)", grow)
	rep.printf("\nRSS sampled from /proc/PID/status (VmRSS) every 500 ms; peak from the process's rusage (what `/usr/bin/time -v` prints as Maximum resident set size).\n\n")
	rep.commands([]string{t.show("disload", args)})
	return nil
}

// runSampled runs a command, sampling its RSS, and returns the samples and
// its peak RSS in KB from rusage. Exit code 99 (a threshold) is no error.
func runSampled(ctx context.Context, bin string, args []string, logFile string) ([]rssSample, int64, error) {
	log, err := os.Create(logFile)
	if err != nil {
		return nil, 0, err
	}
	defer log.Close()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		return nil, 0, err
	}
	done := make(chan struct{})
	got := make(chan []rssSample, 1)
	go func() { got <- sampleRSS(cmd.Process.Pid, 500*time.Millisecond, done) }()
	err = cmd.Wait()
	close(done)
	samples := <-got
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 99 {
		err = nil
	}
	if err != nil {
		return samples, 0, fmt.Errorf("disload: %w (see %s)", err, logFile)
	}
	var maxRSS int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		maxRSS = ru.Maxrss // KB on Linux
	}
	return samples, maxRSS, nil
}
