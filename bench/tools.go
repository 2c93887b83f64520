package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// result is one measured run of a load tool against the sink.
type result struct {
	Tool     string
	Cmd      string  // the command that made it ($BIN, $OUT for the directories)
	Asked    float64 // asked requests/s; 0 = as fast as it goes
	Rate     float64 // achieved requests/s
	Requests int64
	Failed   int64
	P50, P99 float64 // response time, ms
	SvcP99   float64 // service time p99, ms (disload)
	SinkP99  float64 // the sink's own service time p99, µs
	CPU      float64 // user + system seconds of the tool
	MaxRSSKB int64
}

// cpuPerRequest is the tool's CPU time per request in µs.
func (r result) cpuPerRequest() float64 { return ratio(r.CPU*1e6, float64(r.Requests)) }

// tools runs disload, vegeta and wrk against the sink.
type tools struct {
	bin, out  string
	sink      *sinkProc
	targets   string // vegeta's targets file
	wrk       string // wrk's path; "" when it is not on PATH
	wrkScript string // wrk's Lua script: the same POST as vegeta's target
	seq       int
	// vegetaMax is vegeta's median closed-loop requests/s once the closed
	// section ran (for -paced auto).
	vegetaMax float64
}

// autoShare is the share of vegeta's closed-loop maximum that "auto" rates
// ask: 20,000 events/s of the 44,000-48,000.
const autoShare = 0.43

// pacedRate resolves a -paced entry; false for auto before the closed
// section measured vegeta.
func (t *tools) pacedRate(s string) (float64, bool) {
	if s != "auto" {
		r, err := strconv.ParseFloat(s, 64)
		return r, err == nil && r > 0
	}
	if t.vegetaMax <= 0 {
		return 0, false
	}
	return math.Round(autoShare*t.vegetaMax/100) * 100, true
}

// newTools writes vegeta's targets file and wrk's Lua script: POST of one
// ~1 KB event made by `disload gen default --batch 1`. wrk is looked up on
// PATH (a Debian package, not installed by run.sh).
func newTools(ctx context.Context, bin, out string, sink *sinkProc) (*tools, error) {
	t := &tools{bin: bin, out: out, sink: sink}
	t.wrk, _ = exec.LookPath("wrk")
	event := filepath.Join(out, "event.jsonl")
	if _, err := t.exec(ctx, filepath.Join(out, "gen.txt"), "disload", "gen", "default", "-n", "1", "--batch", "1", "-o", event); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(event)
	if err != nil {
		return nil, err
	}
	body := filepath.Join(out, "event.json")
	if err := os.WriteFile(body, []byte(strings.TrimSpace(string(data))), 0o644); err != nil {
		return nil, err
	}
	t.wrkScript = filepath.Join(out, "wrk.lua")
	if err := os.WriteFile(t.wrkScript, []byte(luaScript(body)), 0o644); err != nil {
		return nil, err
	}
	t.targets = filepath.Join(out, "targets.txt")
	spec := fmt.Sprintf("POST %s\nContent-Type: application/json\n@%s\n", sink.url(), body)
	return t, os.WriteFile(t.targets, []byte(spec), 0o644)
}

// path is where a tool's binary is: wrk on PATH, the others in bin.
func (t *tools) path(tool string) string {
	if tool == "wrk" {
		return t.wrk
	}
	return filepath.Join(t.bin, tool)
}

// dir makes a new run directory.
func (t *tools) dir(name string) (string, error) {
	t.seq++
	d := filepath.Join(t.out, "runs", fmt.Sprintf("%03d-%s", t.seq, name))
	return d, os.MkdirAll(d, 0o755)
}

// exec runs a tool from bin with its output in logFile; it returns the
// command line as shown in the results.
func (t *tools) exec(ctx context.Context, logFile, tool string, args ...string) (string, error) {
	log, err := os.Create(logFile)
	if err != nil {
		return "", err
	}
	defer log.Close()
	cmd := exec.CommandContext(ctx, t.path(tool), args...)
	cmd.Stdout, cmd.Stderr = log, log
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && tool == "disload" && exit.ExitCode() == 99 {
		err = nil // a threshold crossed: the run is still complete
	}
	if err != nil {
		return "", fmt.Errorf("%s %s: %w (see %s)", tool, strings.Join(args, " "), err, logFile)
	}
	return t.show(tool, args), nil
}

