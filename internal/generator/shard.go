package generator

// ShardShare is the fraction of the whole stream's events that this
// source produces: 1 without sharding, the sum of its partitions' shares
// with it. A shard driven at the whole stream's rate times ShardShare sends
// its part of the stream at the pace the whole stream would.
func (s *Source) ShardShare() float64 {
	sum := 0.0
	for _, p := range s.owned {
		sum += s.sched.share(p)
	}
	return sum
}

// ShardEvents returns how many of the whole stream's first n events belong
// to this source's partitions, so that N shards each stopping after their
// count send exactly the whole stream's first n events between them. It
// replays the event schedule from the start (cost n × partitions) and does
// not disturb the source.
func (s *Source) ShardEvents(n int64) int64 {
	sched := schedule{weight: s.sched.weight, current: make([]int64, len(s.sched.weight)), total: s.sched.total}
	var count int64
	for range n {
		if s.parts[sched.next()] != nil {
			count++
		}
	}
	return count
}
