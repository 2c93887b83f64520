package generator

import (
	"math"
	"testing"
)

func TestRNGIsDeterministic(t *testing.T) {
	a, b, c := newRNG(1, 2), newRNG(1, 2), newRNG(1, 3)
	same := true
	for range 100 {
		x, y, z := a.u64(), b.u64(), c.u64()
		if x != y {
			t.Fatal("same seeds, different draws")
		}
		same = same && x == z
	}
	if same {
		t.Fatal("different streams, same draws")
	}
}

func TestRNGRanges(t *testing.T) {
	r := newRNG(7, 7)
	seen := map[int]bool{}
	for range 10000 {
		n := r.intn(10)
		b := r.between(-2, 2)
		f := r.float()
		if n < 0 || n >= 10 || b < -2 || b > 2 || f < 0 || f >= 1 {
			t.Fatalf("out of range: %d %d %v", n, b, f)
		}
		seen[n] = true
		if v := r.logNormal(0, 1); v <= 0 {
			t.Fatalf("log-normal %v", v)
		}
	}
	if len(seen) != 10 {
		t.Errorf("intn(10) drew only %v", seen)
	}
}

func TestWeighted(t *testing.T) {
	w := newWeighted(1, 0, 3)
	r := newRNG(1, 1)
	counts := [3]int{}
	for range 40000 {
		counts[w.draw(r)]++
	}
	if counts[1] != 0 || math.Abs(float64(counts[2])/40000-0.75) > 0.02 {
		t.Errorf("counts %v for weights 1, 0, 3", counts)
	}
}

func TestDerive(t *testing.T) {
	if derive(1, 2, 3) == derive(1, 3, 2) || derive(1, 2) == derive(2, 2) || derive(5, 1) != derive(5, 1) {
		t.Error("derive does not separate its inputs")
	}
}
