package trigger

import (
	"math"
	"testing"
	"testing/synctest"
	"time"
)

func TestProducerArithmetic(t *testing.T) {
	ms := time.Millisecond
	for _, tc := range []struct {
		name    string
		rate    float64
		backlog time.Duration
		at      time.Duration
		written int64
		k       int64
		writeAt time.Duration
	}{
		{"nothing at the start", 100, 0, 0, 0, 0, 10 * ms},
		{"one per 10ms", 100, 0, 95 * ms, 9, 8, 90 * ms},
		{"stops at end", 100, 0, time.Hour, 200, 199, 2000 * ms},
		{"backlog", 100, time.Second, 0, 100, 0, -990 * ms},
		{"after the backlog", 100, time.Second, 10 * ms, 101, 100, 10 * ms},
		{"thirds", 3, 0, time.Second, 3, 0, 333333334},
		{"idle partition", 0, time.Second, time.Second, 0, 5, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pr := newProducer(tc.rate, tc.backlog, 2*time.Second)
			if got := pr.written(tc.at); got != tc.written {
				t.Errorf("written(%v) = %d, want %d", tc.at, got, tc.written)
			}
			if got := pr.writeTime(tc.k); got != tc.writeAt {
				t.Errorf("writeTime(%d) = %v, want %v", tc.k, got, tc.writeAt)
			}
		})
	}
}

func TestLagAt(t *testing.T) {
	pr := newProducer(100, 0, time.Minute)
	for _, tc := range []struct {
		at      time.Duration
		cursor  int64
		records int64
		age     time.Duration
	}{
		{time.Second, 100, 0, 0},
		{time.Second, 40, 60, 590 * time.Millisecond},
		{time.Second, 0, 100, 990 * time.Millisecond},
		{time.Second, 120, 0, 0}, // a cursor ahead (never happens) is no lag
	} {
		records, age := pr.lagAt(tc.at, tc.cursor)
		if records != tc.records || age != tc.age {
			t.Errorf("lagAt(%v, %d) = %d, %v; want %d, %v", tc.at, tc.cursor, records, age, tc.records, tc.age)
		}
	}
}

// FuzzProducer checks that written and writeTime agree: record k exists
// from writeTime(k) on and not a nanosecond before.
func FuzzProducer(f *testing.F) {
	f.Add(100.0, int64(0), int64(7))
	f.Add(3.0, int64(time.Second), int64(1))
	f.Add(12345.678, int64(time.Minute), int64(1_000_000))
	f.Add(0.001, int64(0), int64(0))
	f.Fuzz(func(t *testing.T, rate float64, backlog, k int64) {
		if !(rate >= 1e-3 && rate <= 1e7) || backlog < 0 || backlog > int64(time.Hour) || k < 0 || k > 1e9 {
			t.Skip()
		}
		pr := newProducer(rate, time.Duration(backlog), time.Duration(math.MaxInt64))
		if k < pr.backlog {
			if wt := pr.writeTime(k); wt > 0 {
				t.Fatalf("backlog record %d of %d written at %v, after the start", k, pr.backlog, wt)
			}
			return
		}
		wt := pr.writeTime(k)
		if got := pr.written(wt); got < k+1 {
			t.Fatalf("rate %v: written(writeTime(%d) = %v) = %d, want at least %d", rate, k, wt, got, k+1)
		}
		if wt > 0 {
			if got := pr.written(wt - 1); got > k {
				t.Fatalf("rate %v: written(writeTime(%d) - 1ns) = %d, want at most %d", rate, k, got, k)
			}
		}
	})
}

