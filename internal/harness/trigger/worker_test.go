package trigger

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/internal/harness"
)

// backlogged is one partition holding 1,000 records at the start (and 100
// written per second after), pulled in full batches of 100 at once.
func backlogged() Config {
	return Config{Format: testFormat, RecordRate: 100, Duration: time.Second, Backlog: 10 * time.Second, Serial: true,
		Poll: 100 * time.Millisecond, Drain: 10 * time.Second}
}

func TestRetriesDeliverDuplicates(t *testing.T) {
	for _, retries := range []int{0, 1, 3} {
		t.Run(strings.Repeat("r", retries), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tgt := newFakeTarget(10 * time.Millisecond)
				// Every other batch fails its first delivery.
				tgt.fail = func(_ int, first int64, seen int) bool { return first%200 == 0 && seen == 0 }
				cfg := backlogged()
				cfg.Retries = retries
				res, col := runIn(t, cfg, uniform(1, 20), tgt)
				if len(tgt.outOfOrder) > 0 {
					t.Errorf("out of order: %v", tgt.outOfOrder)
				}
				failedBatches := int64(tgt.failed)
				wantDup, wantSkipped := tgt.failedRecs, int64(0)
				if retries == 0 {
					wantDup, wantSkipped = 0, tgt.failedRecs
				}
				if failedBatches < 5 || res.Duplicates != wantDup || res.Skipped != wantSkipped {
					t.Errorf("%d failed batches: duplicates %d, skipped %d; want %d, %d",
						failedBatches, res.Duplicates, res.Skipped, wantDup, wantSkipped)
				}
				if res.Attempted != res.Produced+res.Backlog || res.Delivered != res.Attempted-wantSkipped || res.Succeeded != res.Delivered {
					t.Errorf("attempted %d, delivered %d, succeeded %d of %d+%d", res.Attempted, res.Delivered, res.Succeeded, res.Produced, res.Backlog)
				}
				if dropping := strings.HasPrefix(res.Verdict, VerdictDropping+": "); dropping != (wantSkipped > 0) || dropping && res.KeepingUp {
					t.Errorf("verdict %q (keeping up %v) with %d records skipped", res.Verdict, res.KeepingUp, wantSkipped)
				}
				tot := col.Total()
				if tot.Retried != min(failedBatches, int64(retries)*failedBatches) || tot.Sent != int64(len(tgt.calls)) || tot.Failed != failedBatches {
					t.Errorf("collector: sent %d, failed %d, retried %d; target saw %d calls, %d failures",
						tot.Sent, tot.Failed, tot.Retried, len(tgt.calls), failedBatches)
				}
			})
		})
	}
}

func TestOnFailureSkipOrBlock(t *testing.T) {
	for _, tc := range []struct {
		onFailure string
		keepingUp bool
	}{{OnFailureSkip, false}, {OnFailureBlock, false}} {
		t.Run(tc.onFailure, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tgt := newFakeTarget(10 * time.Millisecond)
				tgt.fail = func(p int, _ int64, _ int) bool { return p == 0 }
				cfg := Config{Format: testFormat, RecordRate: 1000, Duration: 4 * time.Second, Serial: true, Poll: 100 * time.Millisecond,
					Retries: 2, OnFailure: tc.onFailure}
				res, _ := runIn(t, cfg, uniform(2, 20), tgt)
				if len(tgt.outOfOrder) > 0 || tgt.overlaps > 0 {
					t.Errorf("out of order %v, overlaps %d", tgt.outOfOrder, tgt.overlaps)
				}
				p0, p1 := res.Partitions[0], res.Partitions[1]
				if p1.FinalLag > 100 || p1.Delivered < 1800 || p1.Delivered != p1.Attempted || p1.Skipped != 0 {
					t.Errorf("healthy partition 1: final lag %d, delivered %d", p1.FinalLag, p1.Delivered)
				}
				attempts := tgt.seen[[2]int64{0, 0}]
				switch tc.onFailure {
				case OnFailureSkip:
					if attempts != 3 || res.Skipped != p0.Attempted || p0.Skipped != p0.Attempted || p0.Delivered != 0 || p0.FinalLag > 100 {
						t.Errorf("first batch tried %d times (want 3); skipped %d (partition: %d) of %d, delivered %d; final lag %d",
							attempts, res.Skipped, p0.Skipped, p0.Attempted, p0.Delivered, p0.FinalLag)
					}
					want := "dropping data: " + grouped(float64(p0.Attempted)) + " records skipped after retries"
					if res.Verdict != want {
						t.Errorf("verdict %q, want %q", res.Verdict, want)
					}
				case OnFailureBlock:
					// Tried 3 times at 0.1 s, then once every 0.1 s until
					// the stop at 4 s: about 40 more.
					if attempts < 38 || p0.Attempted != 50 || p0.Delivered != 0 || res.Undelivered != 50 || p0.FinalLag < 1900 {
						t.Errorf("blocked batch tried %d times; partition 0 attempted %d, delivered %d, undelivered %d, final lag %d",
							attempts, p0.Attempted, p0.Delivered, res.Undelivered, p0.FinalLag)
					}
				}
				if res.KeepingUp != tc.keepingUp {
					t.Errorf("verdict %q, want keeping up %v", res.Verdict, tc.keepingUp)
				}
			})
		})
	}
}

func TestTargetPanicIsAFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := newFakeTarget(0)
		tgt.panicOn = func(p int) bool { return p == 1 }
		res, col := runIn(t, barConfig(400), uniform(2, 20), tgt)
		tot := col.Total()
		if tot.Errors[string(harness.ClassTargetPanic)] == 0 || tot.Errors[string(harness.ClassTargetPanic)] != tot.Failed {
			t.Errorf("errors %v, failed %d: want every failure a %s", tot.Errors, tot.Failed, harness.ClassTargetPanic)
		}
		if res.Partitions[0].Delivered == 0 || res.Skipped != res.Partitions[1].Attempted || res.Partitions[1].Delivered != 0 {
			t.Errorf("partition 0 delivered %d; skipped %d of partition 1's %d", res.Partitions[0].Delivered, res.Skipped, res.Partitions[1].Attempted)
		}
	})
}

func TestTimeoutCancelsSlowInvocations(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := newFakeTarget(time.Second)
		cfg := barConfig(100)
		cfg.Timeout = 50 * time.Millisecond
		res, col := runIn(t, cfg, uniform(1, 20), tgt)
		tot := col.Total()
		if tot.Errors["timeout"] == 0 || tot.OK != 0 {
			t.Errorf("errors %v, ok %d: want timeouts only", tot.Errors, tot.OK)
		}
		if max := time.Duration(tot.Service.Max()); max > 51*time.Millisecond {
			t.Errorf("longest invocation %v, want the 50ms timeout", max)
		}
		if res.Skipped != res.Attempted || res.Delivered != 0 {
			t.Errorf("skipped %d of %d, delivered %d", res.Skipped, res.Attempted, res.Delivered)
		}
	})
}

func TestNonSerialOverlaps(t *testing.T) {
	for _, tc := range []struct {
		name        string
		maxInFlight int
		wantMax     int
	}{{"default cap", 0, 0}, {"cap 2", 2, 2}} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tgt := newFakeTarget(300 * time.Millisecond)
				cfg := Config{Format: testFormat, RecordRate: 2000, Duration: 2 * time.Second, Poll: 100 * time.Millisecond, MaxInFlight: tc.maxInFlight}
				res, _ := runIn(t, cfg, uniform(1, 20), tgt)
				// 2,000 records/s in batches of 100, each taking 0.3 s: about 6
				// in flight without a cap.
				if tgt.partMax[0] < 2 || tgt.overlaps == 0 {
					t.Errorf("at most %d in flight on the partition, %d overlaps: want overlap", tgt.partMax[0], tgt.overlaps)
				}
				if tc.wantMax > 0 && (tgt.maxInFlight > tc.wantMax || res.MaxInFlight > tc.wantMax) {
					t.Errorf("in flight: target %d, result %d; cap %d", tgt.maxInFlight, res.MaxInFlight, tc.wantMax)
				}
				if tc.wantMax == 0 && !res.KeepingUp {
					t.Errorf("uncapped non-serial trigger: verdict %q, want keeping up", res.Verdict)
				}
				if tc.wantMax == 2 && res.KeepingUp {
					// Two at a time drain 2 × 100 / 0.3 s ≈ 667 records/s.
					t.Errorf("two in flight: verdict %q, want falling behind", res.Verdict)
				}
			})
		})
	}
}

func TestNonSerialBlockHoldsPartition(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := newFakeTarget(10 * time.Millisecond)
		tgt.fail = func(p int, first int64, _ int) bool { return p == 0 && first == 0 }
		cfg := Config{Format: testFormat, RecordRate: 2000, Duration: 3 * time.Second, Poll: 100 * time.Millisecond, OnFailure: OnFailureBlock}
		res, _ := runIn(t, cfg, uniform(2, 20), tgt)
		p0, p1 := res.Partitions[0], res.Partitions[1]
		// At 0.1 s the poller pulls the 100 records written, in one batch
		// that never succeeds; once it blocks, nothing more is pulled.
		if p0.Attempted != 100 || p0.Delivered != 0 || res.Undelivered != 100 || p0.FinalLag != 2900 {
			t.Errorf("blocked partition: attempted %d, delivered %d, undelivered %d, final lag %d; want 100, 0, 100, 2,900", p0.Attempted, p0.Delivered, res.Undelivered, p0.FinalLag)
		}
		if p1.Delivered < 2900 || p1.FinalLag > 100 {
			t.Errorf("healthy partition: delivered %d, final lag %d", p1.Delivered, p1.FinalLag)
		}
	})
}

func TestNonSerialDrainWaitsForSlowInvocations(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tgt := newFakeTarget(3 * time.Second) // longer than Grace
		cfg := Config{Format: testFormat, RecordRate: 500, Duration: 2 * time.Second, Poll: 100 * time.Millisecond, Drain: time.Minute}
		res, col := runIn(t, cfg, uniform(1, 20), tgt)
		if tot := col.Total(); tot.Failed != 0 || res.Undelivered != 0 || res.Succeeded != res.Produced {
			t.Errorf("failed %d %v, undelivered %d, succeeded %d of %d", tot.Failed, tot.Errors, res.Undelivered, res.Succeeded, res.Produced)
		}
		if res.Elapsed > 5200*time.Millisecond {
			t.Errorf("elapsed %v, want the drain to end with the last invocation, about 5 s", res.Elapsed)
		}
	})
}
