package generator

import (
	"math"
	"testing"
)

func TestAliasTable(t *testing.T) {
	for _, w := range [][]float64{
		{1},
		{1, 1, 1, 1},
		{0.5, 0, 0.25, 0.25},
		zipf(50, 1.2),
	} {
		table := newAliasTable(w)
		r := newRNG(3, 3)
		const n = 200_000
		counts := make([]int, len(w))
		for range n {
			counts[table.draw(r)]++
		}
		sum := 0.0
		for _, x := range w {
			sum += x
		}
		for i, x := range w {
			want := x / sum
			got := float64(counts[i]) / n
			if x == 0 && counts[i] != 0 || math.Abs(got-want) > 4*math.Sqrt(want*(1-want)/n)+1e-9 {
				t.Errorf("weights %v: index %d drawn %.4f, want %.4f", w[:min(len(w), 4)], i, got, want)
			}
		}
	}
}
