package disload_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/disloadtest"
	"github.com/disload/disload/internal/golden"
	"github.com/disload/disload/internal/runner"
	"github.com/disload/disload/internal/scenarios"
)

// goldenEvents is how many of each built-in's first events are kept as
// golden files.
const goldenEvents = 3

// TestBuiltinScenarios loads every built-in scenario, checks its first
// events against golden files, checks 400 events with an independent
// checker, and runs it briefly in-process.
func TestBuiltinScenarios(t *testing.T) {
	for _, name := range scenarios.BuiltinNames() {
		t.Run(name, func(t *testing.T) {
			sc, err := scenarios.Builtin(name)
			if err != nil {
				t.Fatal(err)
			}
			events := disloadtest.Events(t, name, 400)
			checkGolden(t, name, events[:goldenEvents])
			checkStream(t, sc, events)
			runBriefly(t, sc)
		})
	}
}

func checkGolden(t *testing.T, name string, events [][]byte) {
	t.Helper()
	got := append(bytes.Join(events, []byte("\n")), '\n')
	path := filepath.Join("testdata", "scenarios", name+".jsonl")
	golden.Check(t, path, got)
}

// wireEvent is the event as a handler decodes it, declared here so the
// check does not lean on the dis package it verifies.
type wireEvent struct {
	ShardID string
	Message struct {
		Cursor  string `json:"next_partition_cursor"`
		Records []struct {
			Key  string `json:"partition_key"`
			Data string `json:"data"`
			Seq  string `json:"sequence_number"`
		} `json:"records"`
		MillisBehindLatest *string `json:"millis_behind_latest"`
	}
	Tag        string
	StreamName string
}

// checkStream is the independent checker of the events issue: valid
// base64, per-partition sequence numbers contiguous across events, cursors
// naming the next number, one key on one partition, the partition the DIS
// SDK's formula gives, and at least 50 distinct keys.
func checkStream(t *testing.T, sc *scenarios.Scenario, events [][]byte) {
	t.Helper()
	next := map[string]int64{}
	keyShard := map[string]string{}
	for i, raw := range events {
		var ev wireEvent
		if err := json.Unmarshal(raw, &ev); err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		if ev.StreamName != sc.Stream.Name || ev.Tag != sc.Stream.Tag || ev.Message.MillisBehindLatest == nil || len(ev.Message.Records) == 0 {
			t.Fatalf("event %d: stream %q tag %q records %d", i, ev.StreamName, ev.Tag, len(ev.Message.Records))
		}
		var last int64
		for j, r := range ev.Message.Records {
			where := fmt.Sprintf("event %d record %d", i, j)
			if _, err := base64.StdEncoding.DecodeString(r.Data); err != nil {
				t.Fatalf("%s: data: %v", where, err)
			}
			seq, err := strconv.ParseInt(r.Seq, 10, 64)
			if err != nil {
				t.Fatalf("%s: sequence_number %q", where, r.Seq)
			}
			if want, seen := next[ev.ShardID]; (seen && seq != want) || (!seen && seq != sc.Stream.SequenceOffset) {
				t.Fatalf("%s: sequence %d on %s, want %d", where, seq, ev.ShardID, want)
			}
			next[ev.ShardID], last = seq+1, seq
			if prev, ok := keyShard[r.Key]; ok && prev != ev.ShardID {
				t.Fatalf("%s: key %q on %s and %s", where, r.Key, prev, ev.ShardID)
			}
			keyShard[r.Key] = ev.ShardID
			if want := fmt.Sprintf("shardId-%010d", sdkPartition(r.Key, sc.Stream.Partitions)); want != ev.ShardID {
				t.Fatalf("%s: key %q on %s, the SDK formula gives %s", where, r.Key, ev.ShardID, want)
			}
		}
		checkCursor(t, i, &ev, last+1)
	}
	if len(keyShard) < 50 {
		t.Errorf("%d distinct keys in %d events, want at least 50", len(keyShard), len(events))
	}
}

func checkCursor(t *testing.T, i int, ev *wireEvent, want int64) {
	t.Helper()
	raw, err := base64.RawStdEncoding.DecodeString(ev.Message.Cursor)
	if err != nil {
		t.Fatalf("event %d: cursor: %v", i, err)
	}
	var c struct {
		P struct {
			Stream string `json:"stream-name"`
			Part   string `json:"partition-id"`
			Seq    string `json:"starting-sequence-number"`
		} `json:"getIteratorParam"`
		TS int64 `json:"generateTimestamp"`
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatalf("event %d: cursor JSON: %v", i, err)
	}
	if c.P.Stream != ev.StreamName || c.P.Part != ev.ShardID || c.P.Seq != strconv.FormatInt(want, 10) || c.TS <= 0 {
		t.Fatalf("event %d: cursor %+v, want partition %s next sequence %d", i, c, ev.ShardID, want)
	}
}

// sdkPartition is the DIS SDK's key → partition formula (docs/PROTOCOL.md §4),
// written out again here on purpose.
func sdkPartition(key string, n int) int {
	if n <= 1 {
		return 0
	}
	sum := md5.Sum([]byte(key))
	h := int64(binary.BigEndian.Uint64(sum[:8])) & math.MaxInt64
	width := math.MaxInt64 / int64(n)
	idx := h / width
	if idx > 0 && h%width == 0 {
		idx--
	}
	return int(min(idx, int64(n-1)))
}

// runBriefly runs the scenario in-process for a moment: every event must
// reach the handler and succeed.
func runBriefly(t *testing.T, sc *scenarios.Scenario) {
	t.Helper()
	sc.Load.Duration, sc.Load.Stages = 300*time.Millisecond, nil
	sc.Load.Rate = scenarios.Rate{PerSecond: 100}
	if sc.Load.Mode == scenarios.ModeTrigger {
		sc.Load.Rate = scenarios.Rate{PerSecond: 1000}
	}
	if err := sc.Validate(); err != nil {
		t.Fatal(err)
	}
	res, err := runner.Run(context.Background(), runner.Options{Scenario: sc})
	if err != nil {
		t.Fatal(err)
	}
	s := res.Summary
	if s.Events.Sent == 0 || s.Events.OK != s.Events.Sent || s.Records == 0 {
		t.Errorf("events %+v records %d errors %v: want every event delivered", s.Events, s.Records, s.ErrorSamples)
	}
	if !strings.HasPrefix(s.Target, "inproc:") {
		t.Errorf("built-in target %q, want an in-process one", s.Target)
	}
}
