package trigger

import (
	"fmt"
	"math"
)

// Stream is the record content of the simulated DIS stream.
type Stream interface {
	// Partitions lists the partitions to produce and consume, in
	// increasing order (a shard's subset of the stream).
	Partitions() []int
	// Weight is the fraction of the whole stream's records that land on
	// partition p (the key skew makes hot partitions); the weights of a
	// whole stream sum to 1, a shard's to less.
	Weight(p int) float64
	// Next appends partition p's next record to dst and returns the
	// extended slice (the record is data[len(dst):]), its partition key
	// and its sequence number. Records of one partition come in sequence
	// order. Run calls Next for a partition from one goroutine at a time;
	// calls for different partitions may run at once.
	Next(p int, dst []byte) (data []byte, key string, seq int64)
}

// checkStream reports what is wrong with a stream's partitions and weights.
func checkStream(s Stream) error {
	parts := s.Partitions()
	if len(parts) == 0 {
		return fmt.Errorf("trigger: stream: no partitions to produce")
	}
	sum := 0.0
	for i, p := range parts {
		if p < 0 || (i > 0 && p <= parts[i-1]) {
			return fmt.Errorf("trigger: stream: partitions must be distinct, at least 0 and increasing, got %v", parts)
		}
		w := s.Weight(p)
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
			return fmt.Errorf("trigger: stream: partition %d: weight must be a finite fraction of at least 0, got %v", p, w)
		}
		sum += w
	}
	if sum > 1+1e-6 {
		return fmt.Errorf("trigger: stream: partition weights sum to %v; a whole stream's sum to 1", sum)
	}
	if sum == 0 {
		return fmt.Errorf("trigger: stream: every partition has weight 0: nothing would be produced")
	}
	return nil
}
