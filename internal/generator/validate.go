package generator

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/internal/platform"
)

// Limits of a Config.
const (
	DefaultStreamName = platform.StreamName
	DefaultTag        = platform.Tag
	DefaultBatchSize  = platform.BatchSize // the DIS trigger's default batch_size
	DefaultKeyCount   = 10_000             // distinct partition keys
	DefaultRecordRate = 1000               // records/s assumed by the virtual clock

	MaxPartitions = 10_000
	MaxBatchSize  = platform.MaxBatchSize // the DIS trigger's largest batch_size
	MaxKeyCount   = 1_000_000             // key names carry six digits
	MaxRecordSize = platform.RecordData   // DIS's record limit (1 MiB before base64)
	MaxEventBytes = platform.EventSize    // FunctionGraph's limit on one invocation's event (6 MB)
)

// WithDefaults returns c with every zero field that has a default filled in.
func (c Config) WithDefaults() Config {
	if c.StreamName == "" {
		c.StreamName = DefaultStreamName
	}
	if c.Tag == "" {
		c.Tag = DefaultTag
	}
	if c.Partitions == 0 {
		c.Partitions = 1
	}
	if c.BatchSize == 0 {
		c.BatchSize = DefaultBatchSize
	}
	if len(c.Kinds) == 0 {
		c.Kinds = []KindWeight{{Kind: KindClick, Weight: 1}}
	}
	if c.KeyCount == 0 {
		c.KeyCount = DefaultKeyCount
	}
	if c.Encoding == "" {
		c.Encoding = EncodingJSON
	}
	if c.StartTime.IsZero() {
		c.StartTime = defaultStart
	}
	if c.RecordRate == 0 {
		c.RecordRate = DefaultRecordRate
	}
	return c
}

// Validate reports every problem of c (after defaults) at once, each naming
// its field.
func (c Config) Validate() error {
	c = c.WithDefaults()
	errs := []error{
		checkName("StreamName", c.StreamName),
		checkName("Tag", c.Tag),
		checkRange("Partitions", c.Partitions, 1, MaxPartitions),
		checkRange("BatchSize", c.BatchSize, 1, MaxBatchSize),
		checkRange("KeyCount", c.KeyCount, len(c.Kinds), MaxKeyCount),
		c.checkKinds(),
		c.checkNumbers(),
		c.Size.check(c.BatchSize),
		c.checkShard(),
	}
	return errors.Join(errs...)
}

func checkName(field, s string) error {
	if len(s) > 64 {
		return fmt.Errorf("%s: %q is longer than 64 characters", field, s)
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r == '.' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			return fmt.Errorf("%s: %q may hold only letters, digits, '-', '_' and '.'", field, s)
		}
	}
	return nil
}

func checkRange(field string, v, lo, hi int) error {
	if v < lo || v > hi {
		return fmt.Errorf("%s: %d is outside %d..%d", field, v, lo, hi)
	}
	return nil
}

func (c Config) checkKinds() error {
	var errs []error
	seen := map[Kind]bool{}
	for i, k := range c.Kinds {
		field := fmt.Sprintf("Kinds[%d]", i)
		if _, ok := kindIDs[k.Kind]; !ok {
			errs = append(errs, fmt.Errorf("%s.Kind: unknown kind %q (want one of %v)", field, k.Kind, Kinds))
			continue
		}
		if seen[k.Kind] {
			errs = append(errs, fmt.Errorf("%s.Kind: %s is listed twice", field, k.Kind))
		}
		seen[k.Kind] = true
		if !(k.Weight > 0) || math.IsInf(k.Weight, 0) {
			errs = append(errs, fmt.Errorf("%s.Weight: must be a positive number, got %v", field, k.Weight))
		}
		errs = append(errs, checkKindTemplate(field, k))
	}
	return errors.Join(errs...)
}

