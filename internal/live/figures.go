package live

import (
	"sync"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/reports"
)

// figures is what the run exposes, read at each scrape or push.
type figures struct {
	mu        sync.Mutex
	col       *metrics.Collector
	status    harness.Status
	hasStatus bool
	rateHeld  *bool
	instances int
	parts     []reports.PartitionFigures
}

// snapshot is one consistent reading of the figures.
type snapshot struct {
	total     *metrics.Interval // nil before Attach
	inFlight  int64
	rateHeld  float64
	instances int
	parts     []reports.PartitionFigures
}

func (f *figures) setCollector(col *metrics.Collector) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.col = col
}

func (f *figures) setStatus(st harness.Status) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.status, f.hasStatus = st, true
}

func (f *figures) setInstances(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.instances = n
}

// finish takes the run's final facts; nil changes nothing.
func (f *figures) finish(sum *reports.Summary) {
	if sum == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	held := sum.RateHeld
	f.rateHeld = &held
	f.status.InFlight = 0
	if sum.PeakInstances > 0 {
		f.instances = sum.PeakInstances
	}
	if sum.Trigger != nil {
		f.parts = sum.Trigger.Partitions
	}
}

func (f *figures) snapshot() snapshot {
	f.mu.Lock()
	col := f.col
	s := snapshot{inFlight: f.status.InFlight, instances: f.instances, parts: f.parts, rateHeld: 1}
	switch {
	case f.rateHeld != nil:
		s.rateHeld = b2f(*f.rateHeld)
	case f.hasStatus:
		s.rateHeld = b2f(!f.status.Lagging())
	}
	f.mu.Unlock()
	if col != nil {
		s.total = col.Total()
	}
	return s
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
