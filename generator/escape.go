package generator

import (
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

// appendHex appends the n low hex digits of v, lower case (n <= 16).
func appendHex(b []byte, v uint64, n int) []byte {
	var buf [16]byte
	for i := 15; i >= 0; i-- {
		buf[i] = hexDigits[v&15]
		v >>= 4
	}
	return append(b, buf[16-n:]...)
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
