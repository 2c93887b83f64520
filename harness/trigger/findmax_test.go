package trigger

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// fourPartitions returns a fresh uniform 4-partition stream per step.
func fourPartitions(float64) (Stream, error) { return uniform(4, 20), nil }

func TestFindMaxSerialCapacity(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// 4 serial partitions, batch 100, 20 ms a call: 20,000 records/s.
		tgt := newFakeTarget(20 * time.Millisecond)
		tgt.decode = false
		base := Config{BatchSize: 100, Poll: 100 * time.Millisecond, Serial: true}
		var seen []StepResult
		capa, err := FindMax(t.Context(), base, fourPartitions, tgt, Steps{Start: 2500, Duration: 2 * time.Second, Refine: 3,
			Progress: func(s StepResult) { seen = append(seen, s) }})
		if err != nil {
			t.Fatal(err)
		}
		if capa.MaxSustainable < 14_000 || capa.MaxSustainable > 20_500 {
			t.Errorf("max sustainable %v records/s, want a little under 20,000; steps %+v", capa.MaxSustainable, capa.Steps)
		}
		if capa.FirstFailing <= capa.MaxSustainable || capa.FirstFailing > 40_000 || capa.LimitedBy != "" {
			t.Errorf("first failing %v, limited by %q", capa.FirstFailing, capa.LimitedBy)
		}
		rates := []float64{2500, 5000, 10_000, 20_000, 40_000}
		if len(capa.Steps) < len(rates)-1 || len(seen) != len(capa.Steps) {
			t.Fatalf("%d steps (%d reported): %+v", len(capa.Steps), len(seen), capa.Steps)
		}
		for i, s := range capa.Steps[:3] {
			if s.Rate != rates[i] || !s.KeepingUp || s.Produced != s.Rate {
				t.Errorf("step %d: %+v, want %v records/s kept up", i, s, rates[i])
			}
		}
		last := capa.Steps[len(capa.Steps)-1]
		if len(capa.Steps) != 3+2+3 && len(capa.Steps) != 3+1+3 || last.Rate <= 10_000 || last.Rate >= 40_000 {
			t.Errorf("steps %+v: want the climb, then 3 refinements between 10,000 and 40,000", capa.Steps)
		}
	})
}

func TestFindMaxStopsAtEnforcedWriteLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		base := Config{BatchSize: 100, Poll: 100 * time.Millisecond, Serial: true, LimitRecords: 1000, EnforceLimit: true}
		capa, err := FindMax(t.Context(), base, fourPartitions, noopTarget{}, Steps{Start: 1000, Duration: 2 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		// 1,000, 2,000, 4,000 (1,000 a partition), 8,000 still 4,000 written.
		if capa.LimitedBy != LimitedByWriteLimit || capa.MaxSustainable != 4000 || len(capa.Steps) != 4 {
			t.Errorf("limited by %q, max %v after %d steps: %+v", capa.LimitedBy, capa.MaxSustainable, len(capa.Steps), capa.Steps)
		}
	})
}

func TestFindMaxReachesMax(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		capa, err := FindMax(t.Context(), Config{Serial: true}, fourPartitions, noopTarget{},
			Steps{Start: 100, Max: 500, Duration: 2 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if capa.LimitedBy != LimitedByMaxRate || capa.MaxSustainable != 400 || len(capa.Steps) != 3 {
			t.Errorf("limited by %q, max %v, steps %+v", capa.LimitedBy, capa.MaxSustainable, capa.Steps)
		}
	})
}

func TestFindMaxFirstStepFails(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := newFakeTarget(time.Second) // 100 records/s a partition
		tgt.decode = false
		capa, err := FindMax(t.Context(), Config{Serial: true, Poll: 100 * time.Millisecond}, fourPartitions, tgt,
			Steps{Start: 3200, Duration: 4 * time.Second, Refine: 4})
		if err != nil {
			t.Fatal(err)
		}
		// Bisection from 0: 1,600, 800, 400, then 200 or 600.
		if capa.Steps[0].KeepingUp || len(capa.Steps) != 5 || capa.Steps[1].Rate != 1600 {
			t.Fatalf("steps %+v", capa.Steps)
		}
		if capa.MaxSustainable > 400 || capa.FirstFailing > 800 {
			t.Errorf("max sustainable %v, first failing %v: capacity is 400", capa.MaxSustainable, capa.FirstFailing)
		}
	})
}

func TestFindMaxInterrupted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(3*time.Second, cancel)
		capa, err := FindMax(ctx, Config{Serial: true}, fourPartitions, noopTarget{}, Steps{Duration: 2 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if !capa.Interrupted || len(capa.Steps) != 1 || capa.MaxSustainable != 1000 {
			t.Errorf("interrupted %v, steps %+v, max %v", capa.Interrupted, capa.Steps, capa.MaxSustainable)
		}
	})
}

func TestFindMaxRejects(t *testing.T) {
	streamErr := errors.New("no seed")
	for _, tc := range []struct {
		name    string
		base    Config
		steps   Steps
		streams StreamFunc
		want    string
	}{
		{"factor", Config{}, Steps{Factor: 1}, fourPartitions, "steps: Factor: must be a finite number above 1, got 1"},
		{"start", Config{}, Steps{Start: -5}, fourPartitions, "steps: Start: must be a finite rate above 0 records/s, got -5"},
		{"max", Config{}, Steps{Start: 100, Max: 50}, fourPartitions, "steps: Max: must be finite and at least Start (100), got 50"},
		{"duration", Config{}, Steps{Duration: -1}, fourPartitions, "steps: Duration: must be above 0"},
		{"base", Config{BatchSize: -1}, Steps{}, fourPartitions, "BatchSize (batch_size)"},
		{"no streams", Config{}, Steps{}, nil, "streams: required"},
		{"stream error", Config{}, Steps{}, func(float64) (Stream, error) { return nil, streamErr }, "stream at 1000 records/s: no seed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := FindMax(context.Background(), tc.base, tc.streams, noopTarget{}, tc.steps)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("FindMax error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestFindMaxStartsTargetOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := &startTarget{fakeTarget: newFakeTarget(0)}
		_, err := FindMax(t.Context(), Config{Serial: true}, fourPartitions, tgt, Steps{Start: 100, Max: 400, Duration: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if tgt.starts != 1 {
			t.Errorf("Start called %d times, want 1", tgt.starts)
		}
	})
}
