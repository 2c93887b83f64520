package harness

import (
	"math"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestConstantPacerPace(t *testing.T) {
	for _, tc := range []struct {
		pacer   ConstantPacer
		elapsed time.Duration
		hits    uint64
		wait    time.Duration
		stop    bool
	}{
		{ConstantPacer{1000}, 0, 0, 0, false},
		{ConstantPacer{1000}, 0, 1, time.Millisecond, false},
		{ConstantPacer{1000}, time.Millisecond, 1, 0, false},
		{ConstantPacer{1000}, 500 * time.Microsecond, 1, 500 * time.Microsecond, false},
		{ConstantPacer{1000}, 2 * time.Second, 10, 0, false}, // behind: fire now
		{ConstantPacer{1000}, 4998 * time.Millisecond, 4999, time.Millisecond, false},
		{ConstantPacer{3}, 0, 1, 333333333, false},
		{ConstantPacer{3}, 333333333, 2, 333333334, false},
		{ConstantPacer{0.5}, 0, 1, 2 * time.Second, false},
		{ConstantPacer{0}, 0, 0, 0, true},
		{ConstantPacer{-1}, 0, 0, 0, true},
		{ConstantPacer{math.NaN()}, 0, 0, 0, true},
		{ConstantPacer{math.Inf(1)}, 0, 0, 0, true},
		{ConstantPacer{1e-12}, 0, math.MaxUint64, 0, true}, // overflow
	} {
		wait, stop := tc.pacer.Pace(tc.elapsed, tc.hits)
		if wait != tc.wait || stop != tc.stop {
			t.Errorf("%s.Pace(%v, %d) = (%v, %v); want (%v, %v)",
				tc.pacer, tc.elapsed, tc.hits, wait, stop, tc.wait, tc.stop)
		}
	}
}

func TestStagesPacerPace(t *testing.T) {
	ramp := StagesPacer{Start: 0, Stages: []Stage{{10 * time.Second, 100}}}        // 5 t² hits by t
	down := StagesPacer{Start: 100, Stages: []Stage{{10 * time.Second, 0}}}        // 100t − 5t²
	steps := StagesPacer{Start: 10, Stages: []Stage{{0, 100}, {time.Second, 100}}} // step to 100/s
	pause := StagesPacer{Start: 10, Stages: []Stage{{time.Second, 10}, {0, 0}, {time.Second, 0}, {0, 10}}}
	for _, tc := range []struct {
		pacer   StagesPacer
		elapsed time.Duration
		hits    uint64
		wait    time.Duration
		stop    bool
	}{
		{ramp, 0, 0, 0, false},
		{ramp, 0, 5, time.Second, false},                // 5·1² = 5
		{ramp, 0, 20, 2 * time.Second, false},           // 5·2² = 20
		{ramp, time.Second, 20, time.Second, false},     // waits from elapsed
		{ramp, 0, 500, 10 * time.Second, false},         // end of ramp
		{ramp, 0, 600, 11 * time.Second, false},         // holds 100/s after it
		{down, 0, 95, time.Second, false},               // 100 − 5 = 95
		{down, 0, 500, 10 * time.Second, false},         // the last hit, at the end
		{down, 0, 501, 0, true},                         // rate 0 for ever: stop
		{steps, 0, 100, time.Second, false},             // 100/s from 0
		{steps, 0, 150, 1500 * time.Millisecond, false}, // then the hold
		{pause, 0, 9, 900 * time.Millisecond, false},    // 10/s for 1s
		{pause, 0, 10, 2 * time.Second, false},          // paused during [1s, 2s)
		{pause, 0, 11, 2100 * time.Millisecond, false},  // 10/s again
		{StagesPacer{}, 0, 0, 0, true},                  // invalid: nothing to send
		{StagesPacer{Start: -1}, 0, 0, 0, true},         // invalid start
		{StagesPacer{Start: 1, Stages: []Stage{{-1, 1}}}, 0, 0, 0, true},
	} {
		wait, stop := tc.pacer.Pace(tc.elapsed, tc.hits)
		if d := wait - tc.wait; d < -1 || d > 1 || stop != tc.stop {
			t.Errorf("%s.Pace(%v, %d) = (%v, %v); want (%v, %v)",
				tc.pacer, tc.elapsed, tc.hits, wait, stop, tc.wait, tc.stop)
		}
	}
}

func TestStagesPacerRateAndHits(t *testing.T) {
	p := StagesPacer{Start: 100, Stages: []Stage{{10 * time.Second, 200}, {0, 50}, {5 * time.Second, 50}}}
	for _, tc := range []struct {
		elapsed    time.Duration
		rate, hits float64
	}{
		{-time.Second, 100, 0},
		{0, 100, 0},
		{5 * time.Second, 150, 625},
		{10 * time.Second, 50, 1500}, // the step to 50/s happens at 10s
		{15 * time.Second, 50, 1750},
		{20 * time.Second, 50, 2000}, // holds the last target
	} {
		if r := p.Rate(tc.elapsed); math.Abs(r-tc.rate) > 1e-9 {
			t.Errorf("%s.Rate(%v) = %v; want %v", p, tc.elapsed, r, tc.rate)
		}
		if h := p.Hits(tc.elapsed); math.Abs(h-tc.hits) > 1e-6 {
			t.Errorf("%s.Hits(%v) = %v; want %v", p, tc.elapsed, h, tc.hits)
		}
	}
}

func TestConstantPacerRateAndHits(t *testing.T) {
	p := ConstantPacer{250}
	for _, tc := range []struct {
		elapsed    time.Duration
		rate, hits float64
	}{{-time.Second, 250, 0}, {0, 250, 0}, {2 * time.Second, 250, 500}} {
		if r, h := p.Rate(tc.elapsed), p.Hits(tc.elapsed); r != tc.rate || h != tc.hits {
			t.Errorf("%s: Rate(%v), Hits(%v) = %v, %v; want %v, %v", p, tc.elapsed, tc.elapsed, r, h, tc.rate, tc.hits)
		}
	}
}

// TestPacerScheduleMatchesIntegral drives each pacer as the engine does
// (elapsed = the previous intended time). Every hit n must be due where the
// integral of the rate reaches n, and at any time t the number of hits due by
// t must equal the integral up to t, ±1.
func TestPacerScheduleMatchesIntegral(t *testing.T) {
	for _, p := range []Pacer{
		ConstantPacer{1000},
		ConstantPacer{7.3},
		StagesPacer{Start: 10, Stages: []Stage{{3 * time.Second, 1000}, {2 * time.Second, 1000}, {3 * time.Second, 0}}},
		StagesPacer{Start: 0, Stages: []Stage{{time.Second, 500}, {0, 50}, {time.Second, 3000}, {500 * time.Millisecond, 10}}},
		StagesPacer{Start: 333, Stages: []Stage{{1500 * time.Millisecond, 333}, {1500 * time.Millisecond, 1}}},
	} {
		const horizon = 9 * time.Second
		due := schedule(t, p, horizon)
		for tm := time.Duration(0); tm <= horizon; tm += 7 * time.Millisecond {
			n := sort.Search(len(due), func(i int) bool { return due[i] > tm })
			if want := p.Hits(tm); math.Abs(float64(n)-want) > 1+1e-6 {
				t.Fatalf("%s: %d hits due by %v, the integral of the rate is %.3f", p, n, tm, want)
			}
		}
	}
}

// schedule returns the due times of p's hits up to horizon, checking each.
func schedule(t *testing.T, p Pacer, horizon time.Duration) []time.Duration {
	t.Helper()
	var due []time.Duration
	var sched time.Duration
	for n := uint64(0); ; n++ {
		wait, stop := p.Pace(sched, n)
		if stop || sched+wait > horizon {
			return due
		}
		if wait < 0 {
			t.Fatalf("%s.Pace(%v, %d) = %v: negative wait", p, sched, n, wait)
		}
		sched += wait
		// Rounding to the nanosecond is the only error allowed.
		if h := p.Hits(sched); math.Abs(h-float64(n)) > p.Rate(sched)*2e-9+1e-9 {
			t.Fatalf("%s.Pace(…, %d): due at %v where the integral is %.9f", p, n, sched, h)
		}
		due = append(due, sched)
	}
}

func TestPacerStringAndValidate(t *testing.T) {
	for _, tc := range []struct {
		p      interface{ String() string }
		want   string
		errors []string
	}{
		{ConstantPacer{1000}, "Constant{1000/s}", nil},
		{ConstantPacer{0.5}, "Constant{0.5/s}", nil},
		{ConstantPacer{0}, "Constant{0/s}", []string{"rate: must be more than 0/s"}},
		{ConstantPacer{-2}, "Constant{-2/s}", []string{"rate: must not be negative"}},
		{ConstantPacer{math.Inf(1)}, "Constant{+Inf/s}", []string{"rate: must be a finite"}},
		{StagesPacer{Start: 100, Stages: []Stage{{10 * time.Second, 2000}, {20 * time.Second, 2000}}},
			"Stages{100/s, 10s→2000/s, 20s→2000/s}", nil},
		{StagesPacer{Start: -1, Stages: []Stage{{-time.Second, math.NaN()}}}, "Stages{-1/s, -1s→NaN/s}",
			[]string{"start: must not be negative", "stages[0].duration: must not be negative", "stages[0].target: must be a finite", "every rate is 0/s"}},
		{StagesPacer{}, "Stages{0/s}", []string{"every rate is 0/s"}},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("String() = %q; want %q", got, tc.want)
		}
		err := tc.p.(validator).Validate()
		if (err == nil) != (len(tc.errors) == 0) {
			t.Errorf("%s.Validate() = %v; want errors %q", tc.p, err, tc.errors)
			continue
		}
		for _, e := range tc.errors {
			if !strings.Contains(err.Error(), e) {
				t.Errorf("%s.Validate() = %q; want it to contain %q", tc.p, err, e)
			}
		}
	}
}

func TestStagesPacerTotal(t *testing.T) {
	p := StagesPacer{Start: 1, Stages: []Stage{{time.Second, 2}, {0, 3}, {2 * time.Second, 3}}}
	if got := p.Total(); got != 3*time.Second {
		t.Errorf("%s.Total() = %v; want 3s", p, got)
	}
}

func BenchmarkConstantPacer(b *testing.B) {
	p := ConstantPacer{PerSecond: 100_000}
	var sched time.Duration
	for i := range b.N {
		wait, _ := p.Pace(sched, uint64(i))
		sched += wait
	}
}

func BenchmarkStagesPacer(b *testing.B) {
	p := StagesPacer{Start: 100, Stages: []Stage{{time.Minute, 100_000}, {time.Hour, 100_000}}}
	var sched time.Duration
	for i := range b.N {
		wait, _ := p.Pace(sched, uint64(i))
		sched += wait
	}
}
