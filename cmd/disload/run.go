package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/disload/disload/runner"
	"github.com/disload/disload/scenarios"
)

type runFlags struct {
	duration    string
	rate        string
	concurrency int
	mode        string
	target      string
	partitions  int
	batch       int
	seed        int64
	shard       string
	out         string
	thresholds  []string
	noProgress  bool
	maxEvents   int64
	onFull      string
	poll        string
	findMax     bool
	outFormat   string
	instances   string
}

func newRunCmd(stdout, stderr io.Writer) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run [SCENARIO]",
		Short: "Drive a scenario's events into a target and report latency, throughput and errors",
		Long: `run generates the events of SCENARIO (a YAML file or a built-in name: default,
clicks, transactions, logs, locations, mixed; none = default, a few seconds
in-process) and drives them into the target:

  open loop    events start on a fixed schedule (--rate, or ramping stages in
               the scenario) whatever the target does; at most --concurrency
               in flight (on_full: queue waits and the wait counts in response
               time; drop skips and counts the event as dropped)
  closed loop  --concurrency workers, each sending its next event when the
               previous one is answered (an optional --rate caps them)
  trigger      what the FunctionGraph DIS trigger does: producers write
               --rate records/s into the partitions (shaped by the key skew,
               within the partition type's write limit), a poller per
               partition pulls batches of up to --batch records and invokes
               the target (serially per partition by default), and the report
               shows consumer lag per partition, iterator age and a verdict:
               dropping data (records skipped after retries), keeping up, or
               falling behind (lag growing by N records/s). --find-max
               searches the highest rate the target sustains (to within 5%),
               then runs at it.

A function target starts its instances on demand, as the platform does:
--instances MIN:MAX bounds them (default 1:400, FunctionGraph's default
maximum). Its timeout runs from the moment an instance starts the call; a
wait for a free instance counts in response time, never as a timeout.

Targets: inproc:NAME (a Go handler compiled into disload: decode, json, noop,
sleep:D), function:PATH (your compiled FunctionGraph Go function, run over the
platform's runtime protocol), rpc://HOST:PORT (one already running), or an
http(s):// URL (POST of the event JSON).

Response time is measured from the moment the schedule intended each event to
start (coordinated omission corrected); service time from the actual start.
When disload cannot hold the asked rate it says so during the run and in the
summary (rate_held: false), never silently.

With -o DIR it writes DIR/summary.json, DIR/latency.hlog (an HdrHistogram
interval log, values in ns), DIR/report.html (charts, one self-contained
file), and a function's instance logs in DIR/logs/. --out-format csv or jsonl
streams one line of figures per interval to stdout as the run goes, for
dashboards.
Ctrl-C stops the run, lets in-flight events finish for the grace period, and
still writes the full report marked interrupted.

Thresholds (--threshold, repeatable, and the scenario's own) such as
"p99<200ms", "p50<10ms", "error_rate<1%", "records_per_s>50000" make the
exit code 99 when one is crossed.`,
		Example: `  disload run
  disload run clicks -d 30s -r 2000/s -o out/
  disload run transactions -t http://127.0.0.1:8080/events -r 500/s --threshold 'p99<50ms'
  disload run my-scenario.yaml -t function:./bin/handler --mode closed -c 4
  disload run clicks --mode trigger -r 2000/s --partitions 4 -t inproc:sleep:20ms
  disload run clicks --mode trigger --find-max -r 1000/s -d 5s --poll 100ms -t function:./bin/handler
  disload run clicks --mode trigger -r 600/s --partitions 4 -t function:./bin/handler --instances 1:4
  disload run default -d 10s --out-format jsonl | jq .response_ms.p99
  disload run logs -t inproc:sleep:2ms -r 1000/s -c 10 --threshold 'error_rate<1%'`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRun(cmd, args, &f, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.duration, "duration", "d", "", "how long to send, e.g. 30s (default: the scenario's)")
	fl.StringVarP(&f.rate, "rate", "r", "", "events per second: 500/s, 3000/m (replaces the scenario's rate and stages)")
	fl.IntVarP(&f.concurrency, "concurrency", "c", 0, "max in flight (open) or workers (closed)")
	fl.StringVar(&f.mode, "mode", "", "open | closed | trigger")
	fl.StringVarP(&f.target, "target", "t", "", "inproc:NAME | function:PATH | rpc://HOST:PORT | http(s)://URL")
	fl.IntVar(&f.partitions, "partitions", 0, "number of partitions")
	fl.IntVar(&f.batch, "batch", 0, "records per event, 1-10000")
	fl.Int64Var(&f.seed, "seed", 0, "seed of the generated stream")
	fl.StringVar(&f.shard, "shard", "", "I/N: drive only partitions p with p mod N = I (N copies together are the whole stream)")
	fl.StringVarP(&f.out, "out", "o", "", "directory for summary.json, latency.hlog and logs")
	fl.StringArrayVar(&f.thresholds, "threshold", nil, "pass/fail expression, e.g. 'p99<200ms' (repeatable)")
	fl.BoolVar(&f.noProgress, "no-progress", false, "no live progress line (it is shown only on a terminal anyway)")
	fl.Int64Var(&f.maxEvents, "max-events", 0, "stop after this many events (0 = no cap)")
	fl.StringVar(&f.poll, "poll", "", "trigger mode: polling interval, the wait after a pull that found a partition drained (platform default 30s)")
	fl.BoolVar(&f.findMax, "find-max", false, "trigger mode: search for the highest records/s the target keeps up with, then run at it")
	fl.StringVar(&f.outFormat, "out-format", "table", "stdout: table (at the end) | json (summary.json at the end) | csv | jsonl (one line per interval as the run goes; the table then goes to stderr)")
	fl.StringVar(&f.onFull, "on-full", "", "queue | drop: what open loop does when --concurrency are in flight")
	fl.StringVar(&f.instances, "instances", "", "function targets: MIN:MAX instances, e.g. 1:4 (MIN start first, more on demand; default 1:400, the platform's default max)")
	return cmd
}

