// Package reports is the result of a run: the Summary (summary.json,
// schema disload/summary/v1) with its per-interval figures, built from what
// was recorded, read back with its checks, written atomically, merged
// across runs that went on side by side (shards or machines, added up
// exactly), with thresholds evaluated on it (the language itself is
// package threshold) and its secrets masked for writing. What users read
// of it (table, HTML, CSV) is package render; the interval log, package
// hlog; comparing runs, package compare.
//
// Throughput counts what the handler consumed: events, records and decoded
// record bytes (base64-decoded) of the deliveries that succeeded, divided by
// the run's elapsed time. "MB" is 10^6 bytes.
package reports

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/disload/disload/internal/cost"
	"github.com/disload/disload/internal/metrics"
)

// Schema identifies the summary.json format. Keys of a schema are a promise
// to users: add, never rename or drop.
const Schema = "disload/summary/v1"

// Summary is the result of one run, marshalled as summary.json.
type Summary struct {
	Schema           string              `json:"schema"`
	Scenario         string              `json:"scenario"`
	Seed             int64               `json:"seed"`
	Mode             string              `json:"mode"`
	Target           string              `json:"target"`
	Started          time.Time           `json:"started"` // RFC 3339, millisecond precision
	DurationS        float64             `json:"duration_s"`
	Interrupted      bool                `json:"interrupted"`
	Events           Events              `json:"events"`
	Records          int64               `json:"records"`       // records delivered successfully
	PayloadBytes     int64               `json:"payload_bytes"` // their decoded bytes
	Throughput       Throughput          `json:"throughput"`
	AskedRate        float64             `json:"asked_rate"`
	AchievedRate     float64             `json:"achieved_rate"`
	RateHeld         bool                `json:"rate_held"`
	BehindScheduleMs float64             `json:"behind_schedule_ms"` // max lag behind the schedule
	RateNote         string              `json:"rate_note,omitempty"`
	Latency          Latency             `json:"latency_ms"`
	Errors           map[string]int64    `json:"errors"`
	ErrorSamples     map[string][]string `json:"error_samples"`
	Thresholds       []ThresholdResult   `json:"thresholds"`
	Trigger          *Trigger            `json:"trigger,omitempty"`
	ColdStarts       *ColdStarts         `json:"cold_starts,omitempty"`
	IntervalS        float64             `json:"interval_s"`
	Intervals        []IntervalFigures   `json:"intervals"` // one per interval of the run, in order
	HDR              EncodedHistograms   `json:"histograms"`
	ScenarioYAML     string              `json:"scenario_yaml,omitempty"` // the scenario that ran, secrets redacted
	LiveMetrics      *LiveMetrics        `json:"live_metrics,omitempty"`  // what --metrics-addr, --prometheus-rw and --otlp did

	// Identity of the run, so that merge refuses a run given twice.
	RunID      string   `json:"run_id,omitempty"`      // random, set when the summary is made
	Shard      string   `json:"shard,omitempty"`       // "I/N" of run --shard I/N
	MergedFrom []string `json:"merged_from,omitempty"` // run ids a merged run adds up

	// Engine figures and run outcome (set by the runner after NewSummary).
	Scheduled   int64       `json:"scheduled"`            // events due by the schedule before the stop (closed loop: taken)
	Unsent      int64       `json:"unsent"`               // due before the stop, never sent: disload was behind
	Abandoned   int64       `json:"abandoned"`            // still in flight after the grace period (failed, class "interrupted")
	Connections Connections `json:"connections"`          // HTTP connection events that are not failures
	AbortedBy   string      `json:"aborted_by,omitempty"` // the abort_on_fail threshold that stopped the run
	// Engine is how the loop engine ran (absent for trigger mode).
	Engine *EngineFigures `json:"engine,omitempty"`

	// A function target's instances (PeakInstances is Instances.Peak,
	// under the name DESIGN.md gives it).
	Instances     *InstanceFigures `json:"instances,omitempty"`
	PeakInstances int              `json:"peak_instances,omitempty"`

	// Cost is what the run would cost on FunctionGraph (function-like
	// targets only), set by the runner after NewSummary.
	Cost *cost.Estimate `json:"cost,omitempty"`
	// Sweep holds one row per value of a --sweep, each from a capacity search.
	Sweep []SweepRow `json:"sweep,omitempty"`
}

// EngineFigures are the loop engine's account of a run (open or closed
// loop) besides its counts: why it ended, how long the in-flight
// deliveries took to finish, how far behind the schedule it could fall
// and how many workers it needed.
type EngineFigures struct {
	// Ended says why the sending stopped: "duration", "max events",
	// "pacer finished" or "interrupted".
	Ended  string  `json:"ended"`
	DrainS float64 `json:"drain_s"` // from the stop until the last delivery ended or was abandoned
	// BehindLimitMs is the most the run may fall behind its schedule and
	// still hold its rate.
	BehindLimitMs  float64 `json:"behind_limit_ms"`
	Workers        int     `json:"workers"`         // the most worker goroutines running at once
	WorkersStarted int     `json:"workers_started"` // worker goroutines started in all
}

