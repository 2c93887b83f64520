// Command bench measures disload side by side with the tools users would
// pick instead, on one machine, against one local HTTP sink on 127.0.0.1:
// closed-loop maximum against vegeta, CPU per paced request, open-loop
// accuracy and latency at 20,000 events/s, pacing accuracy, peak RSS of a
// long run, and the Go benchmarks (function target against bare net/rpc,
// generator against encoding/json). bench/run.sh builds the binaries and
// runs it; it writes OUT/results.md (figures, ratios, commands) and keeps
// every run's raw output under OUT/runs.
//
// The closed section also runs wrk, when it is on PATH, as the sink's own
// limit. -sink-delay adds a service time to the sink; the paced section
// compares the response p99 with the sink's own service p99 of each run.
//
//	(cd bench && go build -o /tmp/bench .) && /tmp/bench -bin BIN -out OUT [-rounds 3] [-d 10s] [-mem-d 120s] [-sink-delay 0] [-only closed,cpu,pacing,memory,go]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// config is what one benchmark run does.
type config struct {
	bin, out   string
	rounds     int
	dur        time.Duration // each load run
	sweepDur   time.Duration // each run of the concurrency sweep
	memDur     time.Duration // the memory run
	sinkDelay  time.Duration // the sink's -delay: service time added to every request
	pacedConc  int           // in-flight cap of paced and memory runs: disload -c, vegeta -max-workers (0: each tool's default)
	goCount    int           // -count of the Go benchmarks
	goTime     string        // -benchtime of the Go benchmarks
	sections   []string
	timeout    time.Duration
	paced      []string // rates of the paced and memory sections: N or "auto"
	pacing     []float64
	concurrent []int
}

// allSections in the order they run.
var allSections = []string{"closed", "cpu", "pacing", "memory", "go"}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (config, error) {
	c := config{pacing: []float64{1000, 10000, 50000}, concurrent: []int{8, 16, 32, 64}}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.StringVar(&c.bin, "bin", "", "directory with disload, sink, vegeta and benchstat (required)")
	fs.StringVar(&c.out, "out", "", "directory for the results (required)")
	fs.IntVar(&c.rounds, "rounds", 3, "runs of each load measurement (the median is reported)")
	fs.DurationVar(&c.dur, "d", 10*time.Second, "duration of each load run")
	fs.DurationVar(&c.sweepDur, "sweep-d", 3*time.Second, "duration of each run of the closed-loop concurrency sweep")
	fs.DurationVar(&c.memDur, "mem-d", 2*time.Minute, "duration of the memory run")
	fs.DurationVar(&c.sinkDelay, "sink-delay", 0, "service time the sink adds to every request (its -delay), e.g. 1ms")
	fs.IntVar(&c.pacedConc, "paced-c", 0, "in-flight cap of the paced and memory runs: disload -c, vegeta -max-workers (0: each tool's default)")
	fs.IntVar(&c.goCount, "go-count", 6, "-count of the Go benchmarks")
	fs.StringVar(&c.goTime, "go-benchtime", "1s", "-benchtime of the Go benchmarks")
	fs.DurationVar(&c.timeout, "timeout", 40*time.Minute, "stop everything after this long")
	paced := fs.String("paced", "20000,auto", "rates of the paced and memory sections, events/s; auto = "+
		"autoShare×vegeta's closed-loop maximum (the share 20,000 is of the issue's 46,000)")
	only := fs.String("only", strings.Join(allSections, ","), "sections to run: "+strings.Join(allSections, ","))
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	var errs []error
	if c.bin == "" || c.out == "" {
		errs = append(errs, errors.New("-bin and -out are required"))
	}
	if c.rounds < 1 || c.goCount < 1 {
		errs = append(errs, errors.New("-rounds and -go-count must be at least 1"))
	}
	if c.sinkDelay < 0 {
		errs = append(errs, fmt.Errorf("-sink-delay: %s is negative", c.sinkDelay))
	}
	for _, p := range strings.Split(*paced, ",") {
		if _, err := strconv.ParseFloat(p, 64); err != nil && p != "auto" {
			errs = append(errs, fmt.Errorf("-paced: %q is neither a rate nor auto", p))
		}
		c.paced = append(c.paced, p)
	}
	for _, s := range strings.Split(*only, ",") {
		if !slices.Contains(allSections, s) {
			errs = append(errs, fmt.Errorf("-only: unknown section %q (valid: %s)", s, strings.Join(allSections, ",")))
		}
		c.sections = append(c.sections, s)
	}
	return c, errors.Join(errs...)
}

func run(args []string, stdout io.Writer) error {
	c, err := parseFlags(args)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		return err
	}
	rep, err := measure(ctx, c)
	if rep != nil {
		if werr := writeReport(rep, filepath.Join(c.out, "results.md"), stdout); werr != nil && err == nil {
			err = werr
		}
	}
	return err
}

// measure starts the sink and runs the sections.
func measure(ctx context.Context, c config) (*report, error) {
	sink, err := startSink(ctx, filepath.Join(c.bin, "sink"), c.out, c.sinkDelay)
	if err != nil {
		return nil, err
	}
	defer sink.stop()
	t, err := newTools(ctx, c.bin, c.out, sink)
	if err != nil {
		return nil, err
	}
	rep := &report{}
	rep.printf("# disload benchmark results\n\n%s; %s; GOMAXPROCS default; started %s.\n\n%s\n",
		machine(), goVersion(), time.Now().UTC().Format(time.RFC3339), sinkLine(c.sinkDelay, t.wrk))
	sections := map[string]func(context.Context, config, *tools, *report) error{
		"closed": closedLoop, "cpu": pacedCPU, "pacing": pacing, "memory": memory, "go": goBenchmarks,
	}
	for _, s := range c.sections {
		if err := sections[s](ctx, c, t, rep); err != nil {
			rep.printf("\n**section %s stopped: %v**\n", s, err)
			return rep, fmt.Errorf("%s: %w", s, err)
		}
	}
	rep.printf("\n_load average at the end: %s_\n", loadAvg())
	return rep, nil
}

// sinkLine states the sink's delay and whether wrk measures its limit.
func sinkLine(delay time.Duration, wrk string) string {
	d := "no added delay (-sink-delay 0)"
	if delay > 0 {
		d = "a delay of " + delay.String() + " added to every request (-sink-delay " + delay.String() + ")"
	}
	w := "wrk: " + wrk + " (the sink's own limit, closed section)"
	if wrk == "" {
		w = wrkMissing + " (the closed section runs without it)"
	}
	return "Sink: bench/sink (Go net/http) on 127.0.0.1, " + d + "; " + w + "."
}

func writeReport(rep *report, path string, stdout io.Writer) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := rep.writeTo(io.MultiWriter(f, stdout)); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
