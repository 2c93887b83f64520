package cost

import (
	"math"
	"strings"
	"testing"
	"time"
)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func TestBilledMs(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want int64
	}{
		{0, 0},
		{-time.Millisecond, 0},
		{time.Nanosecond, 1},
		{time.Millisecond, 1},
		{time.Millisecond + time.Nanosecond, 2},
		{100 * time.Millisecond, 100},
		{100*time.Millisecond + 300*time.Microsecond, 101},
		{3 * time.Second, 3000},
	} {
		if got := BilledMs(tc.d); got != tc.want {
			t.Errorf("BilledMs(%v) = %d, want %d", tc.d, got, tc.want)
		}
	}
}

func TestGBs(t *testing.T) {
	for _, tc := range []struct {
		mem    int
		billed int64
		want   float64
	}{
		{256, 3000, 0.75}, // 30 × 100 ms at 256 MB
		{1024, 1000, 1},
		{128, 1, 0.000125},
		{512, 0, 0},
	} {
		if got := GBs(tc.mem, tc.billed); !near(got, tc.want) {
			t.Errorf("GBs(%d, %d) = %v, want %v", tc.mem, tc.billed, got, tc.want)
		}
	}
}

func TestCompute(t *testing.T) {
	p := Prices{Currency: "EUR", PerMillionRequests: 2, PerGBs: 0.5, FreeRequests: 720_000, FreeGBs: 7_200}
	for _, tc := range []struct {
		name string
		u    Usage
		// the run itself
		request, compute float64
		// per hour: scale 3600/elapsed s; free tier per hour: 1000 requests, 10 GB-s
		hourTotal, hourAfterFree float64
		perMillionRecords        float64
	}{
		{
			name:    "one second, 10 calls of 100 ms at 1 GB",
			u:       Usage{Invocations: 10, BilledMs: 1000, MemoryMB: 1024, Records: 1000, Elapsed: time.Second},
			request: 10.0 / 1e6 * 2, compute: 1 * 0.5,
			// an hour: 36,000 calls (0.072), 3,600 GB-s (1,800)
			hourTotal:         36_000.0/1e6*2 + 3600*0.5,
			hourAfterFree:     35_000.0/1e6*2 + 3590*0.5,
			perMillionRecords: (10.0/1e6*2 + 0.5) / 1000 * 1e6,
		},
		{
			name:    "inside the free tier",
			u:       Usage{Invocations: 1, BilledMs: 1, MemoryMB: 128, Elapsed: time.Hour},
			request: 1.0 / 1e6 * 2, compute: GBs(128, 1) * 0.5,
			hourTotal:     1.0/1e6*2 + GBs(128, 1)*0.5,
			hourAfterFree: 0,
		},
		{
			name:    "no time: no projection",
			u:       Usage{Invocations: 5, BilledMs: 50, MemoryMB: 256},
			request: 5.0 / 1e6 * 2, compute: GBs(256, 50) * 0.5,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := Compute(tc.u, p)
			if !near(e.RequestCost, tc.request) || !near(e.ComputeCost, tc.compute) || !near(e.Total, tc.request+tc.compute) {
				t.Errorf("run: request %v compute %v total %v, want %v %v %v", e.RequestCost, e.ComputeCost, e.Total, tc.request, tc.compute, tc.request+tc.compute)
			}
			if !near(e.PerHour.Total, tc.hourTotal) || !near(e.PerHour.TotalAfterFreeTier, tc.hourAfterFree) {
				t.Errorf("per hour: %+v, want total %v after free tier %v", e.PerHour, tc.hourTotal, tc.hourAfterFree)
			}
			if !near(e.PerMonth.Total, tc.hourTotal*HoursPerMonth) {
				t.Errorf("per month total %v, want %v", e.PerMonth.Total, tc.hourTotal*HoursPerMonth)
			}
			if e.PerMonth.TotalAfterFreeTier > e.PerMonth.Total {
				t.Errorf("free tier raised the month: %+v", e.PerMonth)
			}
			if !near(e.PerMillionRecords, tc.perMillionRecords) {
				t.Errorf("per million records %v, want %v", e.PerMillionRecords, tc.perMillionRecords)
			}
			if e.Currency != "EUR" || e.Prices != p {
				t.Errorf("currency %q prices %+v: not the ones given", e.Currency, e.Prices)
			}
		})
	}
}

