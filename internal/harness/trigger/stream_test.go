package trigger

import (
	"math"
	"strings"
	"testing"
)

// listStream is a Stream with arbitrary partitions and weights.
type listStream struct {
	parts   []int
	weights map[int]float64
}

func (l listStream) Partitions() []int                              { return l.parts }
func (l listStream) Weight(p int) float64                           { return l.weights[p] }
func (l listStream) Next(p int, dst []byte) ([]byte, string, int64) { return dst, "", 0 }

func TestCheckStream(t *testing.T) {
	for _, tc := range []struct {
		name    string
		parts   []int
		weights map[int]float64
		want    string
	}{
		{"fine", []int{0, 2}, map[int]float64{0: 0.3, 2: 0.2}, ""},
		{"no partitions", nil, nil, "no partitions"},
		{"unordered", []int{2, 0}, map[int]float64{0: 0.5, 2: 0.5}, "increasing"},
		{"negative", []int{-1}, map[int]float64{-1: 1}, "at least 0"},
		{"NaN", []int{0}, map[int]float64{0: math.NaN()}, "partition 0: weight must be a finite fraction"},
		{"negative weight", []int{0, 1}, map[int]float64{0: 1, 1: -0.5}, "partition 1: weight"},
		{"over 1", []int{0, 1}, map[int]float64{0: 1, 1: 1}, "weights sum to 2"},
		{"all zero", []int{0}, map[int]float64{0: 0}, "nothing would be produced"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkStream(listStream{tc.parts, tc.weights})
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("checkStream = %v, want %q", err, tc.want)
			}
		})
	}
}
