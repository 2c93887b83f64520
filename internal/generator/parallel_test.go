package generator

import (
	"bytes"
	"fmt"
	"testing"
)

// whole returns the first n events of cfg's whole stream with their metas.
func whole(t *testing.T, cfg Config, n int) ([][]byte, []EventMeta) {
	t.Helper()
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	evs, metas := make([][]byte, n), make([]EventMeta, n)
	for i := range n {
		evs[i], metas[i] = s.Next(nil)
	}
	return evs, metas
}

func TestParallelIsByteIdentical(t *testing.T) {
	cfg := mixedConfig()
	want, wantMeta := whole(t, cfg, 150)
	for _, workers := range []int{1, 2, 4} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			ps, err := newParallel(cfg, workers)
			if err != nil {
				t.Fatal(err)
			}
			defer ps.Close()
			buf := []byte("prefix")
			for i := range want {
				var meta EventMeta
				buf, meta = ps.Next(buf[:6])
				if !bytes.Equal(buf[6:], want[i]) || meta != wantMeta[i] {
					t.Fatalf("event %d differs from the sequential stream (meta %+v, want %+v)", i, meta, wantMeta[i])
				}
			}
		})
	}
}

func TestShardsAreTheWholeStream(t *testing.T) {
	cfg := mixedConfig()
	want, wantMeta := whole(t, cfg, 240)
	for shard := range 3 {
		t.Run(fmt.Sprintf("shard=%d/3", shard), func(t *testing.T) {
			c := cfg
			c.Shard, c.Shards = shard, 3
			ps, err := newParallel(c, 2)
			if err != nil {
				t.Fatal(err)
			}
			defer ps.Close()
			for i := range want {
				if wantMeta[i].Partition%3 != shard {
					continue
				}
				got, meta := ps.Next(nil)
				if !bytes.Equal(got, want[i]) || meta != wantMeta[i] {
					t.Fatalf("shard event for whole-stream event %d differs (meta %+v, want %+v)", i, meta, wantMeta[i])
				}
			}
		})
	}
}

func TestParallelClose(t *testing.T) {
	ps, err := newParallel(Config{Seed: 1, Partitions: 3, BatchSize: 5}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, meta := ps.Next(nil); meta.Index != 0 {
		t.Fatalf("first event has index %d", meta.Index)
	}
	ps.Close()
	ps.Close() // a second Close is harmless
	for range chunkEvents + 1 {
		if _, meta := ps.Next(nil); meta.Index == -1 {
			return
		}
	}
	t.Fatal("Next kept producing events after Close")
}

func TestNewParallelRejectsBadConfig(t *testing.T) {
	if _, err := newParallel(Config{BatchSize: -1}, 2); err == nil {
		t.Fatal("no error for BatchSize -1")
	}
}
