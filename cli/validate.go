package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/disload/disload/corpus"
	"github.com/disload/disload/dis"
	"github.com/disload/disload/kafka"
)

func newValidateCmd(stdout, _ io.Writer) *cobra.Command {
	var partitions int
	cmd := &cobra.Command{
		Use:   "validate FILE|DIR...",
		Short: "Check DIS, Kafka and RocketMQ trigger events against the platform's wire format",
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

Kafka and RocketMQ events (recognised by their trigger_type or event_version
key) are checked against their format (docs/PROTOCOL.md §6): exactly the six
keys, event_version "v1.0", event_time in Unix seconds, trigger_type KAFKA or
ROCKETMQ, one records entry per topic, messages as strings, 1 to 1,000
messages, at most 6 MB.

Every problem is printed as file:line: json.path: problem. The exit code is 1
when any problem is found.`,
		Example: `  disload validate clicks.jsonl
  disload validate --partitions 4 testdata/events/
  disload gen -n 100 -o /tmp/c.jsonl && disload validate /tmp/c.jsonl
  disload validate clicks.jsonl testdata/events/   # two streams, checked apart
  disload gen clicks --stream-type kafka -n 50 -o /tmp/k.jsonl && disload validate /tmp/k.jsonl`,
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
	bad, kafkaEvents, messages := 0, 0, 0
	for _, it := range items {
		var problems []dis.Problem
		if isKafkaEvent(it.Data) {
			kafkaEvents++
			if problems = kafka.Validate(it.Data); len(problems) == 0 {
				messages += kafkaMessages(it.Data)
			}
		} else {
			problems = validateDIS(checker, it.Data)
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
	if kafkaEvents == len(items) {
		_, err = fmt.Fprintf(stdout, "%d Kafka/RocketMQ events valid (%d messages)\n", len(items), messages)
		return err
	}
	if kafkaEvents > 0 {
		_, err = fmt.Fprintf(stdout, "%d events valid: %d DIS (%d distinct partition keys), %d Kafka/RocketMQ (%d messages)\n",
			len(items), len(items)-kafkaEvents, checker.Keys(), kafkaEvents, messages)
		return err
	}
	_, err = fmt.Fprintf(stdout, "%d events valid (%d distinct partition keys)\n", len(items), checker.Keys())
	return err
}

// validateDIS checks a DIS event alone and then within its stream.
func validateDIS(checker *dis.StreamChecker, data []byte) []dis.Problem {
	problems := dis.Validate(data)
	if len(problems) == 0 {
		if ev, err := dis.Decode(data); err == nil {
			problems = checker.Check(ev)
		}
	}
	return problems
}

// isKafkaEvent reports whether data is a JSON object with a Kafka/RocketMQ
// event's key (trigger_type or event_version, in any case) and none of a DIS
// event's (ShardID, Message).
func isKafkaEvent(data []byte) bool {
	var keys map[string]json.RawMessage
	if json.Unmarshal(data, &keys) != nil {
		return false
	}
	kafkaKey, disKey := false, false
	for k := range keys {
		switch strings.ToLower(k) {
		case "trigger_type", "event_version":
			kafkaKey = true
		case "shardid", "message":
			disKey = true
		}
	}
	return kafkaKey && !disKey
}

// kafkaMessages counts the messages of a valid Kafka/RocketMQ event.
func kafkaMessages(data []byte) int {
	ev, err := kafka.Decode(data)
	if err != nil {
		return 0
	}
	n := 0
	for _, r := range ev.Records {
		n += len(r.Messages)
	}
	return n
}

// problemLine is the line of the file on which a problem's value starts.
func problemLine(it corpus.Item, p dis.Problem) int {
	if p.Offset < 0 || p.Offset > int64(len(it.Data)) {
		return it.Line
	}
	return it.Line + bytes.Count(it.Data[:p.Offset], []byte("\n"))
}
