package generator

// aliasTable draws index i with probability w[i]/sum(w) in O(1) (Vose's
// alias method). Construction is deterministic for given weights. Each slot
// packs its threshold and alias into 8 bytes, one memory access per draw.
type aliasTable struct {
	slots []aliasSlot
}

type aliasSlot struct {
	keep  uint32 // keep the slot's own index when the low 32 bits are below this
	alias int32
}

// newAliasTable builds a table from non-negative weights with a positive sum.
func newAliasTable(w []float64) aliasTable {
	n := len(w)
	t := aliasTable{slots: make([]aliasSlot, n)}
	total := 0.0
	for _, x := range w {
		total += x
	}
	scaled := make([]float64, n)
	var small, large []int32
	for i, x := range w {
		scaled[i] = x * float64(n) / total
		if scaled[i] < 1 {
			small = append(small, int32(i))
		} else {
			large = append(large, int32(i))
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		t.slots[s] = aliasSlot{keep: uint32(scaled[s] * (1 << 32)), alias: l}
		scaled[l] += scaled[s] - 1
		if scaled[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range append(small, large...) {
		t.slots[i] = aliasSlot{keep: 1<<32 - 1, alias: i}
	}
	return t
}

// draw returns an index.
func (t *aliasTable) draw(r *rng) int {
	x := r.u64()
	i := int((x >> 32) * uint64(len(t.slots)) >> 32)
	if s := t.slots[i]; uint32(x) >= s.keep {
		return int(s.alias)
	}
	return i
}
