package scenarios

import (
	"regexp"
	"strings"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/internal/generator"
)

// GeneratorConfig maps the scenario onto the generator's configuration.
// RecordRate, the rate the generator's virtual clock assumes, is the peak
// rate in records/s: events/s × batch size in open and closed mode, the rate
// itself in trigger mode, and the generator's default when no rate is set.
// Shard and Shards are left for the caller (--shard).
func (s *Scenario) GeneratorConfig() generator.Config {
	return generator.Config{
		Seed:           s.Seed,
		StreamName:     s.Stream.Name,
		Tag:            s.Stream.Tag,
		Partitions:     s.Stream.Partitions,
		BatchSize:      s.Batch.Size,
		Kinds:          append([]generator.KindWeight(nil), s.Records.Kinds...),
		KeyCount:       s.Records.Keys.Count,
		KeySkew:        s.Records.Keys.Skew,
		Encoding:       s.Records.Encoding,
		Size:           s.Records.Size,
		SequenceOffset: s.Stream.SequenceOffset,
		StartTime:      s.Stream.StartTime,
		RecordRate:     s.recordRate(),
		Dialect:        s.Stream.Dialect.dis(),
		StreamType:     s.Stream.Type,
		Kafka: generator.KafkaConfig{Topics: append([]string(nil), s.Stream.Topics...),
			Region: s.Stream.Region, InstanceID: s.Stream.InstanceID},
	}
}

// recordRate is the peak rate in records/s, 0 when the load sets none.
func (s *Scenario) recordRate() float64 {
	r := s.Load.PeakRate().PerSecond
	if s.Load.Mode != ModeTrigger {
		r *= float64(s.Batch.Size)
	}
	return r
}

// dis returns the wire dialect.
func (d Dialect) dis() dis.Dialect {
	if d == DialectHuaweiSDK {
		return dis.DialectHuaweiSDK
	}
	return dis.DialectDocumented
}

// generatorFields maps the generator's field names onto scenario paths.
var generatorFields = map[string]string{
	"StreamName": "stream.name", "Tag": "stream.tag", "Partitions": "stream.partitions",
	"SequenceOffset": "stream.sequence_offset", "StartTime": "stream.start_time",
	"Dialect": "stream.dialect", "BatchSize": "batch.size", "Kinds": "records.kinds",
	"KeyCount": "records.keys.count", "KeySkew": "records.keys.skew",
	"Encoding": "records.encoding", "Size": "records.size", "RecordRate": "load.rate",
	"StreamType": "stream.type", "Kafka": "stream.topics",
}

// generatorField matches the field a generator problem starts with.
var generatorField = regexp.MustCompile(`^([A-Za-z]+)((?:\[\d+\])?)(?:\.([A-Za-z]+))?: `)

// checkGenerator reports what the generator would refuse and the checks
// above did not already name, so a scenario that loads also generates.
func (s *Scenario) checkGenerator(c *checker) {
	err := s.GeneratorConfig().Validate()
	if err == nil {
		return
	}
	reported := map[string]bool{}
	for _, p := range c.probs {
		reported[p.field] = true
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		field, msg := generatorProblem(line)
		if !reported[field] && !reportedUnder(reported, field) {
			c.add(field, "%s", msg)
		}
	}
}

// generatorName matches a generator field name inside a message.
var generatorName = regexp.MustCompile(`\b([A-Z][A-Za-z]+)((?:\[\d+\])?)(?:\.([A-Z][a-z]+))?\b`)

// generatorProblem turns "Size.Min: msg" into ("records.size.min", "msg"),
// with the generator's field names in msg spelled as scenario paths too.
func generatorProblem(line string) (field, msg string) {
	m := generatorField.FindStringSubmatch(line)
	if m == nil {
		return "", scenarioNames(line)
	}
	field, ok := scenarioPath(m[1], m[2], m[3])
	if !ok {
		return "", scenarioNames(line)
	}
	return field, scenarioNames(line[len(m[0]):])
}

// scenarioPath spells a generator field (name, index, subfield) as a path.
func scenarioPath(name, index, sub string) (string, bool) {
	path, ok := generatorFields[name]
	if !ok {
		return "", false
	}
	path += index
	if sub != "" {
		path += "." + strings.ToLower(sub)
	}
	return path, true
}

// scenarioNames rewrites the generator's field names in msg as paths.
func scenarioNames(msg string) string {
	return generatorName.ReplaceAllStringFunc(msg, func(w string) string {
		m := generatorName.FindStringSubmatch(w)
		if path, ok := scenarioPath(m[1], m[2], m[3]); ok {
			return path
		}
		return w
	})
}

// reportedUnder reports whether a problem was already named at field or
// below it (the generator's "Size" covers "records.size.max").
func reportedUnder(reported map[string]bool, field string) bool {
	for f := range reported {
		if strings.HasPrefix(f, field+".") || strings.HasPrefix(f, field+"[") {
			return true
		}
	}
	return false
}
