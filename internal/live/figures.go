package live

import (
	"maps"
	"sync"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/harness/trigger"
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
	instances func() int // nil: no instances
	parts     map[int]partition
}

// partition is one trigger partition's lag figures.
type partition struct {
	lag, maxLag   int64   // records not yet pulled: now, at worst
	ageS, maxAgeS float64 // iterator age, s: the last sampling's, at worst
}

// snapshot is one consistent reading of the figures.
type snapshot struct {
	total     *metrics.Interval // nil before Attach
	inFlight  int64
	rateHeld  float64
	instances int
	parts     map[int]partition
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

func (f *figures) setInstances(count func() int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.instances = count
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
	if sum.Trigger == nil {
		return
	}
	for _, p := range sum.Trigger.Partitions {
		old := f.parts[p.Partition]
		f.setPartition(p.Partition, partition{lag: p.FinalLag, maxLag: p.MaxLag, ageS: old.ageS, maxAgeS: p.MaxIteratorAgeMs / 1000})
	}
}

// observeLag takes one sampling of the trigger's lag.
func (f *figures) observeLag(samples []trigger.LagSample) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, s := range samples {
		if s.Partition == trigger.TotalPartition {
			continue
		}
		p := f.parts[s.Partition]
		age := s.IteratorAgeMs / 1000
		f.setPartition(s.Partition, partition{lag: s.LagRecords, maxLag: max(p.maxLag, s.LagRecords), ageS: age, maxAgeS: max(p.maxAgeS, age)})
	}
}

func (f *figures) setPartition(id int, p partition) {
	if f.parts == nil {
		f.parts = map[int]partition{}
	}
	f.parts[id] = p
}

func (f *figures) snapshot() snapshot {
	f.mu.Lock()
	col := f.col
	s := snapshot{inFlight: f.status.InFlight, parts: maps.Clone(f.parts), rateHeld: 1}
	count := f.instances
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
	if count != nil {
		s.instances = count()
	}
	return s
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
