package dis

import (
	"fmt"
	"strconv"

	"github.com/disload/disload/internal/jsonwalk"
)

// StreamChecker checks a corpus of events against the stream's rules across
// events: each partition's sequence numbers continue where its previous
// event stopped, a partition key always lands on one partition, and (when
// the partition count is known) on the partition PartitionForKey gives.
// Every rule holds within one stream: events of different streams (their
// StreamName) are checked apart, so corpora of several streams can be
// checked together, and the corpora of one stream are checked as one, in
// the order given. Feed it the events in the order they were produced. It
// is not safe for concurrent use.
type StreamChecker struct {
	partitions int
	next       map[streamPart]int64 // (stream, partition) → sequence number expected next
	keys       map[streamKey]int    // (stream, partition key) → partition it was first seen on
	distinct   map[string]struct{}  // partition keys seen, whatever the stream
}

// streamPart names a partition of a stream.
type streamPart struct {
	stream    string
	partition int
}

// streamKey names a partition key of a stream.
type streamKey struct{ stream, key string }

// NewStreamChecker returns a checker for a stream of the given number of
// partitions; 0 means unknown and skips the partition formula check.
func NewStreamChecker(partitions int) *StreamChecker {
	return &StreamChecker{partitions: max(partitions, 0), next: map[streamPart]int64{},
		keys: map[streamKey]int{}, distinct: map[string]struct{}{}}
}

// Keys returns the number of distinct (non-empty) partition keys seen.
func (c *StreamChecker) Keys() int { return len(c.distinct) }

// Check checks one event against the events checked before and returns its
// problems (Offset -1: the event is decoded). Records with a sequence number
// that is not a decimal are skipped (Validate reports them); records with
// an empty partition key have no key to check.
func (c *StreamChecker) Check(ev *TriggerEvent) []Problem {
	p, err := ParseShardID(ev.ShardID)
	if err != nil {
		return []Problem{{Path: "ShardID", Msg: err.Error(), Offset: -1}}
	}
	var probs []Problem
	if c.partitions > 0 && p >= c.partitions {
		probs = append(probs, Problem{Path: "ShardID", Offset: -1,
			Msg: fmt.Sprintf("partition %d out of range: the stream has %d partitions", p, c.partitions)})
	}
	sp := streamPart{ev.StreamName, p}
	for i := range ev.Message.Records {
		probs = c.checkRecord(probs, sp, i, &ev.Message.Records[i])
	}
	return probs
}

// checkRecord checks record i of an event of partition sp.
func (c *StreamChecker) checkRecord(probs []Problem, sp streamPart, i int, r *Record) []Problem {
	path := "Message.records[" + strconv.Itoa(i) + "]"
	p := sp.partition
	if seq, msg := parseDecimal(r.SequenceNumber); msg == "" {
		if want, seen := c.next[sp]; seen && seq != want {
			probs = append(probs, Problem{Path: path + ".sequence_number", Offset: -1,
				Msg: fmt.Sprintf("sequence number %d on %s, want %d (partition continues from %d in stream %q)",
					seq, ShardID(p), want, want-1, jsonwalk.Abbrev(sp.stream))})
		}
		c.next[sp] = seq + 1
	}
	if r.PartitionKey == "" {
		return probs
	}
	c.distinct[r.PartitionKey] = struct{}{}
	sk := streamKey{sp.stream, r.PartitionKey}
	if first, seen := c.keys[sk]; seen && first != p {
		probs = append(probs, Problem{Path: path + ".partition_key", Offset: -1,
			Msg: fmt.Sprintf("key %q on %s, but earlier on %s", jsonwalk.Abbrev(r.PartitionKey), ShardID(p), ShardID(first))})
	} else if !seen {
		c.keys[sk] = p
	}
	if c.partitions > 0 {
		if want := PartitionForKey(r.PartitionKey, c.partitions); want != p {
			probs = append(probs, Problem{Path: path + ".partition_key", Offset: -1,
				Msg: fmt.Sprintf("key %q on %s, but the SDK formula puts it on %s (%d partitions)",
					jsonwalk.Abbrev(r.PartitionKey), ShardID(p), ShardID(want), c.partitions)})
		}
	}
	return probs
}
