package kafka

import "encoding/binary"

// Murmur2 is the 32-bit murmur2 hash Kafka's Java client (Utils.murmur2)
// and franz-go's KafkaHasher compute over a record key (seed 0x9747b28c).
func Murmur2(data []byte) int32 {
	const (
		seed = 0x9747b28c
		m    = 0x5bd1e995
		r    = 24
	)
	n := len(data)
	h := uint32(seed) ^ uint32(n)
	for len(data) >= 4 {
		k := binary.LittleEndian.Uint32(data)
		k *= m
		k ^= k >> r
		k *= m
		h *= m
		h ^= k
		data = data[4:]
	}
	switch len(data) {
	case 3:
		h ^= uint32(data[2]) << 16
		fallthrough
	case 2:
		h ^= uint32(data[1]) << 8
		fallthrough
	case 1:
		h ^= uint32(data[0])
		h *= m
	}
	h ^= h >> 13
	h *= m
	h ^= h >> 15
	return int32(h)
}

// PartitionForKey is the partition Kafka's default partitioner puts a keyed
// record on among n partitions: murmur2 of the key made positive (the sign
// bit cleared, as Utils.toPositive does), modulo n. n must be positive.
func PartitionForKey(key []byte, n int) int {
	return int(uint32(Murmur2(key))&0x7fffffff) % n
}
