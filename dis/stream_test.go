package dis

import (
	"strconv"
	"strings"
	"testing"
)

// streamEvent builds a decoded event of partition p with the given keys,
// sequence numbers counting from first.
func streamEvent(p int, first int64, keys ...string) *TriggerEvent {
	ev := &TriggerEvent{ShardID: ShardID(p), Tag: "latest", StreamName: "s"}
	for i, k := range keys {
		ev.Message.Records = append(ev.Message.Records, Record{PartitionKey: k, Data: []byte("x"),
			SequenceNumber: strconv.FormatInt(first+int64(i), 10)})
	}
	return ev
}

// keyOn returns a key that PartitionForKey puts on partition p of n; skip
// > 0 passes over that many such keys first.
func keyOn(t *testing.T, p, n int, skip ...int) string {
	left := 0
	if len(skip) > 0 {
		left = skip[0]
	}
	for i := 0; i < 10000; i++ {
		if k := "user-" + strconv.Itoa(i); PartitionForKey(k, n) == p {
			if left == 0 {
				return k
			}
			left--
		}
	}
	t.Fatalf("no key for partition %d of %d", p, n)
	return ""
}

func TestStreamCheckerContiguous(t *testing.T) {
	const n = 4
	a0, b0, a1 := keyOn(t, 0, n), keyOn(t, 0, n, 1), keyOn(t, 1, n)
	c := NewStreamChecker(n)
	events := []*TriggerEvent{
		streamEvent(0, 0, a0, b0),
		streamEvent(1, 10, a1), // a partition may start anywhere
		streamEvent(0, 2, a0),
		streamEvent(1, 11, a1, a1),
	}
	for i, ev := range events {
		if probs := c.Check(ev); len(probs) != 0 {
			t.Errorf("event %d: %v", i, probs)
		}
	}
	if a0 == b0 || c.Keys() != 3 {
		t.Errorf("Keys() = %d, want 3 (keys %q %q %q)", c.Keys(), a0, b0, a1)
	}
}

func TestStreamCheckerProblems(t *testing.T) {
	const n = 4
	k0, k1 := keyOn(t, 0, n), keyOn(t, 1, n)
	tests := []struct {
		name       string
		partitions int
		events     []*TriggerEvent
		want       []string // "path|fragment" of the last event's problems
	}{
		{"gap", n, []*TriggerEvent{streamEvent(0, 0, k0), streamEvent(0, 2, k0)},
			[]string{"Message.records[0].sequence_number|sequence number 2 on shardId-0000000000, want 1"}},
		{"repeat", n, []*TriggerEvent{streamEvent(0, 0, k0, k0), streamEvent(0, 1, k0)},
			[]string{"Message.records[0].sequence_number|want 2"}},
		{"gap inside", n, []*TriggerEvent{{ShardID: ShardID(0), Message: Message{Records: []Record{
			{PartitionKey: k0, SequenceNumber: "0"}, {PartitionKey: k0, SequenceNumber: "5"}}}}},
			[]string{"Message.records[1].sequence_number|sequence number 5"}},
		{"key moves", 0, []*TriggerEvent{streamEvent(0, 0, "k"), streamEvent(1, 0, "k")},
			[]string{`Message.records[0].partition_key|key "k" on shardId-0000000001, but earlier on shardId-0000000000`}},
		{"formula", n, []*TriggerEvent{streamEvent(1, 0, k0)},
			[]string{"Message.records[0].partition_key|SDK formula puts it on shardId-0000000000 (4 partitions)"}},
		{"key moves and formula", n, []*TriggerEvent{streamEvent(1, 0, k1), streamEvent(2, 0, k1)},
			[]string{"Message.records[0].partition_key|but earlier on shardId-0000000001",
				"Message.records[0].partition_key|SDK formula puts it on shardId-0000000001"}},
		{"out of range", n, []*TriggerEvent{streamEvent(7, 0)},
			[]string{"ShardID|partition 7 out of range: the stream has 4 partitions"}},
		{"bad shard", n, []*TriggerEvent{{ShardID: "x"}}, []string{"ShardID|want \"shardId-\""}},
	}
	for _, tt := range tests {
		c := NewStreamChecker(tt.partitions)
		var probs []Problem
		for _, ev := range tt.events {
			probs = c.Check(ev)
		}
		if len(probs) != len(tt.want) {
			t.Errorf("%s: got %v, want %d problems", tt.name, probs, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			path, frag, _ := strings.Cut(w, "|")
			if probs[i].Path != path || !strings.Contains(probs[i].Msg, frag) || probs[i].Offset != -1 {
				t.Errorf("%s: problem %d = %+v, want %s: ...%s...", tt.name, i, probs[i], path, frag)
			}
		}
	}
}

func TestStreamCheckerSkipsBadRecords(t *testing.T) {
	c := NewStreamChecker(0)
	ev := &TriggerEvent{ShardID: ShardID(0), Message: Message{Records: []Record{
		{SequenceNumber: "0"}, {SequenceNumber: "x"}, {SequenceNumber: "1"}}}}
	if probs := c.Check(ev); len(probs) != 0 {
		t.Errorf("got %v", probs)
	}
	if c.Keys() != 0 {
		t.Errorf("empty keys counted: %d", c.Keys())
	}
}

// TestStreamCheckerStreamsApart: two streams' corpora checked together
// each restart their partitions at 0 and may use one key on different
// partitions; within a stream the rules still hold (issue 13.7).
func TestStreamCheckerStreamsApart(t *testing.T) {
	in := func(stream string, ev *TriggerEvent) *TriggerEvent { ev.StreamName = stream; return ev }
	tests := []struct {
		name   string
		events []*TriggerEvent
		want   []string // problems of the last event
	}{
		{"two streams from 0", []*TriggerEvent{in("a", streamEvent(0, 0, "k")), in("b", streamEvent(0, 0, "j"))}, nil},
		{"one key, two streams", []*TriggerEvent{in("a", streamEvent(0, 0, "k")), in("b", streamEvent(1, 0, "k"))}, nil},
		{"stream a continues", []*TriggerEvent{in("a", streamEvent(0, 0, "k")), in("b", streamEvent(0, 0, "j")), in("a", streamEvent(0, 0, "k"))},
			[]string{`sequence number 0 on shardId-0000000000, want 1 (partition continues from 0 in stream "a")`}},
		{"key moves within a stream", []*TriggerEvent{in("a", streamEvent(0, 0, "k")), in("a", streamEvent(1, 0, "k"))},
			[]string{`key "k" on shardId-0000000001, but earlier on shardId-0000000000`}},
	}
	for _, tc := range tests {
		c := NewStreamChecker(0)
		var probs []Problem
		for _, ev := range tc.events {
			probs = c.Check(ev)
		}
		var got []string
		for _, p := range probs {
			got = append(got, p.Msg)
		}
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s: problems %q, want %q", tc.name, got, tc.want)
		}
	}
}
