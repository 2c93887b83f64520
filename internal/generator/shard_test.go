package generator

import "testing"

func TestShardEventsAndShareAddUp(t *testing.T) {
	base := Config{Seed: 3, Partitions: 5, BatchSize: 2, KeyCount: 500, KeySkew: 1.3}
	const n = 400
	var events int64
	share := 0.0
	for shard := range 3 {
		cfg := base
		cfg.Shard, cfg.Shards = shard, 3
		src, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		count := src.ShardEvents(n)
		// The count is exactly the shard's events among the first n.
		var seen int64
		for {
			_, m := src.Next(nil)
			if m.Index >= n {
				break
			}
			seen++
		}
		if seen != count {
			t.Errorf("shard %d: ShardEvents(%d) = %d, but %d of its events are among them", shard, n, count, seen)
		}
		events += count
		share += src.ShardShare()
	}
	if events != n {
		t.Errorf("shards' events add up to %d, want %d", events, n)
	}
	if share < 0.999999 || share > 1.000001 {
		t.Errorf("shards' shares add up to %v, want 1", share)
	}
}
