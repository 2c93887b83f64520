package trigger

import (
	"testing"
	"testing/synctest"
	"time"
)

func TestTimelineSamplesEveryInterval(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := newFakeTarget(20 * time.Millisecond)
		cfg := barConfig(400)
		cfg.Duration, cfg.Interval = time.Second, 250*time.Millisecond
		res, _ := runIn(t, cfg, newFakeStream(10, 0.75, 0.25), tgt)
		byAt := map[time.Duration][]LagSample{}
		for _, s := range res.Timeline {
			byAt[s.At] = append(byAt[s.At], s)
		}
		for _, at := range []time.Duration{0, 250 * time.Millisecond, 500 * time.Millisecond, 750 * time.Millisecond} {
			got := byAt[at]
			if len(got) != 3 || got[0].Partition != 0 || got[1].Partition != 1 || got[2].Partition != TotalPartition {
				t.Fatalf("samples at %v: %+v, want partitions 0, 1 and the total", at, got)
			}
			tot := got[2]
			if tot.LagRecords != got[0].LagRecords+got[1].LagRecords ||
				tot.LagMs != max(got[0].LagMs, got[1].LagMs) || tot.IteratorAgeMs != max(got[0].IteratorAgeMs, got[1].IteratorAgeMs) {
				t.Errorf("total at %v %+v does not add up %+v", at, tot, got[:2])
			}
		}
		if len(byAt) > 5 {
			t.Errorf("%d sample times in a 1 s run sampled every 250 ms", len(byAt))
		}
	})
}

func TestTakeSampleLargeStreamKeepsTotalsOnly(t *testing.T) {
	n := MaxTimelinePartitions + 1
	r := newRunner(Config{Format: testFormat, RecordRate: 1000, Duration: time.Second}.WithDefaults(), uniform(n, 10), noopTarget{}, nil)
	r.parts[0].winAge.Store(int64(30 * time.Millisecond))
	r.takeSample(time.Second, time.Second)
	if len(r.timeline) != 1 {
		t.Fatalf("%d samples, want the total only", len(r.timeline))
	}
	s := r.timeline[0]
	// Each partition writes 1000/65 records/s: 15 by 1 s, none pulled.
	if s.Partition != TotalPartition || s.LagRecords != int64(15*n) || s.IteratorAgeMs != 30 {
		t.Errorf("total sample %+v", s)
	}
	if r.parts[0].winAge.Load() != 0 || r.parts[0].maxLag.Load() != 15 {
		t.Errorf("sampling must reset the interval's iterator age and note the lag")
	}
}

// lagFunc adapts a function to LagObserver.
type lagFunc func([]LagSample)

func (f lagFunc) ObserveLag(s []LagSample) { f(s) }

// TestLagObserverSeesEverySampling: the observer gets each sampling's samples as
// the timeline records them, every partition's even past
// MaxTimelinePartitions, then the total.
func TestLagObserverSeesEverySampling(t *testing.T) {
	for _, n := range []int{2, MaxTimelinePartitions + 1} {
		var got [][]LagSample
		cfg := Config{RecordRate: 1000, Duration: time.Second}.WithDefaults()
		cfg.Lag = lagFunc(func(s []LagSample) { got = append(got, append([]LagSample(nil), s...)) })
		r := newRunner(cfg, uniform(n, 10), noopTarget{}, nil)
		r.takeSample(time.Second, time.Second)
		r.takeSample(2*time.Second, 2*time.Second)
		if len(got) != 2 {
			t.Fatalf("%d partitions: %d calls, want 2", n, len(got))
		}
		last := got[1]
		if len(last) != n+1 || last[0].Partition != 0 || last[n].Partition != TotalPartition ||
			last[n] != r.timeline[len(r.timeline)-1] {
			t.Errorf("%d partitions: samples %+v, want each partition then the timeline's total", n, last)
		}
	}
}
