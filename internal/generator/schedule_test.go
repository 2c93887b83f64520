package generator

import "testing"

func TestScheduleFollowsWeights(t *testing.T) {
	s := newSchedule([]float64{0.5, 0, 0.25, 0.25})
	if s.total != scheduleScale || s.share(0) != 0.5 || s.share(1) != 0 {
		t.Fatalf("weights %v, total %d", s.weight, s.total)
	}
	counts := make([]int, 4)
	var last, longestRun, run int
	for i := range 4000 {
		p := s.next()
		counts[p]++
		if i > 0 && p == last {
			run++
		} else {
			run = 1
		}
		longestRun = max(longestRun, run)
		last = p
	}
	if counts[0] != 2000 || counts[1] != 0 || counts[2] != 1000 || counts[3] != 1000 {
		t.Errorf("counts %v", counts)
	}
	if longestRun > 2 {
		t.Errorf("partition 0 ran %d events in a row; smooth round-robin spreads them out", longestRun)
	}
}

func TestScheduleKeepsTinyPartitions(t *testing.T) {
	s := newSchedule([]float64{1, 1e-12})
	if s.weight[1] != 1 {
		t.Fatalf("tiny partition weight %d", s.weight[1])
	}
}
