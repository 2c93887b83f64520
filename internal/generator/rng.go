package generator

import (
	"math"
	"math/bits"
	"math/rand/v2"
)

// rng is a seeded PCG with the few draws the generators need, called
// directly (no interface dispatch) on the hot path.
type rng struct {
	pcg  rand.PCG
	rand *rand.Rand // same state, for the distributions math/rand/v2 provides
}

// newRNG returns a generator seeded by the given words. Its rand field points
// into the struct, so an rng must not be copied after creation.
func newRNG(seed uint64, stream uint64) *rng {
	r := &rng{}
	r.pcg.Seed(mix64(seed), mix64(stream^0x9e3779b97f4a7c15))
	r.rand = rand.New(&r.pcg)
	return r
}

// mix64 is the splitmix64 finaliser: a bijection that spreads nearby seeds.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// derive combines a seed with labels into a new 64-bit seed.
func derive(seed uint64, labels ...uint64) uint64 {
	h := mix64(seed)
	for _, l := range labels {
		h = mix64(h ^ l)
	}
	return h
}

// u64 returns 64 random bits.
func (r *rng) u64() uint64 { return r.pcg.Uint64() }

// intn returns a uniform int in [0, n); n must be > 0.
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.pcg.Uint64(), uint64(n))
	return int(hi)
}

// between returns a uniform int in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// float returns a uniform float64 in [0, 1).
func (r *rng) float() float64 { return float64(r.pcg.Uint64()>>11) / (1 << 53) }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// norm returns a standard normal draw.
func (r *rng) norm() float64 { return r.rand.NormFloat64() }

// logNormal returns exp(mu + sigma*Z).
func (r *rng) logNormal(mu, sigma float64) float64 {
	return math.Exp(mu + sigma*r.norm())
}

// pick returns a uniformly chosen element of s; s must not be empty.
func pick[T any](r *rng, s []T) T { return s[r.intn(len(s))] }

// weighted picks indices with fixed probabilities by a cumulative table;
// meant for short tables (a handful of outcomes).
type weighted struct {
	cum []float64
}

// newWeighted builds a table from non-negative weights with a positive sum.
func newWeighted(w ...float64) weighted {
	cum := make([]float64, len(w))
	total := 0.0
	for i, x := range w {
		total += x
		cum[i] = total
	}
	for i := range cum {
		cum[i] /= total
	}
	cum[len(cum)-1] = 1
	return weighted{cum: cum}
}

// draw returns an index with probability proportional to its weight.
func (t weighted) draw(r *rng) int {
	u := r.float()
	for i, c := range t.cum {
		if u < c {
			return i
		}
	}
	return len(t.cum) - 1
}
