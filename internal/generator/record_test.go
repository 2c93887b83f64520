package generator

import (
	"bytes"
	"testing"

	"github.com/disload/disload/kafka"
)

// TestNextRecordFollowsTheSchedule: records come in the schedule's
// partition order, each on the partition its key is placed on, with
// per-partition sequence numbers that continue, the same for one seed.
func TestNextRecordFollowsTheSchedule(t *testing.T) {
	cfg := mixedConfig()
	cfg.StreamType, cfg.BatchSize = StreamKafka, 1
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := New(cfg)
	events, _ := New(cfg)
	next := map[int]int64{}
	for i := range 500 {
		data, key, meta := a.NextRecord([]byte("prefix"))
		if !bytes.HasPrefix(data, []byte("prefix")) || meta.PayloadBytes != int64(len(data)-6) || meta.Records != 1 {
			t.Fatalf("record %d: %q, %+v", i, data, meta)
		}
		if want := kafka.PartitionForKey([]byte(key), cfg.Partitions); meta.Partition != want {
			t.Fatalf("record %d: key %q on partition %d, murmur2 says %d", i, key, meta.Partition, want)
		}
		if meta.FirstSequence != next[meta.Partition] {
			t.Fatalf("record %d: sequence %d on partition %d, want %d", i, meta.FirstSequence, meta.Partition, next[meta.Partition])
		}
		next[meta.Partition]++
		data2, key2, _ := b.NextRecord(nil)
		if !bytes.Equal(data[6:], data2) || key != key2 {
			t.Fatalf("record %d differs between two sources of one seed", i)
		}
		// Batch size 1: the event of step i holds exactly this record.
		_, em := events.Next(nil)
		if em.Partition != meta.Partition || em.FirstSequence != meta.FirstSequence {
			t.Fatalf("record %d: %+v, event %+v", i, meta, em)
		}
	}
}