// Connections counts what happened to an HTTP target's connections.
type Connections struct {
	// StaleRetries counts requests sent again on a fresh connection because
	// the server had closed their kept-alive one while it was idle.
	StaleRetries int64 `json:"stale_retries"`
}

// InstanceFigures are a function target's instances over the run.
type InstanceFigures struct {
	Max         int   `json:"max"`           // instances.max in effect
	Peak        int   `json:"peak"`          // most running at once
	ColdStarts  int   `json:"cold_starts"`   // instance starts (their times: cold_starts)
	QueuedAtMax int64 `json:"queued_at_max"` // calls that waited for an instance with max running
	// LongestQueueMs is the longest of those waits (it counts in response
	// time, never as a timeout).
	LongestQueueMs float64 `json:"longest_queue_ms"`
}

// Events counts deliveries.
type Events struct {
	Sent    int64 `json:"sent"`
	OK      int64 `json:"ok"`
	Failed  int64 `json:"failed"`
	Dropped int64 `json:"dropped"`
	Retried int64 `json:"retried"`
}

// Throughput is what the handler consumed per second of the run: successful
// events, their records and their decoded record bytes.
type Throughput struct {
	EventsPerS       float64 `json:"events_per_s"`
	RecordsPerS      float64 `json:"records_per_s"`
	PayloadBytesPerS float64 `json:"payload_bytes_per_s"`
}

// Latency holds the response-time (from the intended start) and
// service-time (from the actual start) statistics, in milliseconds.
type Latency struct {
	Response LatencyStats `json:"response"`
	Service  LatencyStats `json:"service"`
}

// LatencyStats are the statistics of one HDR histogram, in milliseconds.
type LatencyStats struct {
	Min  float64 `json:"min"`
	Mean float64 `json:"mean"`
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P99  float64 `json:"p99"`
	P999 float64 `json:"p999"`
	Max  float64 `json:"max"`

	P75   float64 `json:"p75"`
	P95   float64 `json:"p95"`
	P9999 float64 `json:"p9999"` // the 99.99th percentile
}

// ThresholdResult is one evaluated threshold as written to summary.json.
type ThresholdResult struct {
	Expr  string  `json:"expr"`
	Value float64 `json:"value"`
	OK    bool    `json:"ok"`
}

// EncodedHistograms are the run's full histograms in the standard
// HdrHistogram V2 compressed, base64 encoding (values in nanoseconds), so
// that merge, report and compare work from summary.json exactly.
type EncodedHistograms struct {
	Response string `json:"response"`
	Service  string `json:"service"`
}

// RunFacts is what the harness knows about a run besides the histograms.
type RunFacts struct {
	Scenario, Target, Mode  string
	Seed                    int64
	Started                 time.Time
	Elapsed                 time.Duration
	Interrupted             bool
	AskedRate, AchievedRate float64
	RateHeld                bool
	Behind                  time.Duration // max lag behind the schedule
	RateNote                string        // why the rate was not held
	ColdStarts              []time.Duration
	Interval                time.Duration    // width of the intervals in latency.hlog
	RunID                   string           // the run's identity; empty: a random one
	Shard                   string           // "I/N" when the run is shard I of N
	Instances               *InstanceFigures // a function target's, else nil
}

// NewSummary builds the summary of a run from its facts and the merged total
// of everything recorded (nil means nothing was recorded).
func NewSummary(f RunFacts, total *metrics.Interval) *Summary {
	if total == nil {
		total = metrics.NewInterval(0)
	}
	s := &Summary{
		Schema:           Schema,
		Scenario:         f.Scenario,
		Seed:             f.Seed,
		Mode:             f.Mode,
		Target:           f.Target,
		Started:          f.Started.Round(0).Truncate(time.Millisecond),
		DurationS:        f.Elapsed.Seconds(),
		Interrupted:      f.Interrupted,
		Throughput:       throughput(&total.Counts, f.Elapsed),
		AskedRate:        finite(f.AskedRate),
		AchievedRate:     finite(f.AchievedRate),
		RateHeld:         f.RateHeld,
		BehindScheduleMs: ms(f.Behind),
		Latency:          Latency{Response: NewLatencyStats(total.Response), Service: NewLatencyStats(total.Service)},
		Errors:           maps.Clone(total.Errors),
		ErrorSamples:     cloneSamples(total.Samples),
		Thresholds:       []ThresholdResult{},
		ColdStarts:       coldStarts(f.ColdStarts),
		Instances:        f.Instances,
		IntervalS:        f.Interval.Seconds(),
		Intervals:        []IntervalFigures{},
		HDR:              EncodedHistograms{Response: EncodeHistogram(total.Response), Service: EncodeHistogram(total.Service)},
		RunID:            cmp.Or(f.RunID, NewRunID()),
		Shard:            f.Shard,
	}
	s.setCounts(&total.Counts)
	if !f.RateHeld {
		s.RateNote = f.RateNote
	}
	if f.Instances != nil {
		s.PeakInstances = f.Instances.Peak
	}
	if s.Errors == nil {
		s.Errors = map[string]int64{}
	}
	return s
}

