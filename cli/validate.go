package cli

import (
	"bytes"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/disload/disload/corpus"
	"github.com/disload/disload/dis"
)

func newValidateCmd(stdout, _ io.Writer) *cobra.Command {
	var partitions int
	cmd := &cobra.Command{
		Use:   "validate FILE|DIR...",
		Short: "Check DIS trigger events against the platform's wire format",
		Long: `validate checks events (.json files holding one event, JSON-lines files, or
directories of .json files) against the DIS trigger event format
(docs/PROTOCOL.md in disload's repository): keys and types, base64 data, sequence numbers, cursors,
and the platform's size limits (a record's data at most 1 MiB, an event at
most 6 MB). Across events it also checks, within each stream (StreamName),
that each partition's sequence numbers continue without gaps and that a
partition key always lands on one partition (and, with --partitions N, on the
partition the DIS SDK's formula gives). Corpora of different streams are
checked apart; corpora of one stream are checked as one stream, in the order
given (give the shards of one stream together, in any order, and a stream's
consecutive corpora in the order they were produced; check two unrelated
corpora of one stream name in two calls).

Every problem is printed as file:line: json.path: problem. The exit code is 1
when any problem is found.`,
		Example: `  disload validate clicks.jsonl
  disload validate --partitions 4 testdata/events/
  disload gen -n 100 -o /tmp/c.jsonl && disload validate /tmp/c.jsonl
  disload validate clicks.jsonl testdata/events/   # two streams, checked apart`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			return runValidate(args, partitions, stdout)
		},
	}
	cmd.Flags().IntVar(&partitions, "partitions", 0, "the stream's partition count, to check key → partition by the SDK formula")
	return cmd
}

func runValidate(paths []string, partitions int, stdout io.Writer) error {
	items, err := corpus.Read(paths...)
	if err != nil {
		return err
	}
	checker := dis.NewStreamChecker(partitions)
	bad := 0
	for _, it := range items {
		problems := dis.Validate(it.Data)
		if len(problems) == 0 {
			if ev, err := dis.Decode(it.Data); err == nil {
				problems = checker.Check(ev)
			}
		}
		for _, p := range problems {
			fmt.Fprintf(stdout, "%s:%d: %s\n", it.File, problemLine(it, p), p.Error())
		}
		if len(problems) > 0 {
			bad++
		}
	}
	if bad > 0 {
		return exitCodeError{code: exitError, msg: fmt.Sprintf("%d of %d events have problems", bad, len(items))}
	}
	_, err = fmt.Fprintf(stdout, "%d events valid (%d distinct partition keys)\n", len(items), checker.Keys())
	return err
}

// problemLine is the line of the file on which a problem's value starts.
func problemLine(it corpus.Item, p dis.Problem) int {
	if p.Offset < 0 || p.Offset > int64(len(it.Data)) {
		return it.Line
	}
	return it.Line + bytes.Count(it.Data[:p.Offset], []byte("\n"))
}
