package generator

import (
	"errors"
	"fmt"

	"github.com/brianvoe/gofakeit/v6"
)

// zeroSeed replaces a Config.Seed of 0 (gofakeit reads 0 as "random").
const zeroSeed = 0x5eed_d15c_10ad

// Source makes the events of a DIS stream: event n is the next batch of the
// partition a weighted round-robin schedule names for n, and depends only on
// (Seed, Config, n). A Source is not safe for concurrent use; see
// parallelSource for generating on several goroutines.
type Source struct {
	cfg   Config
	seed  uint64
	sched schedule
	parts []*partition // by partition index; nil when not produced here
	owned []int
	index int64 // schedule position of the next event

	clicks *clickPools
	txns   *txnPools
	logs   *logPools
	inject bool // custom JSON records get "type" from us
}

// EventMeta describes an event a Source made.
type EventMeta struct {
	// Index is the event's position in the stream that made it. For
	// Source.Next it counts the events of the whole (unsharded) stream, so
	// an event has the same Index in every shard; for
	// PartitionStream.AppendEvent it counts that partition's events.
	Index         int64
	Partition     int
	Records       int
	FirstSequence int64 // sequence number of the first record
	NextSequence  int64 // last sequence number plus one (the cursor's)
	PayloadBytes  int64 // decoded record bytes (before base64)
}

// New validates cfg (reporting every problem at once) and builds its
// source: the key pools, each produced partition's record process and the
// event schedule.
func New(cfg Config) (*Source, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.WithDefaults()
	seed := uint64(cfg.Seed)
	if seed == 0 {
		seed = zeroSeed
	}
	s := &Source{cfg: cfg, seed: seed, parts: make([]*partition, cfg.Partitions)}
	ks := newKeyspace(cfg)
	s.sched = newSchedule(ks.load)
	s.buildPools(ks.specs)
	for p := range cfg.Partitions {
		if !s.ownsPartition(p) || s.sched.weight[p] == 0 {
			continue
		}
		pp, err := newPartition(s, &ks, p)
		if err != nil {
			return nil, fmt.Errorf("partition %d: %w", p, err)
		}
		s.parts[p] = pp
		s.owned = append(s.owned, p)
	}
	if len(s.owned) == 0 {
		return nil, fmt.Errorf("Shard: shard %d of %d owns no partition that any of the %d keys hashes to; raise KeyCount or lower Shards",
			cfg.Shard, cfg.Shards, cfg.KeyCount)
	}
	return s, nil
}

// ownsPartition reports whether partition p belongs to this shard.
func (s *Source) ownsPartition(p int) bool {
	return s.cfg.Shards <= 1 || p%s.cfg.Shards == s.cfg.Shard
}

// buildPools draws the shared value pools of the kinds in the mix, each
// from its own gofakeit faker so one kind's pools do not depend on another.
func (s *Source) buildPools(specs []kindSpec) {
	for _, spec := range specs {
		f := gofakeit.NewUnlocked(s.fakerSeed('k', uint64(spec.id)))
		r := newRNG(s.seed, derive(s.seed, 'k', uint64(spec.id)))
		switch spec.id {
		case idClick:
			s.clicks = newClickPools(f, r)
		case idTransaction:
			s.txns = newTxnPools(f, r)
		case idLog:
			s.logs = newLogPools(f, r)
		case idCustom:
			s.inject = !hasTypeKey(spec.template)
		}
	}
}

// fakerSeed derives a non-zero gofakeit seed.
func (s *Source) fakerSeed(labels ...uint64) int64 {
	v := int64(derive(s.seed, labels...) >> 1)
	if v == 0 {
		v = 1
	}
	return v
}

// recorder makes the record generator of a kind for partition pp, which
// holds n keys of that kind.
func (s *Source) recorder(spec kindSpec, pp *partition, n int) (recorder, error) {
	switch spec.id {
	case idClick:
		return &clickGen{pools: s.clicks, users: make([]clickUser, n)}, nil
	case idTransaction:
		return &txnGen{pools: s.txns, accounts: make([]account, n)}, nil
	case idLog:
		g := &logGen{pools: s.logs, hosts: make([]logHost, n)}
		for _, m := range pp.members {
			if m.kind == idLog {
				g.keys = append(g.keys, int(m.global))
			}
		}
		return g, nil
	case idLocation:
		return &locGen{devices: make([]device, n)}, nil
	case idCustom:
		return newCustomGen(spec.template, s.fakerSeed('c', uint64(pp.id)), s.inject)
	}
	return nil, errors.New("unknown kind")
}

// Next appends the next event's compact JSON to dst and returns the
// extended slice with the event's description. It does not allocate once
// dst and the Source's buffers have grown to size.
func (s *Source) Next(dst []byte) ([]byte, EventMeta) {
	p, index := s.nextScheduled()
	return s.parts[p].appendEvent(dst, s.cfg.BatchSize, index)
}

// nextScheduled advances the schedule to the next event of a partition this
// source produces.
func (s *Source) nextScheduled() (p int, index int64) {
	for {
		p, index = s.sched.next(), s.index
		s.index++
		if s.parts[p] != nil {
			return p, index
		}
	}
}

// Partitions returns the partitions this source produces events for: those
// of its shard that at least one key hashes to, in increasing order.
func (s *Source) Partitions() []int { return append([]int(nil), s.owned...) }

// PartitionStream returns partition p's record stream, or nil when this
// source does not produce p. Every call returns the same stream.
func (s *Source) PartitionStream(p int) *PartitionStream {
	if p < 0 || p >= len(s.parts) || s.parts[p] == nil {
		return nil
	}
	return &s.parts[p].stream
}

// Share returns the fraction of the whole stream's records that land on
// partition p (0 for a partition no key hashes to): its keys' popularity.
func (s *Source) Share(p int) float64 {
	if p < 0 || p >= len(s.sched.weight) {
		return 0
	}
	return s.sched.share(p)
}

// Config returns the configuration with defaults applied.
func (s *Source) Config() Config { return s.cfg }