// timed runs a tool under `/usr/bin/time -f '%U %S %M'` and returns its
// CPU seconds and peak RSS.
func (t *tools) timed(ctx context.Context, dir, tool string, args ...string) (res result, err error) {
	timeFile := filepath.Join(dir, "time.txt")
	targs := append([]string{"-f", "%U %S %M", "-o", timeFile, t.path(tool)}, args...)
	log, err := os.Create(filepath.Join(dir, tool+".log"))
	if err != nil {
		return res, err
	}
	defer log.Close()
	cmd := exec.CommandContext(ctx, "/usr/bin/time", targs...)
	cmd.Stdout, cmd.Stderr = log, log
	runErr := cmd.Run()
	var exit *exec.ExitError
	if runErr != nil && !(errors.As(runErr, &exit) && tool == "disload" && exit.ExitCode() == 99) {
		return res, fmt.Errorf("%s: %w (see %s)", tool, runErr, log.Name())
	}
	data, err := os.ReadFile(timeFile)
	if err != nil {
		return res, err
	}
	user, sys, rss, err := cpuTimes(data)
	res = result{Tool: tool, CPU: user + sys, MaxRSSKB: rss,
		Cmd: "/usr/bin/time -f '%U %S %M' " + t.show(tool, args)}
	return res, err
}

// show is a command line with the directories as $BIN and $OUT (wrk by
// its name, from PATH).
func (t *tools) show(tool string, args []string) string {
	s := "$BIN/" + tool + " " + strings.Join(args, " ")
	if tool == "wrk" {
		s = "wrk " + strings.Join(args, " ")
	}
	s = strings.ReplaceAll(s, t.out, "$OUT")
	return strings.ReplaceAll(s, t.sink.addr, "$SINK")
}

// disload runs `disload run default` with one-record (~1 KB) events
// against the sink, plus args.
func (t *tools) disload(ctx context.Context, name string, args ...string) (result, error) {
	dir, err := t.dir("disload-" + name)
	if err != nil {
		return result{}, err
	}
	if err := t.sink.reset(); err != nil {
		return result{}, err
	}
	full := append([]string{"run", "default", "-t", t.sink.url(), "--batch", "1", "--no-progress", "-o", dir}, args...)
	res, err := t.timed(ctx, dir, "disload", full...)
	if err != nil {
		return res, err
	}
	s, err := readSummary(filepath.Join(dir, "summary.json"))
	if err != nil {
		return res, err
	}
	res.Asked, res.Rate, res.Requests, res.Failed = s.AskedRate, s.AchievedRate, s.Events.Sent, s.Events.Failed
	res.P50, res.P99, res.SvcP99 = s.Latency.Response.P50, s.Latency.Response.P99, s.Latency.Service.P99
	return t.withSink(res)
}

// vegeta runs `vegeta attack` with the same event: rate 0 with workers
// for a closed loop, else paced (with at most workers in flight when
// workers > 0).
func (t *tools) vegeta(ctx context.Context, name string, rate float64, workers int, d time.Duration) (result, error) {
	dir, err := t.dir("vegeta-" + name)
	if err != nil {
		return result{}, err
	}
	if err := t.sink.reset(); err != nil {
		return result{}, err
	}
	bin := filepath.Join(dir, "results.bin")
	args := []string{"attack", "-targets", t.targets, "-rate", fmt.Sprintf("%.0f/s", rate), "-duration", d.String(), "-output", bin}
	if w := strconv.Itoa(workers); workers > 0 && rate == 0 {
		args = append(args, "-workers", w, "-max-workers", w)
	} else if workers > 0 {
		args = append(args, "-max-workers", w)
	}
	res, err := t.timed(ctx, dir, "vegeta", args...)
	if err != nil {
		return res, err
	}
	rep := filepath.Join(dir, "report.json")
	if _, err := t.exec(ctx, rep, "vegeta", "report", "-type", "json", bin); err != nil {
		return res, err
	}
	data, err := os.ReadFile(rep)
	if err != nil {
		return res, err
	}
	v, err := parseVegeta(data)
	if err != nil {
		return res, err
	}
	res.Asked, res.Rate, res.Requests = rate, v.Rate, v.Requests
	res.Failed = v.Requests - int64(v.Success*float64(v.Requests)+0.5)
	res.P50, res.P99 = v.Latencies.P50/1e6, v.Latencies.P99/1e6
	_ = os.Remove(bin) // results are large: the report keeps what counts
	return t.withSink(res)
}

func (t *tools) withSink(res result) (result, error) {
	st, err := t.sink.stats()
	res.SinkP99 = st.P99us
	return res, err
}
