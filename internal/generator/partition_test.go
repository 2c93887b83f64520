package generator

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

func TestPartitionStreamMatchesNext(t *testing.T) {
	cfg := Config{Seed: 21, Partitions: 3, BatchSize: 4, KeyCount: 300,
		Kinds: []KindWeight{{Kind: KindTransaction, Weight: 1}, {Kind: KindClick, Weight: 1}}}
	// Records of partition 1 as Next batches them ...
	var fromNext [][]byte
	s, _ := New(cfg)
	for len(fromNext) < 200 {
		buf, meta := s.Next(nil)
		if meta.Partition != 1 {
			continue
		}
		var ev wireEvent
		if err := json.Unmarshal(buf, &ev); err != nil {
			t.Fatal(err)
		}
		for _, r := range ev.Message.Records {
			fromNext = append(fromNext, r.Data)
		}
	}
	// ... are the records its stream hands out one by one.
	s2, _ := New(cfg)
	ps := s2.PartitionStream(1)
	for i, want := range fromNext {
		got, _, _ := ps.NextRecord(nil)
		if !bytes.Equal(got, want) {
			t.Fatalf("record %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

func TestPartitionStream(t *testing.T) {
	s, err := New(Config{Seed: 2, Partitions: 2, KeyCount: 100, SequenceOffset: 50, RecordRate: 10,
		StartTime: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	ps := s.PartitionStream(1)
	if ps.Partition() != 1 || ps.NextSequence() != 50 || !ps.NextTime().Equal(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("fresh stream: partition %d, sequence %d, time %v", ps.Partition(), ps.NextSequence(), ps.NextTime())
	}
	data, key, seq := ps.NextRecord([]byte("keep:"))
	if !bytes.HasPrefix(data, []byte("keep:{")) || seq != 50 || sdkPartition(key, 2) != 1 {
		t.Fatalf("NextRecord = %s, %s, %d", data, key, seq)
	}
	if ps.NextSequence() != 51 || !ps.NextTime().After(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("after one record: sequence %d, time %v", ps.NextSequence(), ps.NextTime())
	}
	for i, n := range []int{3, 0, 1} {
		ev, meta := ps.AppendEvent(nil, n)
		want := max(n, 1)
		var decoded wireEvent
		if err := json.Unmarshal(ev, &decoded); err != nil {
			t.Fatal(err)
		}
		if meta.Index != int64(i) || meta.Records != want || len(decoded.Message.Records) != want || meta.Partition != 1 {
			t.Fatalf("AppendEvent(%d): meta %+v with %d records", n, meta, len(decoded.Message.Records))
		}
	}
	if ps.NextSequence() != 51+3+1+1 {
		t.Errorf("sequence %d after 6 records", ps.NextSequence())
	}
}

func TestMemberDrawsIgnoreRecordContent(t *testing.T) {
	// The member of record k comes from the key PCG alone: two sources
	// whose record PCGs differ still pick the same keys (bursts aside).
	a, _ := New(Config{Seed: 1, KeyCount: 500, Kinds: []KindWeight{{Kind: KindLocation, Weight: 1}}})
	b, _ := New(Config{Seed: 1, KeyCount: 500, Kinds: []KindWeight{{Kind: KindLocation, Weight: 1}}})
	b.parts[0].r = newRNG(99, 99)
	for i := range 300 {
		_, ka, _ := a.PartitionStream(0).NextRecord(nil)
		_, kb, _ := b.PartitionStream(0).NextRecord(nil)
		if ka != kb {
			t.Fatalf("record %d: keys %s and %s", i, ka, kb)
		}
	}
}
