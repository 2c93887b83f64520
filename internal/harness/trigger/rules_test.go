package trigger

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/internal/harness"
)

// issueBar is the issue's trigger: 4 partitions, batch 100, poll 200 ms.
func issueBar(rate float64) Config {
	return Config{Format: testFormat, RecordRate: rate, Duration: 5 * time.Second, BatchSize: 100, Poll: 200 * time.Millisecond, Serial: true}
}

// TestIssueBarsSynctest: a 200 ms function on 4 serial partitions keeps
// up at 600 records/s (no overlap within a partition, batches in order,
// max lag under 1.5 s) and falls behind at 3,600 (max lag over 1 s).
func TestIssueBarsSynctest(t *testing.T) {
	for _, tc := range []struct {
		rate      float64
		keepingUp bool
	}{{600, true}, {3600, false}} {
		t.Run(grouped(tc.rate), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tgt := newFakeTarget(200 * time.Millisecond)
				res, _ := runIn(t, issueBar(tc.rate), uniform(4, 50), tgt)
				checkSerial(t, tgt, res, 4)
				if res.KeepingUp != tc.keepingUp {
					t.Errorf("verdict %q, want keeping up %v", res.Verdict, tc.keepingUp)
				}
				if tc.keepingUp && res.MaxLagMs >= 1500 || !tc.keepingUp && res.MaxLagMs <= 1000 {
					t.Errorf("max lag %v ms at %v records/s", res.MaxLagMs, tc.rate)
				}
				// 4 partitions drain 100 records per 200 ms each: 2,000/s,
				// so lag grows by 1,600/s. The slope is fitted to the lag's
				// troughs, which move with the order in which goroutines
				// woken at one instant run (synctest fixes the clock, not
				// that order): within 15%.
				if !tc.keepingUp && (res.LagSlope < 1360 || res.LagSlope > 1840 || !strings.Contains(res.Verdict, "lag growing by")) {
					t.Errorf("lag slope %v records/s, verdict %q: want about 1,600 growth", res.LagSlope, res.Verdict)
				}
			})
		})
	}
}

// TestFailingEveryCallIsNotKeepingUp: retries 0, skip, every call fails:
// nothing is delivered and the verdict says data is dropped.
func TestFailingEveryCallIsNotKeepingUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := newFakeTarget(10 * time.Millisecond)
		tgt.fail = func(int, int64, int) bool { return true }
		cfg := issueBar(400)
		cfg.Retries, cfg.OnFailure = 0, OnFailureSkip
		res, _ := runIn(t, cfg, uniform(4, 20), tgt)
		if res.KeepingUp || res.Delivered != 0 || res.Skipped == 0 || res.Skipped != res.Attempted ||
			!strings.HasPrefix(res.Verdict, VerdictDropping+": ") {
			t.Errorf("keeping up %v, delivered %d, skipped %d of %d, verdict %q", res.KeepingUp, res.Delivered, res.Skipped, res.Attempted, res.Verdict)
		}
		var perPart int64
		for _, p := range res.Partitions {
			perPart += p.Skipped
		}
		if perPart != res.Skipped {
			t.Errorf("partitions skipped %d in all, total %d", perPart, res.Skipped)
		}
	})
}

// givingUp is a target that gives up for good after n calls (as a function
// pool whose instances keep dying does).
type givingUp struct {
	*fakeTarget
	n, calls atomic.Int64
}

func (g *givingUp) Invoke(ctx context.Context, ev *harness.Event) harness.Outcome {
	if g.calls.Add(1) > g.n.Load() {
		return harness.Outcome{Class: "fatal", Message: "gave up"}
	}
	return g.fakeTarget.Invoke(ctx, ev)
}

func (g *givingUp) Err() error {
	if g.calls.Load() > g.n.Load() {
		return errors.New("3 failed starts in a row, giving up")
	}
	return nil
}

// TestTargetGivingUpStopsTheRun: once the target gives up the run ends at
// once with its error, not with a verdict on a stream nobody consumes.
func TestTargetGivingUpStopsTheRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := &givingUp{fakeTarget: newFakeTarget(10 * time.Millisecond)}
		tgt.n.Store(5)
		start := time.Now()
		res, err := Run(t.Context(), issueBar(400), uniform(4, 20), tgt, nil)
		if err == nil || res != nil || !strings.Contains(err.Error(), VerdictGaveUp+": 3 failed starts") {
			t.Fatalf("Run = %v, %v; want the target's error", res, err)
		}
		if d := time.Since(start); d >= time.Second {
			t.Errorf("the run went on for %v after the target gave up", d)
		}
	})
}

func TestTroughSlope(t *testing.T) {
	// sawtooth samples every 50 ms over 6 s: lag climbs for period, then a
	// pull takes it back down to trough(t).
	saw := func(period time.Duration, height int64, trough func(sec float64) int64) []LagSample {
		var out []LagSample
		for at := time.Duration(0); at <= 6*time.Second; at += 50 * time.Millisecond {
			lo := trough(at.Seconds())
			phase := float64(at%period) / float64(period)
			out = append(out, LagSample{At: at, Partition: 0, LagRecords: lo + int64(phase*float64(height)), TroughRecords: lo})
		}
		return out
	}
	for _, tc := range []struct {
		name      string
		samples   []LagSample
		cycle     time.Duration
		want      float64
		tolerance float64
		measured  bool
	}{
		{"flat sawtooth", saw(300*time.Millisecond, 150, func(float64) int64 { return 0 }), 300 * time.Millisecond, 0, 0.5, true},
		{"rising troughs", saw(300*time.Millisecond, 150, func(s float64) int64 { return int64(40 * s) }), 300 * time.Millisecond, 40, 2, true},
		{"falling troughs", saw(300*time.Millisecond, 150, func(s float64) int64 { return int64(1000 - 100*s) }), 300 * time.Millisecond, -100, 2, true},
		{"cycle too long to measure", saw(time.Second, 150, func(float64) int64 { return 0 }), 3 * time.Second, 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := troughSlope(tc.samples, 6*time.Second, tc.cycle, true)
			if ok != tc.measured || got < tc.want-tc.tolerance || got > tc.want+tc.tolerance {
				t.Errorf("troughSlope = %v, %v; want %v ± %v, %v", got, ok, tc.want, tc.tolerance, tc.measured)
			}
		})
	}
}