func runRun(cmd *cobra.Command, args []string, f *runFlags, stdout, stderr io.Writer) error {
	sc, err := resolveScenario(args)
	if err != nil {
		return err
	}
	if err := applyRunFlags(cmd, sc, f); err != nil {
		return err
	}
	shard, shards, err := parseShard(f.shard)
	if err != nil {
		return err
	}
	opts := runner.Options{
		Scenario: sc, Shard: shard, Shards: shards, OutDir: f.out, Thresholds: f.thresholds,
		Stdout: stdout, Warn: stderr, FindMax: f.findMax,
	}
	switch f.outFormat {
	case "table":
	case "json":
		opts.Stdout = nil
	case "csv":
		opts.Stdout, opts.Intervals = stderr, runner.CSVSink(stdout)
	case "jsonl":
		opts.Stdout, opts.Intervals = stderr, runner.JSONLinesSink(stdout)
	default:
		return usageError{fmt.Errorf("--out-format %q: want table, json, csv or jsonl", f.outFormat)}
	}
	if !f.noProgress && isTerminal(stderr) {
		opts.Progress = stderr
	}
	res, err := runner.Run(cmd.Context(), opts)
	if err != nil {
		return err
	}
	if f.outFormat == "json" {
		if err := res.Summary.WriteJSON(stdout); err != nil {
			return err
		}
	}
	if f.out != "" {
		fmt.Fprintf(stderr, "results written to %s\n", f.out)
	}
	if !res.ThresholdsOK {
		return exitCodeError{code: exitThreshold, msg: "a threshold was crossed"}
	}
	return nil
}