// setCounts sets the run's counters, where summary.json's top level has
// them (events.*, records, payload_bytes, connections.stale_retries).
func (s *Summary) setCounts(c *metrics.Counts) {
	s.Events = Events{Sent: c.Sent, OK: c.OK, Failed: c.Failed, Dropped: c.Dropped, Retried: c.Retried}
	s.Records, s.PayloadBytes, s.Connections.StaleRetries = c.Records, c.PayloadBytes, c.StaleRetries
}

// counts returns the run's counters as the one counters type.
func (s *Summary) counts() metrics.Counts {
	e := &s.Events
	return metrics.Counts{Sent: e.Sent, OK: e.OK, Failed: e.Failed, Dropped: e.Dropped, Retried: e.Retried,
		StaleRetries: s.Connections.StaleRetries, Records: s.Records, PayloadBytes: s.PayloadBytes}
}

// NewRunID returns a random run id: 16 hex digits.
func NewRunID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}

func throughput(c *metrics.Counts, elapsed time.Duration) Throughput {
	sec := elapsed.Seconds()
	if sec <= 0 {
		return Throughput{}
	}
	return Throughput{
		EventsPerS:       float64(c.OK) / sec,
		RecordsPerS:      float64(c.Records) / sec,
		PayloadBytesPerS: float64(c.PayloadBytes) / sec,
	}
}

// NewLatencyStats reads the statistics of a nanosecond histogram in milliseconds.
func NewLatencyStats(h *hdrhistogram.Histogram) LatencyStats {
	if h == nil || h.TotalCount() == 0 {
		return LatencyStats{}
	}
	q := h.ValueAtPercentilesSlice([]float64{50, 90, 99, 99.9, 75, 95, 99.99})
	return LatencyStats{
		Min:   nsToMs(float64(h.Min())),
		Mean:  nsToMs(math.Round(h.Mean())),
		P50:   nsToMs(float64(q[0])),
		P90:   nsToMs(float64(q[1])),
		P99:   nsToMs(float64(q[2])),
		P999:  nsToMs(float64(q[3])),
		Max:   nsToMs(float64(h.Max())),
		P75:   nsToMs(float64(q[4])),
		P95:   nsToMs(float64(q[5])),
		P9999: nsToMs(float64(q[6])),
	}
}

func nsToMs(ns float64) float64 { return ns / 1e6 }

func ms(d time.Duration) float64 { return nsToMs(float64(d)) }

// finite maps NaN and infinities, which JSON cannot hold, to 0.
func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

func cloneSamples(in map[string][]string) map[string][]string {
	out := make(map[string][]string, len(in))
	for class, msgs := range in {
		if len(msgs) > 0 {
			out[class] = slices.Clone(msgs)
		}
	}
	return out
}

// EncodeHistogram returns the V2 compressed base64 form of h. Encoding an in-memory
// histogram cannot fail (only a broken writer can), so an error yields "".
func EncodeHistogram(h *hdrhistogram.Histogram) string {
	if h == nil {
		h = metrics.NewHistogram()
	}
	b, err := h.EncodeV2()
	if err != nil {
		return ""
	}
	return string(b)
}

// Histograms decodes the run's full response- and service-time histograms
// (nanoseconds) from the summary.
func (s *Summary) Histograms() (resp, svc *hdrhistogram.Histogram, err error) {
	if resp, err = decode("response", s.HDR.Response); err != nil {
		return nil, nil, err
	}
	if svc, err = decode("service", s.HDR.Service); err != nil {
		return nil, nil, err
	}
	return resp, svc, nil
}

func decode(kind, enc string) (*hdrhistogram.Histogram, error) {
	if enc == "" {
		return nil, fmt.Errorf("histograms.%s: missing", kind)
	}
	h, err := hdrhistogram.Decode([]byte(enc))
	if err != nil {
		return nil, fmt.Errorf("histograms.%s: %w", kind, err)
	}
	return h, nil
}

// ErrorClasses returns the error classes, most frequent first, then by name.
func (s *Summary) ErrorClasses() []string {
	classes := slices.Collect(maps.Keys(s.Errors))
	slices.SortFunc(classes, func(a, b string) int {
		if c := cmp.Compare(s.Errors[b], s.Errors[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return classes
}
