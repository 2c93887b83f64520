// Package cli is the disload command line: cmd/disload's main is
// os.Exit(cli.Main()). disload is a load generator and benchmark harness
// for FunctionGraph functions triggered by DIS streams: it synthesizes
// realistic DIS trigger events, drives them into a handler at a configured
// rate, and reports latency (coordinated-omission corrected), throughput and
// errors.
//
// A program of your own can register Go handlers with inproc.Register and
// then call Main: it is a disload that runs them in-process
// (`-t inproc:NAME`). Run `disload --help` for the commands.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
)

// Exit codes, part of disload's stable surface.
const (
	exitOK        = 0
	exitError     = 1
	exitUsage     = 2
	exitThreshold = 99
	// exitInterrupted is a run stopped from outside (Ctrl-C, SIGTERM, a
	// closed stdout), as k6's external abort: never read as a success.
	exitInterrupted = 105
)

// Main runs the disload command line (os.Args) and returns its exit code.
// It is what cmd/disload's main calls; a program that registers its own
// in-process handlers (inproc.Register) before calling Main is a disload
// that can run them: `-t inproc:NAME`.
func Main() int {
	// The handler is installed before anything else, so that a signal
	// during scenario loading, checks or the prefill is never ignored.
	ctx, sig := newInterrupts(os.Stderr, os.Exit)
	ch := make(chan os.Signal, 3)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	// A closed stdout (| head) returns EPIPE to the write instead of
	// killing disload: the run stops as interrupted and the report is
	// written.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	go sig.watch(ch)
	return run(ctx, os.Args[1:], os.Stdout, os.Stderr)
}

// usageError marks a command-line mistake (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitError carries a specific exit code with an optional message.
type exitCodeError struct {
	code int
	msg  string
}

func (e exitCodeError) Error() string { return e.msg }

// run executes the disload command line args and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ce exitCodeError
	if errors.As(err, &ce) {
		if ce.msg != "" {
			printError(stderr, ce)
		}
		return ce.code
	}
	printError(stderr, err)
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		fmt.Fprintln(stderr, "Run 'disload --help' for usage.")
		return exitUsage
	}
	return exitError
}

// printError prints err; an error of several lines (a scenario file's
// problems, each "file:line:col: field: message") is printed line by line.
func printError(w io.Writer, err error) {
	msg := err.Error()
	if strings.Contains(msg, "\n") {
		fmt.Fprintln(w, msg)
		return
	}
	fmt.Fprintln(w, "disload:", msg)
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "disload",
		Short: "Load generator and benchmark harness for DIS-triggered FunctionGraph functions",
		Long: `disload synthesizes DIS trigger events exactly as FunctionGraph sends them
(click streams, transactions, logs, location tracks, custom records; batches,
partitions, sequence numbers and cursors), drives them into your handler at a
configured rate (in-process Go handler, compiled function binary, or HTTP
endpoint) and reports latency corrected for coordinated omission, throughput
and errors by class.

Exit codes: 0 ok, 1 error (bad input, target failed to start, results
not written), 2 usage, 99 a threshold was crossed (or aborted the run),
105 interrupted (Ctrl-C, SIGTERM, stdout closed: the report is still
written; a second Ctrl-C stops waiting for deliveries in flight, a third
exits at once); 3 compare found a regression.

The platform facts disload follows (the event format, the runtime protocol,
the trigger) are in docs/PROTOCOL.md of its repository.`,
		Example: `  disload run                                 # the built-in default scenario, in-process, 3 s
  disload run clicks -d 10s -r 500/s -o out/  # results in out/: summary.json, latency.hlog, report.html
  disload gen clicks -n 1000 -o clicks.jsonl  # a fixture corpus for your tests
  disload validate clicks.jsonl
  disload scenarios show default > my.yaml
  disload compare base/ out/
  disload COMMAND --help                      # every flag of a command, with examples`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		newRunCmd(stdout, stderr),
		newGenCmd(stdout, stderr),
		newProduceCmd(stdout, stderr),
		newValidateCmd(stdout, stderr),
		newScenariosCmd(stdout),
		newReportCmd(stdout, stderr),
		newCompareCmd(stdout, stderr),
		newMergeCmd(stdout, stderr),
		newVersionCmd(stdout),
	)
	return root
}
