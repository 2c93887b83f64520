package main

import (
	"strings"
	"testing"
)

func TestMedianAndRatio(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{5}, 5},
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(tc.xs); got != tc.want {
			t.Errorf("median(%v) = %g, want %g", tc.xs, got, tc.want)
		}
	}
	xs := []float64{3, 1, 2}
	median(xs)
	if xs[0] != 3 {
		t.Error("median sorted its argument")
	}
	if ratio(1, 0) != 0 || ratio(3, 2) != 1.5 {
		t.Error("ratio")
	}
}

func TestCPUTimes(t *testing.T) {
	for _, tc := range []struct {
		in        string
		u, s      float64
		rss       int64
		wantError bool
	}{
		{"1.25 0.50 34096\n", 1.25, 0.5, 34096, false},
		{"Command exited with non-zero status 99\n2.00 1.00 100\n", 2, 1, 100, false},
		{"garbage", 0, 0, 0, true},
		{"a b c", 0, 0, 0, true},
	} {
		u, s, rss, err := cpuTimes([]byte(tc.in))
		if (err != nil) != tc.wantError || u != tc.u || s != tc.s || rss != tc.rss {
			t.Errorf("cpuTimes(%q) = %g, %g, %d, %v", tc.in, u, s, rss, err)
		}
	}
}

func TestProcStatusKB(t *testing.T) {
	status := []byte("Name:\tdisload\nVmHWM:\t   51200 kB\nVmRSS:\t   40960 kB\nThreads:\t9\n")
	for _, tc := range []struct {
		name string
		want int64
		ok   bool
	}{
		{"VmRSS", 40960, true},
		{"VmHWM", 51200, true},
		{"VmSwap", 0, false},
	} {
		if got, ok := procStatusKB(status, tc.name); got != tc.want || ok != tc.ok {
			t.Errorf("procStatusKB(%s) = %d, %v", tc.name, got, ok)
		}
	}
}

func TestParseGoBench(t *testing.T) {
	out := `goos: linux
BenchmarkClick-2          	    2000	    551234 ns/op	  80.1 MB/s	    181000 records/s	  0 B/op	   0 allocs/op
BenchmarkPoolNoop/g=1-2   	   30000	     41000 ns/op
BenchmarkPoolNoop/g=1-2   	   30000	     39000 ns/op
BenchmarkBroken-2 notanumber 12 ns/op
PASS
ok  	github.com/disload/disload/generator	3.2s
`
	got := parseGoBench(strings.NewReader(out))
	if len(got) != 3 {
		t.Fatalf("%d results: %+v", len(got), got)
	}
	if got[0].Name != "BenchmarkClick" || got[0].Values["records/s"] != 181000 || got[0].Values["MB/s"] != 80.1 {
		t.Errorf("first result %+v", got[0])
	}
	if m := medianOf(got, "BenchmarkPoolNoop/g=1", "ns/op"); m != 40000 {
		t.Errorf("median ns/op = %g, want 40000", m)
	}
	if trimProcs("BenchmarkX/n=a-b") != "BenchmarkX/n=a-b" {
		t.Error("trimProcs dropped a suffix that is not a number")
	}
}

func TestParseReports(t *testing.T) {
	v, err := parseVegeta([]byte(`{"latencies":{"50th":120000,"99th":900000},"duration":10000000000,"requests":450000,"rate":45000.5,"throughput":44999,"success":1}`))
	if err != nil || v.Rate != 45000.5 || v.Latencies.P99 != 900000 || v.Requests != 450000 {
		t.Errorf("parseVegeta = %+v, %v", v, err)
	}
	if _, err := parseVegeta([]byte("{")); err == nil {
		t.Error("parseVegeta accepted broken JSON")
	}
}