func checkKindTemplate(field string, k KindWeight) error {
	if k.Kind != KindCustom {
		if k.Template != "" {
			return fmt.Errorf("%s.Template: only custom records take a template, this one is %s", field, k.Kind)
		}
		return nil
	}
	if err := CheckTemplate(k.Template); err != nil {
		return fmt.Errorf("%s.Template: %w", field, err)
	}
	return nil
}

func (c Config) checkNumbers() error {
	var errs []error
	if c.KeySkew < 0 || c.KeySkew > 10 || math.IsNaN(c.KeySkew) {
		errs = append(errs, fmt.Errorf("KeySkew: %v is outside 0..10 (0 = uniform; 1.1 is a typical Zipf exponent)", c.KeySkew))
	}
	switch c.Encoding {
	case EncodingJSON, EncodingCSV, EncodingText:
	default:
		errs = append(errs, fmt.Errorf("Encoding: unknown encoding %q (want json, csv or text)", c.Encoding))
	}
	if c.SequenceOffset < 0 || c.SequenceOffset > math.MaxInt64/2 {
		errs = append(errs, fmt.Errorf("SequenceOffset: %d is outside 0..%d", c.SequenceOffset, int64(math.MaxInt64/2)))
	}
	if y := c.StartTime.UTC().Year(); y < 1970 || y > 2200 {
		errs = append(errs, fmt.Errorf("StartTime: %s is outside the years 1970..2200", c.StartTime.Format(time.RFC3339)))
	}
	if !(c.RecordRate > 0) || math.IsInf(c.RecordRate, 0) {
		errs = append(errs, fmt.Errorf("RecordRate: must be a positive number of records/s, got %v", c.RecordRate))
	}
	if c.Dialect != dis.DialectDocumented && c.Dialect != dis.DialectHuaweiSDK {
		errs = append(errs, fmt.Errorf("Dialect: unknown dialect %d", c.Dialect))
	}
	for _, r := range c.MillisBehindLatest {
		if r < '0' || r > '9' {
			errs = append(errs, fmt.Errorf("MillisBehindLatest: %q is not a decimal number of milliseconds", c.MillisBehindLatest))
			break
		}
	}
	return errors.Join(errs...)
}

func (c Config) checkShard() error {
	if c.Shards < 0 {
		return fmt.Errorf("Shards: %d is negative", c.Shards)
	}
	if c.Shards > c.Partitions && c.Partitions >= 1 {
		return fmt.Errorf("Shards: %d shards for %d partitions would leave shards without a partition", c.Shards, c.Partitions)
	}
	if n := max(c.Shards, 1); c.Shard < 0 || c.Shard >= n {
		return fmt.Errorf("Shard: %d is outside 0..%d (Shards is %d)", c.Shard, n-1, c.Shards)
	}
	return nil
}

// check reports problems of a size configuration for batches of batch records.
func (s SizeConfig) check(batch int) error {
	var errs []error
	for _, f := range []struct {
		name string
		v    int
	}{{"Size.Min", s.Min}, {"Size.Max", s.Max}, {"Size.Mean", s.Mean}} {
		if f.v < 0 || f.v > MaxRecordSize {
			errs = append(errs, fmt.Errorf("%s: %d is outside 0..%d bytes (DIS's record limit)", f.name, f.v, MaxRecordSize))
		}
	}
	if s.Max > 0 && s.Min > s.Max {
		errs = append(errs, fmt.Errorf("Size.Min: %d is above Size.Max %d", s.Min, s.Max))
	}
	if s.Mean > 0 && (s.Mean < s.Min || s.Max > 0 && s.Mean > s.Max) {
		errs = append(errs, fmt.Errorf("Size.Mean: %d is outside Size.Min..Size.Max", s.Mean))
	}
	if top := s.upper(); batch > 0 && int64(top+2)/3*4*int64(batch) > MaxEventBytes {
		errs = append(errs, fmt.Errorf("Size: %d records of up to %d bytes make events above FunctionGraph's %d-byte limit; lower Size.Max or BatchSize", batch, top, MaxEventBytes))
	}
	return errors.Join(errs...)
}
