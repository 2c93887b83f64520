package dis

import (
	"crypto/md5"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
)

// shardPrefix starts every shard id; the partition index follows as at least
// shardDigits decimal digits.
const (
	shardPrefix = "shardId-"
	shardDigits = 10
)

// ShardID returns the shard id of partition p: "shardId-" followed by p as a
// 10-digit zero-padded decimal, e.g. ShardID(3) == "shardId-0000000003".
// Indexes above 9999999999 take as many digits as they need. A negative p is
// formatted as fmt's %010d would (ParseShardID rejects it).
func ShardID(p int) string {
	var buf [32]byte
	return string(AppendShardID(buf[:0], p))
}

// AppendShardID appends ShardID(p) to dst and returns the extended slice.
// It does not allocate when dst has room.
func AppendShardID(dst []byte, p int) []byte {
	dst = append(dst, shardPrefix...)
	width := shardDigits
	u := uint64(p)
	if p < 0 {
		dst = append(dst, '-')
		u = -u // two's complement magnitude, also right for math.MinInt
		width--
	}
	var digits [20]byte
	d := strconv.AppendUint(digits[:0], u, 10)
	for i := len(d); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, d...)
}

// ParseShardID returns the partition index of a shard id in the canonical
// form ShardID produces: "shardId-" and at least 10 decimal digits, without
// a sign and without leading zeros beyond the 10-digit padding.
func ParseShardID(s string) (int, error) {
	if len(s) < len(shardPrefix) || s[:len(shardPrefix)] != shardPrefix {
		return 0, fmt.Errorf("shard id %q: want %q followed by %d digits", s, shardPrefix, shardDigits)
	}
	digits := s[len(shardPrefix):]
	if len(digits) < shardDigits {
		return 0, fmt.Errorf("shard id %q: want %d digits after %q, got %d", s, shardDigits, shardPrefix, len(digits))
	}
	if len(digits) > shardDigits && digits[0] == '0' {
		return 0, fmt.Errorf("shard id %q: leading zero beyond %d digits", s, shardDigits)
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, fmt.Errorf("shard id %q: %q is not a digit", s, digits[i])
		}
	}
	p, err := strconv.ParseInt(digits, 10, strconv.IntSize)
	if err != nil {
		return 0, fmt.Errorf("shard id %q: index out of range", s)
	}
	return int(p), nil
}

// keyBufSize is the largest key PartitionForKey hashes from a stack copy.
const keyBufSize = 128

// PartitionForKey returns the partition a DIS producer writes a record with
// the given partition key to, on a stream of n partitions, using the DIS
// SDK's formula (Huawei's Java SDK, PartitionKeyUtils, docs/PROTOCOL.md §4):
//
//	h     = first 8 bytes of MD5(key), big-endian, AND math.MaxInt64
//	avg   = math.MaxInt64 / n
//	index = h / avg, minus 1 when index > 0 and h % avg == 0
//
// The SDK's formula can give n for the few hashes above n*avg (for n that
// does not divide math.MaxInt64); those are clamped to n-1, the partition
// whose range they extend. n <= 1 gives 0. It does not allocate for keys up
// to 128 bytes.
func PartitionForKey(key string, n int) int {
	if n <= 1 {
		return 0
	}
	return partitionIndex(keyHash(key), n)
}

// partitionIndex is the SDK's index of hash h among n > 1 partitions,
// clamped to n-1.
func partitionIndex(h uint64, n int) int {
	avg := uint64(math.MaxInt64) / uint64(n)
	idx := h / avg
	if idx > 0 && h%avg == 0 {
		idx--
	}
	if idx >= uint64(n) {
		idx = uint64(n) - 1
	}
	return int(idx)
}

// keyHash is the SDK's h: the first 8 MD5 digest bytes of key, big-endian,
// with the sign bit cleared.
func keyHash(key string) uint64 {
	var sum [md5.Size]byte
	if len(key) <= keyBufSize {
		var buf [keyBufSize]byte
		n := copy(buf[:], key)
		sum = md5.Sum(buf[:n])
	} else {
		sum = md5.Sum([]byte(key))
	}
	return binary.BigEndian.Uint64(sum[:8]) & math.MaxInt64
}
