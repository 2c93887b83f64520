package live

import (
	"maps"
	"slices"
	"sort"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

// Outcome is the outcome label of disload_events_total.
type Outcome string

// Outcomes of an event.
const (
	OutcomeOK      Outcome = "ok"      // delivered
	OutcomeFailed  Outcome = "failed"  // delivered and failed; class says how
	OutcomeDropped Outcome = "dropped" // never sent: the in-flight cap was full
)

// runCollector turns a snapshot of the run's figures into the disload_*
// metrics at each scrape or push.
type runCollector struct {
	figs                          *figures
	events, records, bytes        *prometheus.Desc
	response, service             *prometheus.Desc
	inFlight, instances, rateHeld *prometheus.Desc
	lag, maxLag, iterAge, maxAge  *prometheus.Desc
}

func newRunCollector(f *figures, l Labels) *runCollector {
	cl := prometheus.Labels{"scenario": l.Scenario, "target": l.Target, "shard": l.Shard, "run_id": l.RunID}
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc("disload_"+name, help, labels, cl)
	}
	return &runCollector{
		figs:      f,
		events:    d("events_total", "Events by outcome (ok, failed, dropped) and failure class.", "outcome", "class"),
		records:   d("records_total", "Records delivered successfully."),
		bytes:     d("decoded_bytes_total", "Decoded record bytes delivered successfully."),
		response:  d("response_time_seconds", "Response time: end minus intended start (includes queueing behind schedule)."),
		service:   d("service_time_seconds", "Service time: end minus actual start."),
		inFlight:  d("in_flight", "Deliveries admitted and not finished."),
		instances: d("instances", "Function instances: the most running at once so far."),
		rateHeld:  d("rate_held", "1 while the asked rate is held, 0 when disload fell behind its schedule."),
		lag:       d("trigger_lag_records", "Trigger mode: records written and not yet pulled, per partition (at the end: not yet delivered).", "partition"),
		maxLag:    d("trigger_max_lag_records", "Trigger mode: most records waiting at any time so far, per partition.", "partition"),
		iterAge:   d("trigger_iterator_age_seconds", "Trigger mode: the largest iterator age (invocation start minus the batch's first write) of the last sampling interval, per partition.", "partition"),
		maxAge:    d("trigger_max_iterator_age_seconds", "Trigger mode: the largest iterator age so far, per partition.", "partition"),
	}
}

// Describe implements prometheus.Collector.
func (c *runCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.events, c.records, c.bytes, c.response, c.service,
		c.inFlight, c.instances, c.rateHeld, c.lag, c.maxLag, c.iterAge, c.maxAge} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *runCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.figs.snapshot()
	if t := s.total; t != nil {
		counter := func(d *prometheus.Desc, v int64, labels ...string) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), labels...)
		}
		counter(c.events, t.OK, string(OutcomeOK), "")
		counter(c.events, t.Dropped, string(OutcomeDropped), "")
		classes := make([]string, 0, len(t.Errors))
		for class := range t.Errors {
			classes = append(classes, class)
		}
		sort.Strings(classes)
		for _, class := range classes {
			counter(c.events, t.Errors[class], string(OutcomeFailed), class)
		}
		counter(c.records, t.Records)
		counter(c.bytes, t.PayloadBytes)
		ch <- newLatency(c.response, t.Response)
		ch <- newLatency(c.service, t.Service)
	}
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	gauge(c.inFlight, float64(s.inFlight))
	gauge(c.instances, float64(s.instances))
	gauge(c.rateHeld, s.rateHeld)
	ids := slices.Sorted(maps.Keys(s.parts))
	for _, id := range ids {
		p, part := s.parts[id], strconv.Itoa(id)
		gauge(c.lag, float64(p.lag), part)
		gauge(c.maxLag, float64(p.maxLag), part)
		gauge(c.iterAge, p.ageS, part)
		gauge(c.maxAge, p.maxAgeS, part)
	}
}