// applyRunFlags overrides the scenario with the flags that were given and
// re-validates it.
func applyRunFlags(cmd *cobra.Command, sc *scenarios.Scenario, f *runFlags) error {
	fl := cmd.Flags()
	var err error
	if fl.Changed("duration") && !fl.Changed("rate") && len(sc.Load.Stages) > 0 {
		return usageError{fmt.Errorf("--duration: the scenario ramps in load.stages (%v in total); give --rate too to replace the stages with a constant rate", sc.Load.StagesDuration())}
	}
	if fl.Changed("duration") {
		if sc.Load.Duration, err = time.ParseDuration(f.duration); err != nil {
			return usageError{fmt.Errorf("--duration: %w", err)}
		}
	}
	if fl.Changed("rate") {
		if sc.Load.Rate, err = scenarios.ParseRate(f.rate); err != nil {
			return usageError{fmt.Errorf("--rate: %w", err)}
		}
		sc.Load.Stages = nil
		if !fl.Changed("duration") && sc.Load.Duration == 0 {
			sc.Load.Duration = scenarios.DefaultDuration
		}
	}
	if fl.Changed("target") {
		t, err := scenarios.ParseTarget(f.target)
		if err != nil {
			return usageError{fmt.Errorf("--target: %w", err)}
		}
		t.Timeout = sc.Target.Timeout
		sc.Target = t
	}
	if fl.Changed("mode") && scenarios.Mode(f.mode) != sc.Load.Mode {
		sc.Load.Mode = scenarios.Mode(f.mode)
		sc.Load.Concurrency = scenarios.DefaultConcurrency(sc.Load.Mode)
		if sc.Load.Mode == scenarios.ModeClosed && !fl.Changed("rate") {
			// The file's schedule was for another mode: closed loop runs
			// uncapped unless --rate caps it.
			sc.Load.Rate, sc.Load.Stages = scenarios.Rate{}, nil
		}
	}
	if fl.Changed("instances") {
		if err := applyInstances(sc, f.instances); err != nil {
			return usageError{err}
		}
	}
	if fl.Changed("poll") {
		if sc.Trigger.Poll, err = time.ParseDuration(f.poll); err != nil {
			return usageError{fmt.Errorf("--poll: %w", err)}
		}
	}
	if f.findMax && sc.Load.Mode != scenarios.ModeTrigger {
		return usageError{fmt.Errorf("--find-max needs trigger mode (--mode trigger)")}
	}
	if fl.Changed("on-full") {
		sc.Load.OnFull = scenarios.OnFull(f.onFull)
	}
	setIf(fl.Changed("concurrency"), &sc.Load.Concurrency, f.concurrency)
	overrideStream(cmd, sc, f.seed, f.partitions, f.batch)
	setIf(fl.Changed("max-events"), &sc.Load.MaxEvents, f.maxEvents)
	if err := sc.Validate(); err != nil {
		return usageError{err}
	}
	return nil
}

// applyInstances sets the function target's instances from --instances
// MIN:MAX (or N for N:N).
func applyInstances(sc *scenarios.Scenario, spec string) error {
	if sc.Target.Type != scenarios.TargetFunction {
		return fmt.Errorf("--instances: only function targets (function:PATH) run instances; this target is %s", sc.Target.Spec())
	}
	lo, hi, found := strings.Cut(spec, ":")
	if !found {
		hi = lo
	}
	min, err1 := strconv.Atoi(lo)
	max, err2 := strconv.Atoi(hi)
	if err1 != nil || err2 != nil || min < 1 || max < min || max > scenarios.MaxFunctionInstances {
		return fmt.Errorf("--instances %q: want MIN:MAX with 1 <= MIN <= MAX <= %d, e.g. 1:4", spec, scenarios.MaxFunctionInstances)
	}
	sc.Target.Instances = scenarios.Instances{Min: min, Max: max}
	return nil
}

// overrideStream applies the --seed, --partitions and --batch flags that
// were given (run and gen share them).
func overrideStream(cmd *cobra.Command, sc *scenarios.Scenario, seed int64, partitions, batch int) {
	fl := cmd.Flags()
	setIf(fl.Changed("seed"), &sc.Seed, seed)
	setIf(fl.Changed("partitions"), &sc.Stream.Partitions, partitions)
	setIf(fl.Changed("batch"), &sc.Batch.Size, batch)
}

func setIf[T any](changed bool, dst *T, v T) {
	if changed {
		*dst = v
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
