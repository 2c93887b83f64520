package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/disload/disload/internal/generator"
)

// problem is one semantic problem, named by its field path. It follows
// from the fields in deps too, so Load leaves it out when one of them (or
// anything under one) could not be decoded: that error says it already.
type problem struct {
	field, msg string
	deps       []string
}

// checker gathers problems.
type checker struct{ probs []problem }

// add adds a problem at field.
func (c *checker) add(field, format string, args ...any) {
	c.probs = append(c.probs, problem{field: field, msg: fmt.Sprintf(format, args...)})
}

// addDep adds a problem that also follows from the fields in deps.
func (c *checker) addDep(deps []string, field, format string, args ...any) {
	c.probs = append(c.probs, problem{field: field, msg: fmt.Sprintf(format, args...), deps: deps})
}

// intRange checks lo <= v <= hi.
func intRange[T ~int | ~int64](c *checker, field string, v, lo, hi T) {
	if v < lo || v > hi {
		c.add(field, "must be between %d and %d, got %d", lo, hi, v)
	}
}

// check finds every semantic problem of s, in field order.
func (s *Scenario) check() []problem {
	c := &checker{}
	s.checkStream(c)
	s.checkRecords(c)
	intRange(c, "batch.size", s.Batch.Size, 1, generator.MaxBatchSize)
	s.checkLoad(c)
	s.checkTrigger(c)
	s.Target.check(c, "target")
	s.checkThresholds(c)
	s.checkCost(c)
	s.checkGenerator(c)
	return c.probs
}

// checkStream checks the stream section.
func (s *Scenario) checkStream(c *checker) {
	st := s.Stream
	if st.Name == "" {
		c.add("stream.name", "must not be empty")
	}
	intRange(c, "stream.partitions", st.Partitions, 1, generator.MaxPartitions)
	if st.Tag == "" {
		c.add("stream.tag", "must not be empty")
	}
	checkEnum(c, "stream.partition_type", st.PartitionType)
	if st.SequenceOffset < 0 {
		c.add("stream.sequence_offset", "must not be negative, got %d", st.SequenceOffset)
	}
	checkEnum(c, "stream.dialect", st.Dialect)
	oneOf(c, "stream.type", "stream type", st.Type, generator.StreamTypes...)
	s.checkKafkaStream(c)
}

// checkRecords checks the records section.
func (s *Scenario) checkRecords(c *checker) {
	r := s.Records
	if len(r.Kinds) == 0 {
		c.add("records.kinds", "needs at least one kind")
	}
	seen := map[generator.Kind]bool{}
	for i, k := range r.Kinds {
		checkKind(c, item("records.kinds", i), k, seen)
	}
	intRange(c, "records.keys.count", r.Keys.Count, 1, generator.MaxKeyCount)
	if sk := r.Keys.Skew; sk != 0 && !(sk > 1 && sk <= 10) {
		c.add("records.keys.skew", "must be 0 (uniform) or a Zipf exponent above 1 and at most 10, got %v", sk)
	}
	oneOf(c, "records.encoding", "encoding", r.Encoding, generator.Encodings...)
	checkSize(c, r.Size, r.Encoding)
}

// checkKind checks one entry of the record mix.
func checkKind(c *checker, field string, k generator.KindWeight, seen map[generator.Kind]bool) {
	switch {
	case k.Kind == "":
		c.add(field+".kind", "is required (one of %s)", kindNames())
	case !slices.Contains(generator.Kinds, k.Kind):
		c.add(field+".kind", "unknown kind %q (want %s)%s", k.Kind, kindNames(), suggest(string(k.Kind), strings.Split(kindNames(), ", ")))
	case seen[k.Kind] && k.Kind == generator.KindCustom:
		c.add(field+".kind", "kind custom is listed twice: a scenario has one custom kind (one template; vary its records with template functions)")
	case seen[k.Kind]:
		c.add(field+".kind", "kind %s is listed twice", k.Kind)
	}
	seen[k.Kind] = true
	if !(k.Weight > 0) || math.IsInf(k.Weight, 0) {
		c.add(field+".weight", "must be a positive number, got %v", k.Weight)
	}
	switch {
	case k.Kind == generator.KindCustom && k.Template == "":
		c.add(field+".template", "a custom kind needs a template, e.g. '{\"id\":\"{{UUID}}\"}'")
	case k.Kind == generator.KindCustom:
		if err := generator.CheckTemplate(k.Template); err != nil {
			c.add(field+".template", "%v", err)
		}
	case k.Template != "" && slices.Contains(generator.Kinds, k.Kind):
		c.add(field+".template", "only a custom kind takes a template, this one is %s", k.Kind)
	}
}