func TestMonthFreeTier(t *testing.T) {
	// 1 call/s of 1 s at 128 MB for a month: 2,592,000 calls, 324,000 GB-s:
	// the requests pass the free million, the compute stays inside 400,000.
	u := Usage{Invocations: 1, BilledMs: 1000, MemoryMB: 128, Elapsed: time.Second}
	e := Compute(u, Default())
	calls := float64(HoursPerMonth * 3600)
	want := (calls - DefaultFreeRequests) / 1e6 * DefaultPerMillionRequests
	if !near(e.PerMonth.TotalAfterFreeTier, want) {
		t.Errorf("month after free tier %v, want %v (requests only)", e.PerMonth.TotalAfterFreeTier, want)
	}
	if !near(e.PerMonth.GBs, calls/8) {
		t.Errorf("month GB-s %v, want %v", e.PerMonth.GBs, calls/8)
	}
}

func TestPutUnits(t *testing.T) {
	for _, tc := range []struct {
		records, bytes, want int64
	}{
		{0, 0, 0},
		{10, 1000, 10},           // small records: one unit each
		{1, PutUnitBytes, 1},     // exactly 25 KB
		{1, PutUnitBytes + 1, 2}, // just above
		{2, 5 * PutUnitBytes, 5}, // large records
		{-1, 100, 0},             // nonsense in, nothing out
	} {
		if got := PutUnits(tc.records, tc.bytes); got != tc.want {
			t.Errorf("PutUnits(%d, %d) = %d, want %d", tc.records, tc.bytes, got, tc.want)
		}
	}
}

func TestAddStream(t *testing.T) {
	p := Default()
	base := Compute(Usage{Invocations: 10, BilledMs: 100, MemoryMB: 128, Records: 1000, Elapsed: time.Hour}, p)
	s := StreamUsage{Partitions: 4, Elapsed: time.Hour, Records: 1000, Bytes: 100_000}

	unpriced := base
	unpriced.AddStream(s, 1000, time.Hour)
	if unpriced.Stream != nil || unpriced.Total != base.Total {
		t.Errorf("stream added without stream prices: %+v", unpriced.Stream)
	}

	p.PerPartitionHour, p.PerMillionPutUnits = 0.5, 100
	e := Compute(Usage{Invocations: 10, BilledMs: 100, MemoryMB: 128, Records: 1000, Elapsed: time.Hour}, p)
	fn := e.Total
	e.AddStream(s, 1000, time.Hour)
	want := 4*0.5 + 1000.0/1e6*100
	if e.Stream == nil || !near(e.Stream.Cost, want) || e.Stream.PutUnits != 1000 || !near(e.Stream.PartitionHours, 4) {
		t.Fatalf("stream %+v, want cost %v over 4 partition-hours and 1000 units", e.Stream, want)
	}
	if !near(e.Total, fn+want) || !near(e.PerMillionRecords, (fn+want)/1000*1e6) {
		t.Errorf("total %v per million %v: stream not included", e.Total, e.PerMillionRecords)
	}
	if !near(e.PerHour.Total-base.PerHour.Total, want) {
		t.Errorf("an hour's projection grew by %v, want the stream's hour %v", e.PerHour.Total-base.PerHour.Total, want)
	}
}

func TestPricesCheck(t *testing.T) {
	if err := Default().Check(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	bad := Default()
	bad.PerGBs, bad.PerMillionRequests, bad.Currency = -1, math.NaN(), ""
	err := bad.Check()
	for _, field := range []string{"cost.per_gb_s", "cost.per_million_requests", "cost.currency"} {
		if err == nil || !strings.Contains(err.Error(), field) {
			t.Errorf("Check() = %v, want it to name %s", err, field)
		}
	}
}
