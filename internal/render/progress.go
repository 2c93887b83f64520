package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/disload/disload/internal/reports"
)

// behindShown is how far behind the schedule a run must be before the
// progress line says so.
const behindShown = 100 * time.Millisecond

// ProgressStatus is a snapshot of a running run for the progress line.
type ProgressStatus struct {
	Elapsed, Total                      time.Duration // Total 0: no planned end
	Sent, OK, Failed, Dropped, InFlight int64
	Rate, AskedRate                     float64 // achieved and asked events/s; AskedRate 0: none asked
	P50, P99                            time.Duration
	Behind                              time.Duration // lag behind the schedule
}

// ProgressLine renders a status as one line, for example
//
//	[ 12s/30s ] 1999.8/s (asked 2000/s)  p50 1.2ms p99 8.4ms  ok 23997 err 3 drop 0  in-flight 4
//
// with " BEHIND 1.3s" appended when the run lags the schedule by more than
// 100 ms. The same status always gives the same line.
func ProgressLine(st ProgressStatus) string {
	var b strings.Builder
	b.WriteString("[ " + clock(st.Elapsed))
	if st.Total > 0 {
		b.WriteString("/" + clock(st.Total))
	}
	fmt.Fprintf(&b, " ] %s/s", reports.Num(st.Rate, 1))
	if st.AskedRate > 0 {
		fmt.Fprintf(&b, " (asked %s/s)", reports.Num(st.AskedRate, 1))
	}
	if st.OK+st.Failed > 0 {
		fmt.Fprintf(&b, "  p50 %s p99 %s", latency(st.P50), latency(st.P99))
	} else {
		b.WriteString("  p50 - p99 -") // nothing has finished yet
	}
	fmt.Fprintf(&b, "  ok %d err %d drop %d  in-flight %d", st.OK, st.Failed, st.Dropped, st.InFlight)
	if st.Behind > behindShown {
		b.WriteString(" BEHIND " + latency(st.Behind))
	}
	return b.String()
}

// clock formats a run time to the whole second: "12s", "1m30s".
func clock(d time.Duration) string {
	return max(d, 0).Truncate(time.Second).String()
}

// latency formats a duration compactly: "420µs", "8.4ms", "1.3s".
func latency(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%dµs", max(d, 0)/time.Microsecond)
	case d < time.Second:
		return reports.Num(float64(d)/1e6, 1) + "ms"
	default:
		return reports.Num(d.Seconds(), 1) + "s"
	}
}
