package cost

import (
	"math"
	"time"

	"github.com/disload/disload/internal/platform"
)

// Time units of the bill.
const (
	// HoursPerMonth is the 30-day month of the projections.
	HoursPerMonth = 30 * 24
	// PutUnitBytes is DIS's billing unit of data put: a record of up to
	// 25 KB is one unit, a larger one several.
	PutUnitBytes = 25 * 1024
	mbPerGB      = 1024
)

// BilledMs is the billed duration of one invocation in ms: d rounded up to
// the platform's billing granularity, 1 ms (0 for d <= 0).
func BilledMs(d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	g := platform.BillingGranularity
	return ((d + g - 1) / g * g).Milliseconds()
}

// GBs is the compute of billedMs milliseconds at memoryMB: memory in GB
// (1 GB = 1024 MB, as the platform counts) × billed seconds.
func GBs(memoryMB int, billedMs int64) float64 {
	return float64(memoryMB) / mbPerGB * float64(billedMs) / 1000
}

// Usage is what a run consumed: the measured quantities of the bill.
type Usage struct {
	Invocations int64         // deliveries that reached the function (failed ones are billed too)
	BilledMs    int64         // sum of every invocation's billed ms
	MemoryMB    int           // the function's memory
	Records     int64         // records the function consumed
	Elapsed     time.Duration // the run's length, for the projections
}

// Amounts are a bill: quantities and what they cost.
type Amounts struct {
	Requests    float64 `json:"requests"`
	GBs         float64 `json:"gb_s"`
	RequestCost float64 `json:"request_cost"`
	ComputeCost float64 `json:"compute_cost"`
	Total       float64 `json:"total"`
}

// bill prices requests and GB-s, after taking freeReq and freeGBs off.
func bill(requests, gbs, freeReq, freeGBs float64, p Prices) Amounts {
	a := Amounts{Requests: requests, GBs: gbs}
	a.RequestCost = max(requests-freeReq, 0) / 1e6 * p.PerMillionRequests
	a.ComputeCost = max(gbs-freeGBs, 0) * p.PerGBs
	a.Total = a.RequestCost + a.ComputeCost
	return a
}

// Projection is a bill over a longer period at the run's achieved rate,
// without and with the free tier (for an hour: a 720th of the month's).
type Projection struct {
	Amounts
	TotalAfterFreeTier float64 `json:"total_after_free_tier"`
}

// project scales the run's requests and GB-s to hours of time.
func project(u Usage, gbs float64, hours float64, p Prices) Projection {
	sec := u.Elapsed.Seconds()
	if sec <= 0 {
		return Projection{}
	}
	f := hours * 3600 / sec
	req, g := float64(u.Invocations)*f, gbs*f
	share := hours / HoursPerMonth
	return Projection{
		Amounts:            bill(req, g, 0, 0, p),
		TotalAfterFreeTier: bill(req, g, p.FreeRequests*share, p.FreeGBs*share, p).Total,
	}
}

// Estimate is the cost of a run and its projections.
type Estimate struct {
	Invocations int64   `json:"invocations"`
	BilledMs    int64   `json:"billed_ms"`
	MemoryMB    int     `json:"memory_mb"`
	GBs         float64 `json:"gb_s"`
	RequestCost float64 `json:"request_cost"` // the run itself, no free tier
	ComputeCost float64 `json:"compute_cost"`
	Total       float64 `json:"total"`
	Currency    string  `json:"currency"`
	// PerMillionRecords is Total per million records consumed (0 without
	// records), stream cost included when priced.
	PerMillionRecords float64    `json:"cost_per_million_records,omitempty"`
	PerHour           Projection `json:"per_hour"`
	PerMonth          Projection `json:"per_month"`
	Stream            *Stream    `json:"stream,omitempty"`
	Prices            Prices     `json:"prices"`
	// PricesSource says where the prices come from: the published list
	// (with its date and region) or the user's.
	PricesSource string `json:"prices_source"`
}

// Compute returns the estimate of u at prices p; PricesSource is
// DefaultSource for the published list, else SourceUser.
func Compute(u Usage, p Prices) Estimate {
	gbs := GBs(u.MemoryMB, u.BilledMs)
	run := bill(float64(u.Invocations), gbs, 0, 0, p)
	e := Estimate{
		Invocations: u.Invocations, BilledMs: u.BilledMs, MemoryMB: u.MemoryMB, GBs: gbs,
		RequestCost: run.RequestCost, ComputeCost: run.ComputeCost, Total: run.Total,
		Currency: p.Currency, Prices: p, PricesSource: SourceUser,
		PerHour:  project(u, gbs, 1, p),
		PerMonth: project(u, gbs, HoursPerMonth, p),
	}
	e.PerMillionRecords = PerMillion(e.Total, u.Records)
	if !p.Set() {
		e.PricesSource = DefaultSource
	}
	return e
}

// AddStream adds a DIS stream's cost to e (when p prices one): its total,
// cost per million records and projections include it.
func (e *Estimate) AddStream(s StreamUsage, records int64, elapsed time.Duration) {
	if !e.Prices.StreamPriced() {
		return
	}
	e.AddStreamCost(StreamCost(s, e.Prices), records, elapsed)
}

// AddStreamCost adds an already priced stream cost st to e (merged shards
// add up their streams' partition-hours and units first).
func (e *Estimate) AddStreamCost(st Stream, records int64, elapsed time.Duration) {
	e.Stream = &st
	e.Total += st.Cost
	e.PerMillionRecords = PerMillion(e.Total, records)
	if sec := elapsed.Seconds(); sec > 0 {
		for _, pr := range []struct {
			p     *Projection
			hours float64
		}{{&e.PerHour, 1}, {&e.PerMonth, HoursPerMonth}} {
			add := st.Cost * pr.hours * 3600 / sec
			pr.p.Total += add
			pr.p.TotalAfterFreeTier += add
		}
	}
}

// PerMillion is total per million records (0 when records <= 0).
func PerMillion(total float64, records int64) float64 {
	if records <= 0 {
		return 0
	}
	return total / float64(records) * 1e6
}

// StreamUsage is what a DIS stream was used for during a run.
type StreamUsage struct {
	Partitions int
	Elapsed    time.Duration
	Records    int64 // records put
	Bytes      int64 // their bytes
}

// Stream is a DIS stream's cost over a run.
type Stream struct {
	PartitionHours float64 `json:"partition_hours"`
	PutUnits       int64   `json:"put_units"`
	Cost           float64 `json:"cost"`
}

// PutUnits is the number of 25 KB units of records totalling bytes: one per
// record, more for records above 25 KB. From totals it is exact when no
// record exceeds 25 KB and a lower bound otherwise.
func PutUnits(records, bytes int64) int64 {
	if records <= 0 {
		return 0
	}
	return max(records, (bytes+PutUnitBytes-1)/PutUnitBytes)
}

// StreamCost prices a stream's partition-hours and PUT units.
func StreamCost(s StreamUsage, p Prices) Stream {
	st := Stream{
		PartitionHours: float64(s.Partitions) * max(s.Elapsed.Hours(), 0),
		PutUnits:       PutUnits(s.Records, s.Bytes),
	}
	st.Cost = st.PartitionHours*p.PerPartitionHour + float64(st.PutUnits)/1e6*p.PerMillionPutUnits
	if math.IsNaN(st.Cost) {
		st.Cost = 0
	}
	return st
}
