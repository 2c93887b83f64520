package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/runner"
	"github.com/disload/disload/internal/scenarios"
	"github.com/disload/disload/internal/threshold"
)

type runFlags struct {
	duration    string
	rate        string
	concurrency int
	mode        string
	target      string
	partitions  int
	batch       int
	streamType  string
	seed        int64
	shard       string
	out         string
	thresholds  []string
	abortOn     []string
	noProgress  bool
	maxEvents   int64
	onFull      string
	poll        string
	findMax     bool
	outFormat   string
	headers     []string
	timeout     string
	dryRun      bool
	instances   string
	cost        costFlags
	sweep       string
	live        liveFlags
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
platform's runtime protocol; a package folder runs its bootstrap, index.py,
index.js or Go binary), custom:PATH/bootstrap (a custom runtime: disload
serves the runtime API), python:DIR/index.handler and node:DIR/index.handler
(a handler(event, context), run by disload's own bootstrap),
http-function:PATH/bootstrap (an HTTP function, listening on $PORT),
container:COMMAND (a container event function: POST /init, POST /invoke on
$PORT), image:IMAGE (the same from its image, run with podman or docker),
rpc://HOST:PORT (one already running), or an http(s):// URL (POST of
the event JSON).

Response time is measured from the moment the schedule intended each event to
start (coordinated omission corrected); service time from the actual start.
When disload cannot hold the asked rate it says so during the run and in the
summary (rate_held: false), never silently.

With -o DIR it writes DIR/summary.json, DIR/latency.hlog (an HdrHistogram
interval log, values in ns), DIR/report.html (charts, one self-contained
file), and a function's instance logs in DIR/logs/. DIR is checked before
the load starts (an unwritable DIR fails at once, naming it) and an earlier
run's outputs in it are removed; other files stay. --out-format csv or jsonl
streams one line of figures per interval to stdout as each interval closes,
for dashboards.
Ctrl-C (or SIGTERM, or a closed stdout) stops the run, lets in-flight events
finish for the grace period, still writes the full report marked
interrupted, and exits 105; a second Ctrl-C stops waiting for them, a third
exits at once.

Flags override the scenario's settings before it is checked, so a file
without a rate runs with -r, and any problem names the flag or the file's
line at fault. -d on a scenario that ramps in stages scales the stages to the
new duration, keeping the ramp's shape; -r replaces them with a constant
rate; --mode closed drops the open-loop schedule (an -r given too caps the
workers). -H adds request headers (HTTP headers of an http target, the
runtime's invoke headers, which a function reads into its context, of a
function or rpc target); header values are never printed. --dry-run checks
everything (the scenario with the flags, --threshold expressions, that a
function binary and TLS files exist) and prints the resolved scenario as
YAML, secrets redacted, without running it (exit 0, or 1 with every problem,
2 if only flags are wrong).

