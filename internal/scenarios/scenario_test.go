package scenarios

import (
	"math"
	"testing"
	"time"
)

func TestDefaultNeedsOnlyARate(t *testing.T) {
	s := Default()
	if err := s.Validate(); err == nil || err.Error() != "load.rate: open mode needs a rate above 0, e.g. 500/s (or load.stages)" {
		t.Errorf("Default().Validate() = %v, want only the missing rate", err)
	}
	s.Load.Rate = Rate{1}
	if err := s.Validate(); err != nil {
		t.Errorf("Default() with a rate: %v", err)
	}
}

func TestWriteLimits(t *testing.T) {
	tests := []struct {
		p              PartitionType
		records, bytes int
	}{
		{PartitionCommon, 1000, 1_000_000}, {PartitionAdvanced, 2000, 5_000_000}, {"other", 0, 0},
	}
	for _, tc := range tests {
		if r, b := tc.p.WriteLimits(); r != tc.records || b != tc.bytes {
			t.Errorf("%s.WriteLimits() = %d, %d; want %d, %d", tc.p, r, b, tc.records, tc.bytes)
		}
	}
}

func TestStagesDurationAndPeak(t *testing.T) {
	tests := []struct {
		load LoadConfig
		sum  time.Duration
		peak float64
	}{
		{LoadConfig{Rate: Rate{5}}, 0, 5},
		{LoadConfig{Rate: Rate{5}, Stages: []Stage{{time.Second, Rate{50}}, {2 * time.Second, Rate{10}}}}, 3 * time.Second, 50},
		{LoadConfig{Stages: []Stage{{-time.Second, Rate{1}}, {time.Second, Rate{0}}}}, time.Second, 1},
		{LoadConfig{Stages: []Stage{{math.MaxInt64, Rate{1}}, {math.MaxInt64, Rate{1}}}}, math.MaxInt64, 1},
	}
	for _, tc := range tests {
		if got := tc.load.StagesDuration(); got != tc.sum {
			t.Errorf("StagesDuration(%+v) = %v, want %v", tc.load.Stages, got, tc.sum)
		}
		if got := tc.load.PeakRate(); got.PerSecond != tc.peak {
			t.Errorf("PeakRate(%+v) = %v, want %v", tc.load, got, tc.peak)
		}
	}
}

func TestDefaultConcurrency(t *testing.T) {
	for m, want := range map[Mode]int{ModeOpen: 256, ModeClosed: 8, ModeTrigger: 256} {
		if got := DefaultConcurrency(m); got != want {
			t.Errorf("DefaultConcurrency(%s) = %d, want %d", m, got, want)
		}
	}
}
