package live

import (
	"testing"
	"time"

	"github.com/disload/disload/internal/metrics"
	"github.com/prometheus/client_golang/prometheus"
)

// BenchmarkGather is the cost of one scrape or push gathering of a run
// with 200,000 results spread over 1 µs – 1 s: the only work live metrics
// add to a run, once per scrape or push (the recording path is untouched).
func BenchmarkGather(b *testing.B) {
	col := metrics.NewCollector(time.Second)
	rec := col.NewRecorder()
	for i := range 200_000 {
		d := time.Duration(1+i*37%1_000_000) * time.Microsecond
		rec.Record(&metrics.Result{End: d, Records: 1})
	}
	rec.Flush()
	f := &figures{}
	f.setCollector(col)
	reg := prometheus.NewRegistry()
	reg.MustRegister(newRunCollector(f, Labels{Scenario: "s", Target: "t", RunID: "r"}))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reg.Gather(); err != nil {
			b.Fatal(err)
		}
	}
}