A run against a function-like target (inproc, function, rpc) reports what it
would cost on FunctionGraph: each invocation billed at its measured service
time rounded up to 1 ms, at --memory MB; GB-s, request and compute cost, and
the same projected per hour and per 30-day month at the run's rate, with and
without the free tier (1 M requests, 400,000 GB-s a month). Prices default
to Huawei Cloud's published list (the summary names its date and source);
--price-per-million-requests, --price-per-gb-s and --currency (or the
scenario's cost block) set yours. Trigger runs add the cost per million
records and, with --price-per-partition-hour / --price-per-million-put-units,
the DIS stream's own.

--sweep batch=10,50,100 (or memory=128,256,512; trigger mode) runs a capacity
search per value, as --find-max does, then a table (and in report.html a
chart) of each value's max sustainable records/s, end-to-end p99 and cost per
million records, with the value recommended by cost, by speed and balanced.
Each value's full result goes to DIR/sweep-PARAM-V; DIR/summary.json is the
balanced value's run with every row under "sweep". On one machine more
memory does not buy more CPU as it does on FunctionGraph: a memory sweep
changes the bill and the handler's context, not the measured speed.

Thresholds (--threshold, repeatable, and the scenario's own) such as
"p99<200ms", "p50<10ms", "error_rate<1%", "records_per_s>50000",
"cost_per_million_records<0.05" make the
exit code 99 when one is crossed. --threshold-abort (and abort_on_fail in
the scenario) stops the run at the first interval that crosses it, exit 99.

Live metrics: --metrics-addr HOST:PORT serves Prometheus metrics on /metrics
during the run (disload_events_total{outcome,class}, records, decoded bytes,
response and service time histograms, in flight, instances, rate held,
trigger lag per partition), and keeps serving after it until the final
figures are scraped, --metrics-linger at most. --prometheus-rw URL (remote write)
and --otlp URL (OTLP/HTTP metrics) push the same metrics every second; a
failing sink is warned about once and counted in summary.json's
live_metrics, and never stops or slows the load.`,
		Example: `  disload run
  disload run clicks -d 30s -r 2000/s -o out/
  disload run transactions -t http://127.0.0.1:8080/events -r 500/s --threshold 'p99<50ms'
  disload run my-scenario.yaml -t function:./bin/handler --mode closed -c 4
  disload run clicks --mode trigger -r 2000/s --partitions 4 -t inproc:sleep:20ms
  disload run clicks --mode trigger --find-max -r 1000/s -d 5s --poll 100ms -t function:./bin/handler
  disload run clicks --mode trigger -r 600/s --partitions 4 -t function:./bin/handler --instances 1:4
  disload run default -t python:examples/python/index.handler -r 100/s -d 2s
  disload run default -t node:examples/node/index.handler -r 100/s -d 2s --instances 1:2
  disload run default -t custom:examples/custom/bootstrap -r 20/s -d 2s --instances 1:4
  disload run default -t image:registry.example/fn:1 --instances 1:2 --dry-run
  disload run default -d 10s --out-format jsonl | jq .response_ms.p99
  disload run logs -t inproc:sleep:2ms -r 1000/s -c 10 --threshold 'error_rate<1%'
  disload run clicks --shard 0/3 -r 600/s -d 10s --seed 7 -o out/shard-0
  disload run default --batch 10 --max-events 5000 --on-full drop --no-progress
  disload run default -t inproc:sleep:5ms -d 30s --threshold-abort 'p99<2ms'
  disload run clicks -d 2s --dry-run
  disload run clicks --stream-type kafka -r 500/s -d 10s -t http://127.0.0.1:8080/events
  disload run clicks --batch 10 --seed 7 --shard 0/2 --max-events 500 --on-full drop --no-progress
  disload run default -t http://127.0.0.1:8080/events -H 'Authorization: Bearer ...' --timeout 500ms
  disload run default -t inproc:sleep:100ms --memory 256 -r 10/s -d 3s --threshold 'cost_per_million_records<5'
  disload run default -t inproc:sleep:20ms --price-per-million-requests 0.25 --price-per-gb-s 0.00002 --currency EUR
  disload run clicks --mode trigger -r 500/s -t inproc:sleep:5ms --price-per-partition-hour 0.02 --price-per-million-put-units 0.015
  disload run default --mode trigger --sweep batch=20,100 -t inproc:sleep:20ms -d 1s --poll 100ms -o out/
  disload run default -d 1m -r 200/s --metrics-addr :9464 --metrics-linger 15s
  disload run clicks --shard 0/3 -r 600/s --prometheus-rw http://prometheus:9090/api/v1/write
  disload run clicks -r 600/s --otlp http://otel-collector:4318/v1/metrics`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRun(cmd, args, &f, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.duration, "duration", "d", "", "how long to send, e.g. 30s (default: the scenario's); a staged ramp is scaled to it, keeping its shape")
	fl.StringVarP(&f.rate, "rate", "r", "", "events per second: 500/s, 3000/m (replaces the scenario's rate and stages)")
	fl.IntVarP(&f.concurrency, "concurrency", "c", 0, "max in flight (open) or workers (closed)")
	fl.StringVar(&f.mode, "mode", "", "open | closed | trigger")
	fl.StringVarP(&f.target, "target", "t", "", "inproc:NAME | function:PATH | custom:PATH | python:DIR/index.handler | node:DIR/index.handler | http-function:PATH | container:COMMAND | image:IMAGE | rpc://HOST:PORT | http(s)://URL")
	fl.IntVar(&f.partitions, "partitions", 0, "number of partitions")
	fl.IntVar(&f.batch, "batch", 0, "records per event, 1-10000 (1-1000 for kafka and rocketmq)")
	fl.StringVar(&f.streamType, "stream-type", "", "trigger event: dis, kafka or rocketmq (default: the scenario's, dis), e.g. --stream-type kafka")
	fl.Int64Var(&f.seed, "seed", 0, "seed of the generated stream")
	fl.StringVar(&f.shard, "shard", "", "I/N: drive only partitions p with p mod N = I (N copies together are the whole stream)")
	fl.StringVarP(&f.out, "out", "o", "", "directory for summary.json, latency.hlog and logs")
	fl.StringArrayVar(&f.thresholds, "threshold", nil, "pass/fail expression, e.g. 'p99<200ms' (repeatable)")
	fl.StringArrayVar(&f.abortOn, "threshold-abort", nil, "a threshold that stops the run when crossed, checked every interval, e.g. 'error_rate<5%' (repeatable; exit 99)")
	fl.BoolVar(&f.noProgress, "no-progress", false, "no live progress line (it is shown only on a terminal anyway)")
	fl.Int64Var(&f.maxEvents, "max-events", 0, "stop after this many events (0 = no cap)")
	fl.StringVar(&f.poll, "poll", "", "trigger mode: polling interval, the wait after a pull that found a partition drained (default 100ms; the platform's is 30s)")
	fl.BoolVar(&f.findMax, "find-max", false, "trigger mode: search for the highest records/s the target keeps up with, then run at it")
	fl.StringVar(&f.outFormat, "out-format", "table", "stdout: table (at the end) | json (summary.json at the end) | csv | jsonl (one line per interval as the run goes; the table then goes to stderr)")
	fl.StringVar(&f.onFull, "on-full", "", "queue | drop: what open loop does when --concurrency are in flight")
	fl.StringArrayVarP(&f.headers, "header", "H", nil, "request header 'Name: value' for http, function and rpc targets (repeatable; values are never printed)")
	fl.StringVar(&f.timeout, "timeout", "", "bound of one invocation, e.g. 500ms (default: the scenario's, 3s)")
	fl.BoolVar(&f.dryRun, "dry-run", false, "check the scenario with the flags applied and print it as YAML (secrets redacted) without running it")
	fl.StringVar(&f.instances, "instances", "", "function targets: MIN:MAX instances, e.g. 1:4 (MIN start first, more on demand; default 1:400, the platform's default max)")
	f.cost.add(fl)
	fl.StringVar(&f.sweep, "sweep", "", "trigger mode: a capacity search per value, e.g. batch=10,50,100 or memory=128,256,512, with capacity, p99 and cost per million records per value")
	addLiveFlags(fl, &f.live)
	return cmd
}

func runRun(cmd *cobra.Command, args []string, f *runFlags, stdout, stderr io.Writer) error {
	sc, err := resolveScenario(args, runOverrides(cmd, f)...)
	if err != nil {
		return err
	}
	if f.dryRun {
		if err := sc.CheckFiles(); err != nil {
			return err
		}
		return printScenario(stdout, sc)
	}
	shard, shards, err := parseShard(f.shard)
	if err != nil {
		return err
	}
	opts := runner.Options{
		Scenario: sc, Shard: shard, Shards: shards, OutDir: f.out, Thresholds: f.thresholds, AbortThresholds: f.abortOn,
		Stdout: stdout, Warn: stderr, FindMax: f.findMax,
	}
	opts.Sweep, _ = sweepOverride(cmd, f.sweep)
	return execute(cmd, f, opts, stdout, stderr)
}

// execute runs with opts (the report flags of f applied) and turns the
// result into the exit: what run and produce share.
func execute(cmd *cobra.Command, f *runFlags, opts runner.Options, stdout, stderr io.Writer) error {
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
	if showProgress(f, stdout, stderr) {
		opts.Progress = stderr
	}
	opts.Hurry = hurryFrom(cmd.Context())
	var err error
	if opts.Live, err = openLive(f.live, stderr); err != nil {
		return err
	}
	defer opts.Live.Close(opts.Hurry)
	res, err := runner.Run(cmd.Context(), opts)
	if res == nil {
		// Stopped before there was anything to report (a signal during the
		// set-up, the target's start): interrupted all the same.
		if errors.Is(err, runner.ErrInterrupted) || cmd.Context().Err() != nil {
			return exitCodeError{code: exitInterrupted, msg: err.Error()}
		}
		return err
	}
	if f.outFormat == "json" {
		// Printed even when the files could not be written.
		err = errors.Join(err, res.Summary.WriteJSON(stdout))
	}
	if f.out != "" && err == nil {
		fmt.Fprintf(stderr, "results written to %s\n", f.out)
	}
	return runExit(res, err)
}

// runExit is the outcome of a finished run: a run aborted by a threshold
// exits 99; else interrupted (105) comes first, as thresholds judged on
// part of a run say little; then an error writing the results (1); then a
// crossed threshold (99).
func runExit(res *runner.Result, err error) error {
	if by := res.Summary.AbortedBy; by != "" {
		msg := fmt.Sprintf("threshold %q crossed: run aborted", by)
		if err != nil {
			msg += "\n" + err.Error()
		}
		return exitCodeError{code: exitThreshold, msg: msg}
	}
	if res.Summary.Interrupted {
		msg := "interrupted: the report covers the run up to the stop"
		if err != nil {
			msg += "\n" + err.Error()
		}
		return exitCodeError{code: exitInterrupted, msg: msg}
	}
	if err != nil {
		return err
	}
	if !res.ThresholdsOK {
		return exitCodeError{code: exitThreshold, msg: "a threshold was crossed"}
	}
	return nil
}

// runOverrides turns the run flags that were given into scenario
// overrides, applied in this order before the scenario is checked.
func runOverrides(cmd *cobra.Command, f *runFlags) []scenarios.Override {
	fl := cmd.Flags()
	var ovs []scenarios.Override
	add := func(name string, o scenarios.Override) {
		if fl.Changed(name) {
			ovs = append(ovs, o)
		}
	}
	add("rate", scenarios.RateFlag("--rate", f.rate))
	add("duration", scenarios.DurationFlag("--duration", f.duration))
	add("mode", scenarios.ModeFlag("--mode", f.mode, fl.Changed("rate")))
	add("target", scenarios.TargetFlag("--target", f.target))
	add("timeout", scenarios.DurationFieldFlag("--timeout", "target.timeout", f.timeout))
	add("header", scenarios.HeaderFlag("--header", f.headers))
	add("poll", scenarios.DurationFieldFlag("--poll", "trigger.poll", f.poll))
	add("on-full", scenarios.ValueFlag("--on-full", "load.on_full", scenarios.OnFull(f.onFull)))
	add("concurrency", scenarios.ValueFlag("--concurrency", "load.concurrency", f.concurrency))
	ovs = append(ovs, streamOverrides(cmd, f.seed, f.partitions, f.batch, f.streamType)...)
	add("max-events", scenarios.ValueFlag("--max-events", "load.max_events", f.maxEvents))
	add("find-max", scenarios.CheckFlag("--find-max", func(s *scenarios.Scenario) error {
		if s.Load.Mode != scenarios.ModeTrigger {
			return fmt.Errorf("needs trigger mode (--mode trigger), the scenario's is %s", s.Load.Mode)
		}
		return nil
	}))
	for _, expr := range f.thresholds {
		ovs = append(ovs, scenarios.CheckFlag("--threshold", func(*scenarios.Scenario) error {
			_, err := threshold.Parse(expr)
			return err
		}))
	}
	add("instances", instancesFlag(f.instances))
	_, sweep := sweepOverride(cmd, f.sweep)
	return append(append(ovs, f.cost.overrides(cmd)...), sweep...)
}

// instancesFlag is the override of --instances.
func instancesFlag(spec string) scenarios.Override {
	return scenarios.Override{Flag: "--instances", Sets: []string{"target.instances"},
		Apply: func(s *scenarios.Scenario) error { return applyInstances(s, spec) }}
}

// applyInstances sets the function target's instances from --instances
// MIN:MAX (or N for N:N).
func applyInstances(sc *scenarios.Scenario, spec string) error {
	if sc.Target.Type != scenarios.TargetFunction {
		return fmt.Errorf("only function targets (function:PATH) run instances; this target is %s", sc.Target.Spec())
	}
	lo, hi, found := strings.Cut(spec, ":")
	if !found {
		hi = lo
	}
	min, err1 := strconv.Atoi(lo)
	max, err2 := strconv.Atoi(hi)
	if err1 != nil || err2 != nil || min < 1 || max < min || max > scenarios.MaxFunctionInstances {
		return fmt.Errorf("%q: want MIN:MAX with 1 <= MIN <= MAX <= %d, e.g. 1:4", spec, scenarios.MaxFunctionInstances)
	}
	sc.Target.Instances = scenarios.Instances{Min: min, Max: max}
	return nil
}

// streamOverrides turns the --seed, --partitions, --batch and --stream-type
// flags that were given into overrides (run and gen share them).
func streamOverrides(cmd *cobra.Command, seed int64, partitions, batch int, streamType string) []scenarios.Override {
	fl := cmd.Flags()
	var ovs []scenarios.Override
	if fl.Changed("seed") {
		ovs = append(ovs, scenarios.ValueFlag("--seed", "seed", seed))
	}
	if fl.Changed("partitions") {
		ovs = append(ovs, scenarios.ValueFlag("--partitions", "stream.partitions", partitions))
	}
	if fl.Changed("batch") {
		ovs = append(ovs, scenarios.ValueFlag("--batch", "batch.size", batch))
	}
	if fl.Changed("stream-type") {
		ovs = append(ovs, scenarios.ValueFlag("--stream-type", "stream.type", generator.StreamType(streamType)))
	}
	return ovs
}

// printScenario writes the resolved scenario as YAML (redacted).
func printScenario(w io.Writer, sc *scenarios.Scenario) error {
	y, err := sc.YAML()
	if err != nil {
		return err
	}
	_, err = w.Write(y)
	return err
}

// showProgress decides on the live line: only on a terminal, and not when
// the intervals stream to that same terminal (csv, jsonl), whose lines
// the redraws would cut into.
func showProgress(f *runFlags, stdout, stderr io.Writer) bool {
	if f.noProgress || !isTerminal(stderr) {
		return false
	}
	streaming := f.outFormat == "csv" || f.outFormat == "jsonl"
	return !(streaming && sameFile(stdout, stderr))
}

// sameFile reports whether a and b are the same open file (one terminal).
func sameFile(a, b io.Writer) bool {
	fa, okA := a.(*os.File)
	fb, okB := b.(*os.File)
	if !okA || !okB {
		return false
	}
	sa, errA := fa.Stat()
	sb, errB := fb.Stat()
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
