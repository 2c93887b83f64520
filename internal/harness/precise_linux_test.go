//go:build linux

package harness

import (
	"testing"
	"time"

	"github.com/disload/disload/internal/metrics"
)

func TestOSTimerNeverEarly(t *testing.T) {
	ot := newOSTimer()
	if ot == nil {
		t.Skip("no timerfd on this system")
	}
	defer ot.close()
	for _, d := range []time.Duration{time.Microsecond, 50 * time.Microsecond, 300 * time.Microsecond, 1500 * time.Microsecond} {
		t0 := time.Now()
		if err := ot.sleep(d); err != nil {
			t.Fatalf("sleep(%v): %v", d, err)
		}
		if got := time.Since(t0); got < d {
			t.Errorf("sleep(%v) returned after %v", d, got)
		}
	}
	if n := testing.AllocsPerRun(20, func() { ot.sleep(10 * time.Microsecond) }); n != 0 {
		t.Errorf("%.1f allocations per sleep; want 0", n)
	}
}

// TestPreciseTimerNeverSendsEarly runs on the real clock (no speed is
// asserted): with the OS timer no delivery may start before its intended
// time, at rates on each side of fineMinGap.
func TestPreciseTimerNeverSendsEarly(t *testing.T) {
	for _, rate := range []float64{300, 2000, 5000} {
		n := int64(rate / 10)
		tgt := &startTimes{t0: time.Now(), at: make([]time.Duration, n)}
		cfg := Config{Pacer: ConstantPacer{rate}, MaxEvents: n, Concurrency: 4, PreciseTimer: true}
		info, err := Run(t.Context(), cfg, countingSource(), tgt, metrics.NewCollector(time.Second))
		if err != nil || info.Sent != n {
			t.Fatalf("%v/s: Run: %v, sent %d; want nil, %d", rate, err, info.Sent, n)
		}
		offset := info.Started.Sub(tgt.t0)
		for k, got := range tgt.at {
			if due, _ := cfg.Pacer.Pace(0, uint64(k)); got < offset+due {
				t.Errorf("%v/s: event %d started %v before its intended time", rate, k, offset+due-got)
			}
		}
	}
}
