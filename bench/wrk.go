package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// wrkThreads is wrk's -t: one thread per core of this 2-core machine.
const wrkThreads = 2

// wrkMissing is what the closed section says when wrk is not on PATH.
const wrkMissing = "wrk not installed: apt-get install wrk"

// wrkResult is what the benchmarks read of wrk's text output.
type wrkResult struct {
	Rate     float64 // "Requests/sec:"
	Requests int64   // "N requests in D, B read"
	Errors   int64   // socket errors and non-2xx/3xx answers
	P50, P99 float64 // ms, from the --latency distribution; 0 without it
}

// parseWrk reads wrk's output. The "Requests/sec:" line is required; the
// request count, errors and latency distribution are read when present.
func parseWrk(out []byte) (wrkResult, error) {
	var w wrkResult
	seenRate := false
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		f := strings.Fields(line)
		var err error
		switch {
		case strings.HasPrefix(line, "Requests/sec:"):
			w.Rate, err = wrkNumber(strings.TrimPrefix(line, "Requests/sec:"))
			seenRate = err == nil
		case len(f) >= 3 && f[1] == "requests" && f[2] == "in":
			w.Requests, err = strconv.ParseInt(f[0], 10, 64)
		case strings.HasPrefix(line, "Socket errors:"):
			var n int64
			n, err = wrkSocketErrors(strings.TrimPrefix(line, "Socket errors:"))
			w.Errors += n
		case strings.HasPrefix(line, "Non-2xx or 3xx responses:"):
			var n int64
			n, err = strconv.ParseInt(strings.TrimSpace(strings.TrimPrefix(line, "Non-2xx or 3xx responses:")), 10, 64)
			w.Errors += n
		case len(f) == 2 && (f[0] == "50%" || f[0] == "99%"):
			var ms float64
			ms, err = wrkMillis(f[1])
			if f[0] == "50%" {
				w.P50 = ms
			} else {
				w.P99 = ms
			}
		}
		if err != nil {
			return wrkResult{}, fmt.Errorf("wrk output line %q: %w", line, err)
		}
	}
	if !seenRate {
		return wrkResult{}, errors.New(`wrk output: no "Requests/sec:" line`)
	}
	return w, nil
}

// wrkNumber parses a finite, non-negative number.
func wrkNumber(s string) (float64, error) {
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, err
	}
	if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
		return 0, fmt.Errorf("%q is not a rate", s)
	}
	return x, nil
}

// wrkMillis parses one of wrk's times ("243.00us", "1.13ms", "1.02s",
// "2.00m") into milliseconds.
func wrkMillis(s string) (float64, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, err
	}
	if d < 0 {
		return 0, fmt.Errorf("negative time %q", s)
	}
	return float64(d) / 1e6, nil
}

// wrkSocketErrors sums "connect 0, read 0, write 0, timeout 4".
func wrkSocketErrors(s string) (int64, error) {
	var sum int64
	for part := range strings.SplitSeq(s, ",") {
		f := strings.Fields(part)
		if len(f) != 2 {
			return 0, fmt.Errorf("socket errors: %q is not \"KIND N\"", strings.TrimSpace(part))
		}
		n, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("socket errors: %q is not a count", f[1])
		}
		sum += n
	}
	return sum, nil
}

// wrkDuration is d as wrk's -d takes it: whole seconds, at least 1
// (wrk does not read Go's "1m30s").
func wrkDuration(d time.Duration) string {
	return strconv.FormatInt(max(1, int64(math.Ceil(d.Seconds()))), 10) + "s"
}

// luaScript is wrk's script: POST with the body read from the event file
// and Content-Type application/json, as vegeta's target sends.
func luaScript(eventFile string) string {
	return "-- written by bench: POST the 1 KB event of vegeta's target\n" +
		"wrk.method = \"POST\"\n" +
		"wrk.headers[\"Content-Type\"] = \"application/json\"\n" +
		"local f = assert(io.open(" + luaString(eventFile) + ", \"rb\"))\n" +
		"wrk.body = f:read(\"*a\")\n" +
		"f:close()\n"
}

// luaString quotes s as a Lua long string, whatever it holds.
func luaString(s string) string {
	eq := ""
	for strings.Contains(s, "]"+eq+"]") || strings.HasSuffix(s, "]"+eq) {
		eq += "="
	}
	return "[" + eq + "[" + s + "]" + eq + "]"
}

// wrk runs `wrk -t2 -c conns` with the Lua script for d against the sink
// and reads its figures and the sink's.
func (t *tools) runWrk(ctx context.Context, name string, conns int, d time.Duration) (result, error) {
	dir, err := t.dir("wrk-" + name)
	if err != nil {
		return result{}, err
	}
	if err := t.sink.reset(); err != nil {
		return result{}, err
	}
	args := []string{"-t", strconv.Itoa(min(wrkThreads, conns)), "-c", strconv.Itoa(conns), "-d", wrkDuration(d),
		"-s", t.wrkScript, "--latency", t.sink.url()}
	res, err := t.timed(ctx, dir, "wrk", args...)
	if err != nil {
		return res, err
	}
	out, err := os.ReadFile(filepath.Join(dir, "wrk.log"))
	if err != nil {
		return res, err
	}
	w, err := parseWrk(out)
	if err != nil {
		return res, fmt.Errorf("%s: %w", filepath.Join(dir, "wrk.log"), err)
	}
	res.Rate, res.Requests, res.Failed, res.P50, res.P99 = w.Rate, w.Requests, w.Errors, w.P50, w.P99
	return t.withSink(res)
}
