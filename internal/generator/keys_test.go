package generator

import (
	"math"
	"testing"
)

func TestKindSpecs(t *testing.T) {
	specs := kindSpecs(Config{KeyCount: 1000, Kinds: []KindWeight{{Kind: KindClick, Weight: 3}, {Kind: KindLog, Weight: 1},
		{Kind: KindLocation, Weight: 0.001}}})
	total, share := 0, 0.0
	for _, s := range specs {
		total += s.keys
		share += s.share
		if s.keys < 1 {
			t.Errorf("%d has no key", s.id)
		}
	}
	if total != 1000 || math.Abs(share-1) > 1e-12 || specs[0].keys < 740 || specs[0].keys > 751 || specs[2].keys != 1 {
		t.Errorf("specs %+v", specs)
	}
}

func TestZipf(t *testing.T) {
	uniform, skewed := zipf(4, 0), zipf(100, 1.1)
	if uniform[0] != 0.25 || uniform[3] != 0.25 {
		t.Errorf("s=0: %v", uniform)
	}
	sum := 0.0
	for i, p := range skewed {
		sum += p
		if i > 0 && p >= skewed[i-1] {
			t.Fatalf("popularity not decreasing at %d", i)
		}
	}
	if math.Abs(sum-1) > 1e-12 || skewed[0] < 0.15 {
		t.Errorf("s=1.1: sum %v, top %v", sum, skewed[0])
	}
}

func TestKeyspace(t *testing.T) {
	cfg := Config{Partitions: 5, KeyCount: 400, KeySkew: 1, Kinds: []KindWeight{{Kind: KindClick, Weight: 1}, {Kind: KindLog, Weight: 1}}}.WithDefaults()
	ks := newKeyspace(cfg)
	seen, load := map[string]bool{}, 0.0
	for p, ms := range ks.members {
		local := map[kindID]int32{}
		w := 0.0
		for i, m := range ms {
			if seen[m.key] {
				t.Fatalf("key %s twice", m.key)
			}
			seen[m.key] = true
			if got := sdkPartition(m.key, 5); got != p {
				t.Fatalf("key %s on partition %d, formula says %d", m.key, p, got)
			}
			if m.local != local[m.kind] || keyName(m.kind, int(m.global)) != m.key {
				t.Fatalf("member %+v", m)
			}
			local[m.kind]++
			w += ks.weights[p][i]
		}
		if math.Abs(w-ks.load[p]) > 1e-12 || ks.count(p, idClick) != int(local[idClick]) {
			t.Errorf("partition %d: load %v, members add up to %v", p, ks.load[p], w)
		}
		load += ks.load[p]
	}
	if len(seen) != 400 || math.Abs(load-1) > 1e-9 {
		t.Errorf("%d keys, total load %v", len(seen), load)
	}
}
