package function

import (
	"crypto/rand"
	"encoding/binary"
	"sync/atomic"
)

// idGen makes request ids in UUID format (version 4 layout): 64 random bits
// fixed per generator, then a counter from a random start, so ids are unique
// per call and cheap (one atomic add and one string allocation).
type idGen struct {
	hi  uint64
	ctr atomic.Uint64
}

// newIDGen seeds a generator from crypto/rand.
func newIDGen() *idGen {
	var b [16]byte
	rand.Read(b[:]) //nolint:errcheck // crypto/rand.Read never fails (Go ≥ 1.24)
	g := &idGen{hi: binary.BigEndian.Uint64(b[:8])}
	g.hi = g.hi&^0xf000 | 0x4000 // version 4
	g.ctr.Store(binary.BigEndian.Uint64(b[8:]))
	return g
}

const hexDigits = "0123456789abcdef"

// next returns a fresh id such as "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b".
func (g *idGen) next() string {
	lo := g.ctr.Add(1)&(1<<62-1) | 1<<63 // RFC 4122 variant
	var s [36]byte
	putHex(s[0:8], g.hi>>32)
	s[8] = '-'
	putHex(s[9:13], g.hi>>16)
	s[13] = '-'
	putHex(s[14:18], g.hi)
	s[18] = '-'
	putHex(s[19:23], lo>>48)
	s[23] = '-'
	putHex(s[24:36], lo)
	return string(s[:])
}

// putHex writes the low 4*len(dst) bits of v into dst as lower-case hex.
func putHex(dst []byte, v uint64) {
	for i := len(dst) - 1; i >= 0; i-- {
		dst[i] = hexDigits[v&0xf]
		v >>= 4
	}
}
