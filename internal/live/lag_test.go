package live

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/disload/disload/internal/harness/trigger"
	"github.com/disload/disload/internal/reports"
)

// TestTriggerLag: the lag gauges follow each sampling during the run (the
// stream's total left out, maxima kept), and the run's end sets the final
// lag and the true maxima from the summary.
func TestTriggerLag(t *testing.T) {
	f := &figures{}
	reg := prometheus.NewRegistry()
	reg.MustRegister(newRunCollector(f, Labels{}))
	type want struct{ lag, maxLag, age, maxAge float64 }
	for _, step := range []struct {
		name    string
		apply   func()
		parts   map[string]want
		absents []string
	}{
		{"first sampling", func() {
			f.observeLag([]trigger.LagSample{{Partition: 0, LagRecords: 30, IteratorAgeMs: 200}, {Partition: 1, LagRecords: 5, IteratorAgeMs: 50},
				{Partition: trigger.TotalPartition, LagRecords: 35, IteratorAgeMs: 200}})
		}, map[string]want{"0": {30, 30, 0.2, 0.2}, "1": {5, 5, 0.05, 0.05}}, []string{"-1"}},
		{"second sampling: lower lag, maxima kept", func() {
			f.observeLag([]trigger.LagSample{{Partition: 0, LagRecords: 10, IteratorAgeMs: 100}, {Partition: 1, LagRecords: 8, IteratorAgeMs: 70}})
		}, map[string]want{"0": {10, 30, 0.1, 0.2}, "1": {8, 8, 0.07, 0.07}}, nil},
		{"end of run", func() {
			f.finish(&reports.Summary{Trigger: &reports.Trigger{Partitions: []reports.PartitionFigures{
				{Partition: 0, FinalLag: 0, MaxLag: 31, MaxIteratorAgeMs: 250}, {Partition: 1, FinalLag: 2, MaxLag: 9, MaxIteratorAgeMs: 80}}}})
		}, map[string]want{"0": {0, 31, 0.1, 0.25}, "1": {2, 9, 0.07, 0.08}}, nil},
	} {
		step.apply()
		fams, err := reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string]*dto.MetricFamily{}
		for _, fam := range fams {
			byName[fam.GetName()] = fam
		}
		for part, w := range step.parts {
			l := map[string]string{"partition": part}
			for name, v := range map[string]float64{"disload_trigger_lag_records": w.lag, "disload_trigger_max_lag_records": w.maxLag,
				"disload_trigger_iterator_age_seconds": w.age, "disload_trigger_max_iterator_age_seconds": w.maxAge} {
				if got, ok := value(byName[name], l); !ok || got != v {
					t.Errorf("%s: %s{partition=%s} = %v (found %v), want %v", step.name, name, part, got, ok, v)
				}
			}
		}
		for _, part := range step.absents {
			if _, ok := value(byName["disload_trigger_lag_records"], map[string]string{"partition": part}); ok {
				t.Errorf("%s: partition %s exposed", step.name, part)
			}
		}
	}
}
