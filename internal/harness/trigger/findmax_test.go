package trigger

import (
	"context"
	"errors"
	"math"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/internal/harness"
)

// fourPartitions returns a fresh uniform 4-partition stream per step.
func fourPartitions(float64) (Stream, error) { return uniform(4, 20), nil }

// checkCapacity asserts a search's promises: the answer within 10% of
// capacity, the bracket within Precision, every step kept.
func checkCapacity(t *testing.T, capa *Capacity, capacity float64, seen []StepResult) {
	t.Helper()
	if d := math.Abs(capa.MaxSustainable-capacity) / capacity; d > 0.10 {
		t.Errorf("max sustainable %.0f records/s, %.1f%% off the capacity %.0f; steps %+v", capa.MaxSustainable, 100*d, capacity, capa.Steps)
	}
	if capa.FirstFailing <= capa.MaxSustainable || capa.FirstFailing > capa.MaxSustainable*(1+DefaultStepPrecision)+1 {
		t.Errorf("bracket [%.0f, %.0f] wider than %v%%", capa.MaxSustainable, capa.FirstFailing, 100*DefaultStepPrecision)
	}
	if len(seen) != len(capa.Steps) || len(capa.Steps) > DefaultMaxSteps {
		t.Errorf("%d steps, %d reported", len(capa.Steps), len(seen))
	}
	for _, s := range capa.Steps {
		if s.KeepingUp && s.LagSlope > DefaultStepTolerance*s.Produced || s.Verdict == "" {
			t.Errorf("step %+v: keeping up with the lag slope over the tolerance", s)
		}
	}
}

func TestFindMaxSerialCapacity(t *testing.T) {
	for _, tc := range []struct {
		name       string
		call       time.Duration
		start      float64
		capacity   float64
		firstFails bool
	}{
		// 4 serial partitions, batch 100: 4 × 100 ÷ call time.
		{"climb from below", 20 * time.Millisecond, 2500, 20_000, false},
		{"first step fails", time.Second, 3200, 400, true},
		{"first step fails, short calls", 20 * time.Millisecond, 80_000, 20_000, true},
		{"the issue's 200 ms function", 200 * time.Millisecond, 1000, 2000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tgt := newFakeTarget(tc.call)
				tgt.decode = false
				base := Config{Format: testFormat, BatchSize: 100, Poll: 100 * time.Millisecond, Serial: true}
				var seen []StepResult
				capa, err := FindMax(t.Context(), base, fourPartitions, tgt, Steps{Start: tc.start,
					Progress: func(s StepResult) { seen = append(seen, s) }})
				if err != nil {
					t.Fatal(err)
				}
				checkCapacity(t, capa, tc.capacity, seen)
				if capa.Steps[0].KeepingUp == tc.firstFails || capa.LimitedBy != "" {
					t.Errorf("first step %+v, limited by %q", capa.Steps[0], capa.LimitedBy)
				}
				// With many calls in a step, a failing step drains at capacity.
				if many := tc.call*20 < DefaultStepDuration; many && !capa.Steps[0].KeepingUp && math.Abs(capa.Steps[0].Drained-tc.capacity) > 0.1*tc.capacity {
					t.Errorf("a failing step drains %.0f records/s, want about the capacity %.0f", capa.Steps[0].Drained, tc.capacity)
				}
			})
		})
	}
}

// TestFindMaxNotesStreamLimit: a function faster than the stream's write
// limit gets its answer, and the note that the stream could not take it.
func TestFindMaxNotesStreamLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := newFakeTarget(20 * time.Millisecond)
		tgt.decode = false
		base := Config{Format: testFormat, BatchSize: 100, Poll: 100 * time.Millisecond, Serial: true, LimitRecords: 1000}
		capa, err := FindMax(t.Context(), base, fourPartitions, tgt, Steps{Start: 2500})
		if err != nil {
			t.Fatal(err)
		}
		if capa.StreamLimit != 4000 || !capa.OverStreamLimit || capa.MaxSustainable < 18_000 {
			t.Errorf("stream limit %v, over %v, max %v; want 4,000, true, about 20,000", capa.StreamLimit, capa.OverStreamLimit, capa.MaxSustainable)
		}
	})
}

func TestFindMaxStopsAtEnforcedWriteLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		base := Config{Format: testFormat, BatchSize: 100, Poll: 100 * time.Millisecond, Serial: true, LimitRecords: 1000, EnforceLimit: true}
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
		capa, err := FindMax(t.Context(), Config{Format: testFormat, Serial: true}, fourPartitions, noopTarget{},
			Steps{Start: 100, Max: 500, Duration: 2 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if capa.LimitedBy != LimitedByMaxRate || capa.MaxSustainable != 400 || len(capa.Steps) != 3 || capa.FirstFailing != 0 {
			t.Errorf("limited by %q, max %v, steps %+v", capa.LimitedBy, capa.MaxSustainable, capa.Steps)
		}
	})
}

