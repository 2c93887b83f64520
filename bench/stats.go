package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// median returns the median of xs (the mean of the middle two for an even
// count); 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// ratio is a/b, or 0 when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// summary is the part of disload's summary.json the benchmarks read.
type summary struct {
	DurationS float64 `json:"duration_s"`
	Events    struct {
		Sent, OK, Failed, Dropped int64
	} `json:"events"`
	AskedRate    float64 `json:"asked_rate"`
	AchievedRate float64 `json:"achieved_rate"`
	RateHeld     bool    `json:"rate_held"`
	Latency      struct {
		Response, Service struct {
			P50 float64 `json:"p50"`
			P99 float64 `json:"p99"`
		}
	} `json:"latency_ms"`
}

func readSummary(path string) (*summary, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var s summary
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &s, nil
}

// vegetaReport is the part of `vegeta report -type json` the benchmarks
// read; latencies are in nanoseconds.
type vegetaReport struct {
	Latencies struct {
		P50 float64 `json:"50th"`
		P99 float64 `json:"99th"`
	} `json:"latencies"`
	Duration   float64 `json:"duration"` // ns, attack time
	Requests   int64   `json:"requests"`
	Rate       float64 `json:"rate"`
	Throughput float64 `json:"throughput"`
	Success    float64 `json:"success"`
}

func parseVegeta(data []byte) (*vegetaReport, error) {
	var v vegetaReport
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("vegeta report: %w", err)
	}
	return &v, nil
}

// cpuTimes parses `/usr/bin/time -f '%U %S %M'`: user and system seconds
// and the peak RSS in KB. time writes other lines (a non-zero exit) before
// the last one.
func cpuTimes(data []byte) (user, sys float64, maxRSSKB int64, err error) {
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	f := strings.Fields(lines[len(lines)-1])
	if len(f) != 3 {
		return 0, 0, 0, fmt.Errorf("time output %q: want \"USER SYS MAXRSS\"", lines[len(lines)-1])
	}
	user, err1 := strconv.ParseFloat(f[0], 64)
	sys, err2 := strconv.ParseFloat(f[1], 64)
	maxRSSKB, err3 := strconv.ParseInt(f[2], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return 0, 0, 0, fmt.Errorf("time output %q: not numbers", lines[len(lines)-1])
	}
	return user, sys, maxRSSKB, nil
}

// procStatusKB reads a "Name:   1234 kB" field of /proc/PID/status.
func procStatusKB(status []byte, name string) (int64, bool) {
	for line := range strings.Lines(string(status)) {
		rest, ok := strings.CutPrefix(line, name+":")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 0 {
			return 0, false
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		return n, err == nil
	}
	return 0, false
}

// goBench is one result line of `go test -bench`: the name without the
// -GOMAXPROCS suffix and its unit → value pairs.
type goBench struct {
	Name   string
	Values map[string]float64
}

// parseGoBench reads the result lines of `go test -bench` output.
func parseGoBench(r io.Reader) []goBench {
	var out []goBench
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
			continue
		}
		b := goBench{Name: trimProcs(f[0]), Values: map[string]float64{}}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				b.Values[f[i+1]] = v
			}
		}
		out = append(out, b)
	}
	return out
}

// trimProcs drops the -N GOMAXPROCS suffix of a benchmark name.
func trimProcs(name string) string {
	i := strings.LastIndexByte(name, '-')
	if i < 0 {
		return name
	}
	if _, err := strconv.Atoi(name[i+1:]); err != nil {
		return name
	}
	return name[:i]
}

// medianOf is the median of a unit's values over the results named name.
func medianOf(results []goBench, name, unit string) float64 {
	var xs []float64
	for _, b := range results {
		if v, ok := b.Values[unit]; ok && b.Name == name {
			xs = append(xs, v)
		}
	}
	return median(xs)
}
