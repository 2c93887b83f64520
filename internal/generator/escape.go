package generator

import (
	"encoding/binary"
	"math"
	"strconv"
)

var (
	pow10  = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}
	pow10u = [...]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}
)

// appendFixed appends v rounded to dec decimals without exponent notation.
func appendFixed(b []byte, v float64, dec int) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) >= 1e15 {
		return strconv.AppendFloat(b, v, 'f', dec, 64)
	}
	scaled := math.Round(math.Abs(v) * pow10[dec])
	if v < 0 && scaled != 0 {
		b = append(b, '-')
	}
	u := uint64(scaled)
	p := pow10u[dec]
	b = strconv.AppendUint(b, u/p, 10)
	if dec == 0 {
		return b
	}
	b = append(b, '.')
	frac := u % p
	for d := dec - 1; d >= 0; d-- {
		b = append(b, byte('0'+frac/pow10u[d]%10))
	}
	return b
}

const hexDigits = "0123456789abcdef"

// hexPairs maps a byte to its two hex digits, the first in the low byte.
var hexPairs = func() (t [256]uint16) {
	for i := range t {
		t[i] = uint16(hexDigits[i>>4]) | uint16(hexDigits[i&15])<<8
	}
	return t
}()

// appendHex appends the n low hex digits of v, lower case (n <= 16).
func appendHex(b []byte, v uint64, n int) []byte {
	var buf [16]byte
	binary.LittleEndian.PutUint64(buf[:8], hex4(uint32(v>>32)))
	binary.LittleEndian.PutUint64(buf[8:], hex4(uint32(v)))
	return append(b, buf[16-n:]...)
}

// hex4 is the 8 hex digits of v, the first in the low byte.
func hex4(v uint32) uint64 {
	return uint64(hexPairs[v>>24]) | uint64(hexPairs[v>>16&0xff])<<16 |
		uint64(hexPairs[v>>8&0xff])<<32 | uint64(hexPairs[v&0xff])<<48
}

// appendJSONString appends s as a JSON string literal.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[last:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		}
		last = i + 1
	}
	b = append(b, s[last:]...)
	return append(b, '"')
}

// appendCSV appends s as a CSV field, quoted when it holds a comma, quote or
// line break (RFC 4180).
func appendCSV(b []byte, s string) []byte {
	quote := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ',' || c == '"' || c == '\n' || c == '\r' {
			quote = true
			break
		}
	}
	if !quote {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// appendLogfmt appends s as a logfmt value: bare when it has no space, quote,
// equals sign, backslash or control character, otherwise a quoted, escaped
// string.
func appendLogfmt(b []byte, s string) []byte {
	bare := s != ""
	for i := 0; i < len(s) && bare; i++ {
		c := s[i]
		bare = c > ' ' && c != '"' && c != '=' && c != '\\' && c != 0x7f
	}
	if bare {
		return append(b, s...)
	}
	return appendJSONString(b, s)
}
