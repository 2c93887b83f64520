package render

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/cost"
	"github.com/disload/disload/internal/reports"
)

// costSummary is a run of calls invocations of ms each at 256 MB over
// secs seconds, delivering records.
func costSummary(calls, ms, records int64, secs float64, p cost.Prices) *reports.Summary {
	e := cost.Compute(cost.Usage{Invocations: calls, BilledMs: calls * ms, MemoryMB: 256, Records: records,
		Elapsed: time.Duration(secs * float64(time.Second))}, p)
	return &reports.Summary{Schema: reports.Schema, Records: records, DurationS: secs, Cost: &e, Errors: map[string]int64{}}
}

func TestWriteCost(t *testing.T) {
	s := costSummary(30, 100, 300, 3, cost.Default())
	var buf bytes.Buffer
	if err := (view{s}).writeCost(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"invocations", "GB-s", "per M records USD", "0.75", cost.DefaultSource} {
		if !strings.Contains(out, want) {
			t.Errorf("cost table lacks %q:\n%s", want, out)
		}
	}
}
