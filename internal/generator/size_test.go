package generator

import (
	"math"
	"testing"
)

func TestSizeTargets(t *testing.T) {
	r := newRNG(2, 2)
	for _, c := range []struct {
		s        SizeConfig
		lo, hi   int
		meanWant float64
	}{
		{SizeConfig{Min: 100}, 100, 100, 100},
		{SizeConfig{Min: 100, Max: 200}, 100, 200, 150},
		{SizeConfig{Mean: 500}, 0, 2000, 500},
		{SizeConfig{Min: 400, Max: 600, Mean: 500}, 400, 600, 500},
	} {
		if !c.s.enabled() {
			t.Fatalf("%+v not enabled", c.s)
		}
		sum := 0
		for range 20000 {
			v := c.s.target(r)
			if v < c.lo || v > c.hi {
				t.Fatalf("%+v: target %d outside %d..%d", c.s, v, c.lo, c.hi)
			}
			sum += v
		}
		if mean := float64(sum) / 20000; math.Abs(mean-c.meanWant) > 0.05*c.meanWant {
			t.Errorf("%+v: mean %.1f, want about %.0f", c.s, mean, c.meanWant)
		}
	}
	if (SizeConfig{}).enabled() {
		t.Error("zero SizeConfig pads records")
	}
}

func TestSizedRecords(t *testing.T) {
	for _, enc := range []Encoding{EncodingJSON, EncodingCSV, EncodingText} {
		s, err := New(Config{Seed: 1, Encoding: enc, Size: SizeConfig{Min: 900, Max: 1100},
			Kinds: []KindWeight{{Kind: KindClick, Weight: 1}, {Kind: KindLocation, Weight: 1}}})
		if err != nil {
			t.Fatal(err)
		}
		ps := s.PartitionStream(0)
		for range 200 {
			d, _, _ := ps.NextRecord(nil)
			if len(d) < 900 || len(d) > 1100 {
				t.Fatalf("%s: record of %d bytes", enc, len(d))
			}
		}
	}
}
