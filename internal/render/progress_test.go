package render

import (
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	ms := func(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }
	cases := []struct {
		name string
		st   ProgressStatus
		want string
	}{
		{"steady", ProgressStatus{Elapsed: 12*time.Second + 400*time.Millisecond, Total: 30 * time.Second,
			Sent: 24000, OK: 23997, Failed: 3, InFlight: 4, Rate: 1999.84, AskedRate: 2000,
			P50: ms(1.2), P99: ms(8.4), Behind: 100 * time.Millisecond},
			"[ 12s/30s ] 1999.8/s (asked 2000/s)  p50 1.2ms p99 8.4ms  ok 23997 err 3 drop 0  in-flight 4"},
		{"behind", ProgressStatus{Elapsed: 95 * time.Second, Total: 2 * time.Minute, OK: 10, Failed: 1, Dropped: 5,
			InFlight: 64, Rate: 12000, AskedRate: 20000, P50: 420 * time.Microsecond, P99: 2500 * time.Millisecond,
			Behind: 1300 * time.Millisecond},
			"[ 1m35s/2m0s ] 12000/s (asked 20000/s)  p50 420µs p99 2.5s  ok 10 err 1 drop 5  in-flight 64 BEHIND 1.3s"},
		{"behind in ms", ProgressStatus{Elapsed: time.Second, Total: 10 * time.Second, Rate: 10, AskedRate: 10.5,
			Behind: 101 * time.Millisecond},
			"[ 1s/10s ] 10/s (asked 10.5/s)  p50 - p99 -  ok 0 err 0 drop 0  in-flight 0 BEHIND 101ms"},
		{"closed loop, no end", ProgressStatus{Elapsed: 3 * time.Second, Rate: 512.26, OK: 1530, P50: ms(12.34), P99: ms(99.96)},
			"[ 3s ] 512.3/s  p50 12.3ms p99 100ms  ok 1530 err 0 drop 0  in-flight 0"},
		{"start", ProgressStatus{Total: 30 * time.Second, AskedRate: 2000},
			"[ 0s/30s ] 0/s (asked 2000/s)  p50 - p99 -  ok 0 err 0 drop 0  in-flight 0"},
	}
	for _, c := range cases {
		if got := ProgressLine(c.st); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestLatencyFormat(t *testing.T) {
	cases := map[time.Duration]string{
		-time.Second:                 "0µs",
		999 * time.Nanosecond:        "0µs",
		time.Millisecond - 1:         "999µs",
		time.Millisecond:             "1ms",
		1250 * time.Microsecond:      "1.2ms", // round half to even in FormatFloat
		999 * time.Millisecond:       "999ms",
		time.Second:                  "1s",
		90*time.Second + time.Second: "91s",
	}
	for d, want := range cases {
		if got := latency(d); got != want {
			t.Errorf("latency(%v) = %q, want %q", d, got, want)
		}
	}
}
