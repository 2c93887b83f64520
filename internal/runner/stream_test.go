package runner

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/disload/disload/internal/reports"
)

// TestIntervalsStreamedAsTheyClose: at a low rate (a worker idle most of
// the time, holding its results), each interval's line is written soon
// after the interval closes, not two intervals later nor at the end, and
// the lines add up to the summary exactly.
func TestIntervalsStreamedAsTheyClose(t *testing.T) {
	const width = time.Second
	sc := scenario(t, "name: t\ntarget: inproc:noop\nload: {rate: 3/s, duration: 4s}\n")
	type line struct {
		f  reports.IntervalFigures
		at time.Time
	}
	var mu sync.Mutex
	var lines []line
	start := time.Now()
	res, err := Run(context.Background(), Options{Scenario: sc, Interval: width, Intervals: func(f reports.IntervalFigures) error {
		mu.Lock()
		lines = append(lines, line{f, time.Now()})
		mu.Unlock()
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	end := time.Now()
	var sent int64
	for i, l := range lines {
		sent += l.f.Sent
		if i < len(lines)-1 && !l.at.Before(end.Add(-width/2)) {
			t.Errorf("interval %d written %v after the start, with the run's end (%v); want it as it closes",
				i, l.at.Sub(start).Round(time.Millisecond), end.Sub(start).Round(time.Millisecond))
		}
		if i < len(res.Summary.Intervals) && l.f.Sent != res.Summary.Intervals[i].Sent {
			t.Errorf("interval %d: streamed sent %d, summary %d", i, l.f.Sent, res.Summary.Intervals[i].Sent)
		}
	}
	if len(lines) < 4 || sent != res.Summary.Events.Sent {
		t.Errorf("%d lines adding up to %d sent; want 4 and the summary's %d", len(lines), sent, res.Summary.Events.Sent)
	}
	// Each line comes before the next interval closes (the old rule waited
	// for two newer intervals).
	for i := 1; i < len(lines)-1; i++ {
		if gap := lines[i].at.Sub(lines[i-1].at); gap > 2*width {
			t.Errorf("line %d came %v after line %d; want about one interval", i, gap, i-1)
		}
	}
}

// TestStreamedLengthsMatchSummary: the streamed intervals carry the
// summary's length_s, the last one cut at the run's end (a run of 1.5 s
// in 1 s intervals ends halfway through its second).
func TestStreamedLengthsMatchSummary(t *testing.T) {
	sc := scenario(t, "name: t\ntarget: inproc:noop\nload: {rate: 20/s, duration: 1500ms}\n")
	var mu sync.Mutex
	var got []reports.IntervalFigures
	res, err := Run(context.Background(), Options{Scenario: sc, Interval: time.Second,
		Intervals: func(f reports.IntervalFigures) error {
			mu.Lock()
			got = append(got, f)
			mu.Unlock()
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	want := res.Summary.Intervals
	if len(got) != len(want) || len(got) < 2 {
		t.Fatalf("%d intervals streamed, summary has %d; want the same, at least 2", len(got), len(want))
	}
	for i := range want {
		if got[i].LengthS != want[i].LengthS {
			t.Errorf("interval %d: streamed length_s %v, summary %v", i, got[i].LengthS, want[i].LengthS)
		}
	}
	if last := want[len(want)-1]; last.LengthS >= res.Summary.IntervalS {
		t.Errorf("last interval length_s %v: want it cut at the run's end (%vs)", last.LengthS, res.Summary.DurationS)
	}
}