// kindNames lists the record kinds, comma-separated.
func kindNames() string {
	names := make([]string, len(generator.Kinds))
	for i, k := range generator.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// checkSize checks record size shaping, which pads JSON records.
func checkSize(c *checker, z generator.SizeConfig, enc generator.Encoding) {
	if z == (generator.SizeConfig{}) {
		return
	}
	if enc != generator.EncodingJSON {
		c.add("records.size", "size shaping needs encoding json, not %s", enc)
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"min", z.Min}, {"max", z.Max}, {"mean", z.Mean}} {
		if f.v < 0 || f.v > generator.MaxRecordSize {
			c.add("records.size."+f.name, "must be between 0B and %s (the DIS record limit), got %s", FormatSize(generator.MaxRecordSize), FormatSize(f.v))
		}
	}
	if z.Max > 0 && z.Min > z.Max {
		c.add("records.size.min", "%s is above max %s", FormatSize(z.Min), FormatSize(z.Max))
	}
	if z.Mean > 0 && (z.Mean < z.Min || z.Max > 0 && z.Mean > z.Max) {
		c.add("records.size.mean", "%s is outside min..max", FormatSize(z.Mean))
	}
}

// checkLoad checks the load section.
func (s *Scenario) checkLoad(c *checker) {
	l := s.Load
	checkEnum(c, "load.mode", l.Mode)
	if r := l.Rate.PerSecond; r < 0 || math.IsNaN(r) || math.IsInf(r, 0) {
		c.add("load.rate", "must be a finite rate of at least 0/s, got %v", r)
	}
	if l.Mode != ModeClosed && l.Rate.PerSecond <= 0 && len(l.Stages) == 0 {
		c.addDep([]string{"load.stages"}, "load.rate", "%s mode needs a rate above 0, e.g. 500/s (or load.stages)", l.Mode)
	}
	if l.Duration <= 0 {
		c.add("load.duration", "must be above 0, got %v", l.Duration)
	}
	if l.Concurrency < 1 {
		c.add("load.concurrency", "must be at least 1, got %d", l.Concurrency)
	}
	checkEnum(c, "load.on_full", l.OnFull)
	if l.Mode == ModeClosed && l.OnFull == OnFullDrop {
		c.add("load.on_full", "closed mode never drops: a worker waits for its previous event; use queue or open mode")
	}
	if l.MaxEvents < 0 {
		c.add("load.max_events", "must not be negative, got %d", l.MaxEvents)
	}
	if l.Grace < 0 {
		c.add("load.grace", "must not be negative, got %v", l.Grace)
	}
	checkStages(c, l)
}

// checkStages checks the rate ramp and that the duration is its sum.
func checkStages(c *checker, l LoadConfig) {
	if len(l.Stages) == 0 {
		return
	}
	if l.Mode == ModeClosed {
		c.add("load.stages", "closed mode has no rate to ramp; stages need open or trigger mode")
	}
	peak := l.Rate.PerSecond
	for i, st := range l.Stages {
		field := item("load.stages", i)
		if st.Duration <= 0 {
			c.add(field+".duration", "must be above 0, got %v", st.Duration)
		}
		if r := st.Target.PerSecond; r < 0 || math.IsNaN(r) || math.IsInf(r, 0) {
			c.add(field+".target", "must be a finite rate of at least 0/s, got %v", r)
		}
		peak = max(peak, st.Target.PerSecond)
	}
	if peak <= 0 && l.Mode != ModeClosed {
		c.addDep([]string{"load.stages", "load.rate"}, "load.stages", "every stage's target is 0/s and so is load.rate: nothing would be sent")
	}
	if sum := l.StagesDuration(); l.Duration != sum && l.Duration > 0 {
		c.addDep([]string{"load.stages"}, "load.duration", "%v differs from the stages' total %v; leave it out or make them equal", l.Duration, sum)
	}
}

// checkTrigger checks the trigger section.
func (s *Scenario) checkTrigger(c *checker) {
	t := s.Trigger
	if t.Poll < time.Millisecond || t.Poll > MaxTriggerPoll {
		c.add("trigger.poll", "must be between 1ms and %v, got %v", MaxTriggerPoll, t.Poll)
	}
	if t.MaxFetchBytes < 1 || t.MaxFetchBytes > DefaultMaxFetchBytes {
		c.add("trigger.max_fetch_bytes", "must be between 1B and %s, got %s", FormatSize(DefaultMaxFetchBytes), FormatSize(t.MaxFetchBytes))
	}
	intRange(c, "trigger.retries", t.Retries, 0, MaxTriggerRetries)
	checkEnum(c, "trigger.iterator", t.Iterator)
	checkEnum(c, "trigger.on_failure", t.OnFailure)
	checkEnum(c, "trigger.write_limit", t.WriteLimit)
}

// checkThresholds parses each threshold as the reports package will.
func (s *Scenario) checkThresholds(c *checker) {
	for i, expr := range s.Thresholds {
		if err := checkThreshold(expr); err != nil {
			c.add(item("thresholds", i), "%v", err)
		}
	}
}
