package generator

import (
	"math"
	"strings"
)

// kindSpec is one kind of the record mix with its share of the keys.
type kindSpec struct {
	id       kindID
	share    float64 // fraction of all records
	keys     int     // distinct keys of this kind
	template string  // custom only
}

// member is a key living on a partition.
type member struct {
	key    string
	kind   kindID
	local  int32 // index among the partition's keys of this kind
	global int32 // index among all keys of this kind (its popularity rank)
}

// keyspace holds every key of the stream, grouped by the partition the DIS
// SDK's formula assigns it, with each key's share of the records.
type keyspace struct {
	specs   []kindSpec
	members [][]member  // per partition
	weights [][]float64 // per partition, per member: share of all records
	load    []float64   // per partition: share of all records
}

// newKeyspace splits cfg.KeyCount keys among the kinds by weight, gives key
// rank i of a kind the Zipf popularity (i+1)^-KeySkew, and places every key
// on its partition.
func newKeyspace(cfg Config) keyspace {
	ks := keyspace{
		specs:   kindSpecs(cfg),
		members: make([][]member, cfg.Partitions),
		weights: make([][]float64, cfg.Partitions),
		load:    make([]float64, cfg.Partitions),
	}
	local := make([][numKinds]int32, cfg.Partitions)
	for _, spec := range ks.specs {
		pop := zipf(spec.keys, cfg.KeySkew)
		for i := range spec.keys {
			name := keyName(spec.id, i)
			p := cfg.StreamType.partitionForKey(name, cfg.Partitions)
			w := spec.share * pop[i]
			ks.members[p] = append(ks.members[p], member{key: name, kind: spec.id, local: local[p][spec.id], global: int32(i)})
			ks.weights[p] = append(ks.weights[p], w)
			ks.load[p] += w
			local[p][spec.id]++
		}
	}
	for p := range ks.members {
		packKeys(ks.members[p])
	}
	return ks
}

// packKeys stores a partition's key names in one string, so a record's key
// is near its neighbours' in memory.
func packKeys(ms []member) {
	var sb strings.Builder
	for _, m := range ms {
		sb.WriteString(m.key)
	}
	all, at := sb.String(), 0
	for i := range ms {
		n := len(ms[i].key)
		ms[i].key = all[at : at+n]
		at += n
	}
}

// kindSpecs normalises the mix and splits the keys by weight (largest
// remainder, at least one key per kind).
func kindSpecs(cfg Config) []kindSpec {
	total := 0.0
	for _, k := range cfg.Kinds {
		total += k.Weight
	}
	specs := make([]kindSpec, len(cfg.Kinds))
	spare := cfg.KeyCount - len(cfg.Kinds)
	given := 0
	rema := make([]float64, len(cfg.Kinds))
	for i, k := range cfg.Kinds {
		share := k.Weight / total
		exact := share * float64(spare)
		extra := int(math.Floor(exact))
		specs[i] = kindSpec{id: kindIDs[k.Kind], share: share, keys: 1 + extra, template: k.Template}
		rema[i] = exact - float64(extra)
		given += extra
	}
	for ; given < spare; given++ {
		best := 0
		for i := range rema {
			if rema[i] > rema[best] {
				best = i
			}
		}
		specs[best].keys++
		rema[best] = -1
	}
	return specs
}

// zipf returns n popularities (i+1)^-s normalised to sum 1.
func zipf(n int, s float64) []float64 {
	pop := make([]float64, n)
	sum := 0.0
	for i := range pop {
		pop[i] = math.Pow(float64(i+1), -s)
		sum += pop[i]
	}
	for i := range pop {
		pop[i] /= sum
	}
	return pop
}

// count returns how many keys of kind k live on partition p.
func (ks *keyspace) count(p int, k kindID) int {
	n := 0
	for _, m := range ks.members[p] {
		if m.kind == k {
			n++
		}
	}
	return n
}
