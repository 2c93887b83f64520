package generator

import "math"

// scheduleScale is the integer weight all partitions' loads add up to
// (about), fine enough that a partition's share is exact to 1e-6.
const scheduleScale = 1 << 20

// schedule orders events over partitions by smooth weighted round-robin:
// partition p gets weight[p] of every total events, spread evenly. It is a
// pure function of the weights, so every shard of a stream computes the same
// order.
type schedule struct {
	weight  []int64
	current []int64
	total   int64
}

// newSchedule turns partition loads (shares of all records) into integer
// weights; a partition with load gets at least weight 1.
func newSchedule(load []float64) schedule {
	s := schedule{weight: make([]int64, len(load)), current: make([]int64, len(load))}
	sum := 0.0
	for _, l := range load {
		sum += l
	}
	for p, l := range load {
		if l > 0 {
			s.weight[p] = max(1, int64(math.Round(l/sum*scheduleScale)))
			s.total += s.weight[p]
		}
	}
	return s
}

// share returns partition p's fraction of all events.
func (s *schedule) share(p int) float64 {
	return float64(s.weight[p]) / float64(s.total)
}

// next returns the partition of the next event.
func (s *schedule) next() int {
	best := -1
	for p, w := range s.weight {
		if w == 0 {
			continue
		}
		s.current[p] += w
		if best < 0 || s.current[p] > s.current[best] {
			best = p
		}
	}
	s.current[best] -= s.total
	return best
}
