package runner

import (
	"errors"

	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/scenarios"
)

// target opens the scenario's target, or returns the Producer.
func (o Options) target() (harness.Target, error) {
	sc := o.Scenario
	if o.Producer == nil {
		return openTarget(sc.Target, sc.Load.Concurrency, o.OutDir, o.HandlerLog, runWarner(o))
	}
	if sc.Load.Mode == scenarios.ModeTrigger {
		o.Producer.Close()
		return nil, errors.New("records are produced in open or closed mode, not trigger mode")
	}
	return o.Producer, nil
}

// targetSpec names the target in the report.
func (o Options) targetSpec() string {
	if o.Producer != nil {
		return o.ProducerSpec
	}
	return o.Scenario.Target.Spec()
}

// source adapts the generator to the harness: events, or with a Producer
// one record per event.
func (o Options) source(gen *generator.Source) harness.Source {
	if o.Producer == nil {
		return source(gen)
	}
	return harness.SourceFunc(func(ev *harness.Event) {
		var key string
		var m generator.EventMeta
		ev.Payload, key, m = gen.NextRecord(ev.Payload[:0])
		ev.Key = append(ev.Key[:0], key...)
		ev.Index, ev.Partition, ev.Records, ev.PayloadBytes = m.Index, m.Partition, m.Records, m.PayloadBytes
	})
}