func TestFindMaxInterrupted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(3*time.Second, cancel)
		capa, err := FindMax(ctx, Config{Format: testFormat, Serial: true}, fourPartitions, noopTarget{}, Steps{Duration: 2 * time.Second})
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
		{"factor", Config{Format: testFormat}, Steps{Factor: 1}, fourPartitions, "steps: Factor: must be a finite number above 1, got 1"},
		{"start", Config{Format: testFormat}, Steps{Start: -5}, fourPartitions, "steps: Start: must be a finite rate above 0 records/s, got -5"},
		{"max", Config{Format: testFormat}, Steps{Start: 100, Max: 50}, fourPartitions, "steps: Max: must be finite and at least Start (100), got 50"},
		{"duration", Config{Format: testFormat}, Steps{Duration: -1}, fourPartitions, "steps: Duration: must be above 0"},
		{"precision", Config{Format: testFormat}, Steps{Precision: 1}, fourPartitions, "steps: Precision: must be above 0 and below 1, got 1"},
		{"tolerance", Config{Format: testFormat}, Steps{Tolerance: -0.1}, fourPartitions, "steps: Tolerance: must be above 0 and below 1, got -0.1"},
		{"max steps", Config{Format: testFormat}, Steps{MaxSteps: -1}, fourPartitions, "steps: MaxSteps: must be at least 1, got -1"},
		{"base", Config{Format: testFormat, BatchSize: -1}, Steps{}, fourPartitions, "BatchSize (batch_size)"},
		{"no streams", Config{Format: testFormat}, Steps{}, nil, "streams: required"},
		{"stream error", Config{Format: testFormat}, Steps{}, func(float64) (Stream, error) { return nil, streamErr }, "stream at 1000 records/s: no seed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := FindMax(context.Background(), tc.base, tc.streams, noopTarget{}, tc.steps)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("FindMax error %v, want %q", err, tc.want)
			}
		})
	}
}

// TestFindMaxLeavesLifecycleToOwner: the steps reuse the target as its
// owner started it; FindMax starts nothing.
func TestFindMaxLeavesLifecycleToOwner(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := &startTarget{fakeTarget: newFakeTarget(0)}
		_, err := FindMax(t.Context(), Config{Format: testFormat, Serial: true}, fourPartitions, tgt, Steps{Start: 100, Max: 400, Duration: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if tgt.starts != 0 {
			t.Errorf("Start called %d times, want 0", tgt.starts)
		}
	})
}

// stallOnce stalls one call for a second once at is reached, as a hiccup
// of a busy machine would.
type stallOnce struct {
	*fakeTarget
	at    atomic.Int64 // UnixNano; 0: no stall to come
	stall atomic.Bool
}

func (s *stallOnce) Invoke(ctx context.Context, ev *harness.Event) harness.Outcome {
	if at := s.at.Load(); at != 0 && time.Now().UnixNano() >= at && s.stall.CompareAndSwap(true, false) {
		time.Sleep(time.Second)
	}
	return s.fakeTarget.Invoke(ctx, ev)
}

// TestFindMaxRepeatsAHiccup: a step that falls behind because of one
// stalled call, draining less than a rate already kept up with, runs again
// and does not decide the answer.
func TestFindMaxRepeatsAHiccup(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := &stallOnce{fakeTarget: newFakeTarget(20 * time.Millisecond)}
		tgt.decode = false
		n := 0
		streams := func(float64) (Stream, error) {
			if n++; n == 3 { // halfway through the third step
				tgt.at.Store(time.Now().Add(DefaultStepDuration / 2).UnixNano())
				tgt.stall.Store(true)
			}
			return uniform(4, 20), nil
		}
		var seen []StepResult
		capa, err := FindMax(t.Context(), Config{Format: testFormat, BatchSize: 100, Poll: 100 * time.Millisecond, Serial: true}, streams, tgt,
			Steps{Start: 2500, Progress: func(s StepResult) { seen = append(seen, s) }})
		if err != nil {
			t.Fatal(err)
		}
		checkCapacity(t, capa, 20_000, seen)
		if capa.Steps[2].KeepingUp || capa.Steps[3].Rate != capa.Steps[2].Rate || !capa.Steps[3].KeepingUp {
			t.Errorf("steps %+v: want the stalled third step failing, then run again and keeping up", capa.Steps)
		}
	})
}