func TestLimit(t *testing.T) {
	for _, tc := range []struct {
		name         string
		records, byt int
		mean         float64
		want         float64
	}{
		{"none", 0, 0, 100, math.Inf(1)},
		{"records", 1000, 0, 100, 1000},
		{"bytes bind", 1000, 1_000_000, 2000, 500},
		{"records bind", 1000, 1_000_000, 100, 1000},
		{"bytes without a mean", 0, 1_000_000, 0, math.Inf(1)},
	} {
		c := Config{Format: testFormat, LimitRecords: tc.records, LimitBytes: tc.byt}
		if got := c.limit(tc.mean); got != tc.want {
			t.Errorf("%s: limit = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestLimitWarning(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cfg   Config
		asked float64
		mean  float64
		want  string
	}{
		{"under", Config{Format: testFormat, LimitRecords: 1000}, 999, 10, ""},
		{"records", Config{Format: testFormat, LimitRecords: 1000, LimitName: "common"}, 1450, 10,
			"partition 3 asked 1,450 records/s over the common limit 1,000/s"},
		{"records enforced", Config{Format: testFormat, LimitRecords: 1000, LimitName: "common", EnforceLimit: true}, 1450, 10,
			"partition 3 asked 1,450 records/s over the common limit 1,000/s: throttled to 1,000 records/s"},
		{"bytes", Config{Format: testFormat, LimitRecords: 2000, LimitBytes: 5_000_000, LimitName: "advanced"}, 1500, 4000,
			"partition 3 asked 6,000,000 bytes/s (1,500 records/s of 4,000 B mean) over the advanced limit 5,000,000 B/s"},
		{"bytes enforced, no name", Config{Format: testFormat, LimitBytes: 100_000, EnforceLimit: true}, 1500, 100,
			"partition 3 asked 150,000 bytes/s (1,500 records/s of 100 B mean) over the limit 100,000 B/s: throttled to 1,000 records/s"},
	} {
		if got := tc.cfg.limitWarning(3, tc.asked, tc.mean); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

func TestGrouped(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 999: "999", 1000: "1,000", 1449.6: "1,450", 1234567: "1,234,567",
		-20000: "-20,000", -0.4: "0", math.Inf(1): "+Inf", 1e19: "1e+19",
	} {
		if got := grouped(v); got != want {
			t.Errorf("grouped(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestRunWriteLimits(t *testing.T) {
	for _, tc := range []struct {
		name      string
		cfg       Config
		rate      float64 // partition 0's written rate
		throttled int64
		warning   string
	}{
		{"warn", Config{Format: testFormat, LimitRecords: 1000, LimitName: "common"}, 1500, 0,
			"partition 0 asked 1,500 records/s over the common limit 1,000/s"},
		{"enforce", Config{Format: testFormat, LimitRecords: 1000, LimitName: "common", EnforceLimit: true}, 1000, 1000,
			"partition 0 asked 1,500 records/s over the common limit 1,000/s: throttled to 1,000 records/s"},
		{"bytes, enforced", Config{Format: testFormat, LimitBytes: 100_000, EnforceLimit: true}, 1000, 1000,
			"partition 0 asked 150,000 bytes/s (1,500 records/s of 100 B mean) over the limit 100,000 B/s: throttled to 1,000 records/s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				cfg := tc.cfg
				cfg.RecordRate, cfg.Duration, cfg.Serial, cfg.Poll = 2000, 2*time.Second, true, 100*time.Millisecond
				tgt := newFakeTarget(0)
				res, _ := runIn(t, cfg, newFakeStream(100, 0.75, 0.25), tgt)
				p0, p1 := res.Partitions[0], res.Partitions[1]
				if p0.Rate != tc.rate || p0.AskedRate != 1500 || !p0.LimitHit || p0.Throttled != tc.throttled || res.Throttled != tc.throttled {
					t.Errorf("partition 0: %+v", p0)
				}
				if p1.Rate != 500 || p1.LimitHit || p1.Throttled != 0 {
					t.Errorf("partition 1 under the limit: %+v", p1)
				}
				if len(res.Warnings) != 1 || res.Warnings[0] != tc.warning {
					t.Errorf("warnings %q\nwant [%q]", res.Warnings, tc.warning)
				}
				if want := int64(2 * tc.rate); p0.Produced != want || len(tgt.outOfOrder) > 0 {
					t.Errorf("partition 0 produced %d, want %d; out of order %v", p0.Produced, want, tgt.outOfOrder)
				}
			})
		})
	}
}
