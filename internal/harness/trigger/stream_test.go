package trigger

import (
	"math"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/internal/generator"
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

func TestFromGenerator(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		src, err := generator.New(generator.Config{Seed: 7, Partitions: 3, KeyCount: 50, KeySkew: 1.5, StreamName: "dis-gen"})
		if err != nil {
			t.Fatal(err)
		}
		s := FromGenerator(src)
		sum := 0.0
		for _, p := range s.Partitions() {
			sum += s.Weight(p)
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("weights sum to %v, want 1", sum)
		}
		tgt := &captureTarget{}
		cfg := Config{RecordRate: 3000, Duration: time.Second, BatchSize: 50, Poll: 50 * time.Millisecond,
			Serial: true, StreamName: "dis-gen", Drain: time.Second}
		res, _ := runIn(t, cfg, s, tgt)
		check := dis.NewStreamChecker(3)
		for i, payload := range tgt.events {
			if probs := dis.Validate(payload); len(probs) > 0 {
				t.Fatalf("event %d: %v", i, probs)
			}
			ev, err := dis.Decode(payload)
			if err != nil {
				t.Fatal(err)
			}
			if probs := check.Check(ev); len(probs) > 0 {
				t.Fatalf("event %d: %v", i, probs)
			}
		}
		if res.Delivered != res.Produced || res.Produced < 2990 {
			t.Errorf("delivered %d of %d", res.Delivered, res.Produced)
		}
		hot, cold := res.Partitions[0], res.Partitions[0]
		for _, p := range res.Partitions {
			if p.Rate > hot.Rate {
				hot = p
			}
			if p.Rate < cold.Rate {
				cold = p
			}
			if want := 3000 * s.Weight(p.Partition); p.Rate != want {
				t.Errorf("partition %d: rate %v, want %v", p.Partition, p.Rate, want)
			}
		}
		if hot.Rate < 1.2*cold.Rate {
			t.Errorf("skew 1.5 on 50 keys gave rates %v..%v: want a hot partition", cold.Rate, hot.Rate)
		}
	})
}
