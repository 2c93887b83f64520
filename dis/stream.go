package dis

import (
	"fmt"
	"strconv"
)

// StreamChecker checks a corpus of events against the stream's rules across
// events: each partition's sequence numbers continue where its previous
// event stopped, a partition key always lands on one partition, and (when
// the partition count is known) on the partition PartitionForKey gives.
// Feed it the events in the order they were produced. It is not safe for
// concurrent use.
type StreamChecker struct {
	partitions int
	next       map[int]int64  // partition → sequence number expected next
	keys       map[string]int // partition key → partition it was first seen on
}

// NewStreamChecker returns a checker for a stream of the given number of
// partitions; 0 means unknown and skips the partition formula check.
func NewStreamChecker(partitions int) *StreamChecker {
	return &StreamChecker{partitions: max(partitions, 0), next: map[int]int64{}, keys: map[string]int{}}
}

// Keys returns the number of distinct (non-empty) partition keys seen.
func (c *StreamChecker) Keys() int { return len(c.keys) }

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
	for i := range ev.Message.Records {
		probs = c.checkRecord(probs, p, i, &ev.Message.Records[i])
	}
	return probs
}

// checkRecord checks record i of an event of partition p.
func (c *StreamChecker) checkRecord(probs []Problem, p, i int, r *Record) []Problem {
	path := "Message.records[" + strconv.Itoa(i) + "]"
	if seq, msg := parseDecimal(r.SequenceNumber); msg == "" {
		if want, seen := c.next[p]; seen && seq != want {
			probs = append(probs, Problem{Path: path + ".sequence_number", Offset: -1,
				Msg: fmt.Sprintf("sequence number %d on %s, want %d (partition continues from %d)", seq, ShardID(p), want, want-1)})
		}
		c.next[p] = seq + 1
	}
	if r.PartitionKey == "" {
		return probs
	}
	if first, seen := c.keys[r.PartitionKey]; seen && first != p {
		probs = append(probs, Problem{Path: path + ".partition_key", Offset: -1,
			Msg: fmt.Sprintf("key %q on %s, but earlier on %s", abbrev(r.PartitionKey), ShardID(p), ShardID(first))})
	} else if !seen {
		c.keys[r.PartitionKey] = p
	}
	if c.partitions > 0 {
		if want := PartitionForKey(r.PartitionKey, c.partitions); want != p {
			probs = append(probs, Problem{Path: path + ".partition_key", Offset: -1,
				Msg: fmt.Sprintf("key %q on %s, but the SDK formula puts it on %s (%d partitions)",
					abbrev(r.PartitionKey), ShardID(p), ShardID(want), c.partitions)})
		}
	}
	return probs
}
