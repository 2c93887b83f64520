package generator

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	for _, c := range []struct {
		name string
		cfg  Config
		want []string // fragments of the error; none = valid
	}{
		{"zero config", Config{}, nil},
		{"full config", Config{Seed: -5, StreamName: "clicks_1", Tag: "v1.2", Partitions: 64, BatchSize: 10000,
			KeyCount: 1_000_000, KeySkew: 1.1, Encoding: EncodingCSV, SequenceOffset: 5,
			StartTime: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), RecordRate: 1e6, MillisBehindLatest: "250",
			Shard: 3, Shards: 4}, nil},
		{"names", Config{StreamName: "a b", Tag: strings.Repeat("x", 65)}, []string{"StreamName:", "Tag:"}},
		{"ranges", Config{Partitions: 10_001, BatchSize: -1, KeyCount: 2_000_000}, []string{"Partitions:", "BatchSize:", "KeyCount:"}},
		{"kinds", Config{Kinds: []KindWeight{{Kind: "clicks", Weight: 1}, {Kind: KindLog, Weight: 0},
			{Kind: KindLog, Weight: math.Inf(1)}, {Kind: KindClick, Weight: 1, Template: "{{.Key}}"},
			{Kind: KindCustom, Weight: 1}}},
			[]string{`Kinds[0].Kind: unknown kind "clicks"`, "Kinds[1].Weight:", "Kinds[2].Kind: log is listed twice",
				"Kinds[2].Weight:", "Kinds[3].Template: only custom", "Kinds[4].Template: template is empty"}},
		{"fewer keys than kinds", Config{KeyCount: 1, Kinds: []KindWeight{{Kind: KindClick, Weight: 1}, {Kind: KindLog, Weight: 1}}}, []string{"KeyCount:"}},
		{"numbers", Config{KeySkew: -1, Encoding: "yaml", SequenceOffset: -1, StartTime: time.Date(1969, 1, 1, 0, 0, 0, 0, time.UTC),
			RecordRate: math.NaN(), Dialect: 7, MillisBehindLatest: "1s"},
			[]string{"KeySkew:", "Encoding:", "SequenceOffset:", "StartTime:", "RecordRate:", "Dialect:", "MillisBehindLatest:"}},
		{"sizes", Config{Size: SizeConfig{Min: 500, Max: 100, Mean: 2 << 20}}, []string{"Size.Min:", "Size.Mean:"}},
		{"event too big", Config{BatchSize: 10000, Size: SizeConfig{Max: 10000}}, []string{"6291456-byte limit"}},
		{"shards", Config{Partitions: 2, Shards: 3}, []string{"Shards: 3 shards for 2 partitions"}},
		{"shard index", Config{Partitions: 4, Shards: 2, Shard: 2}, []string{"Shard: 2 is outside 0..1"}},
		{"negative shards", Config{Shards: -1}, []string{"Shards: -1"}},
	} {
		err := c.cfg.Validate()
		if len(c.want) == 0 {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error lacks %q:\n%v", c.name, w, err)
			}
		}
	}
}

func TestWithDefaults(t *testing.T) {
	c := Config{}.WithDefaults()
	if c.StreamName != DefaultStreamName || c.Tag != DefaultTag || c.Partitions != 1 || c.BatchSize != DefaultBatchSize ||
		len(c.Kinds) != 1 || c.Kinds[0].Kind != KindClick || c.KeyCount != DefaultKeyCount || c.Encoding != EncodingJSON ||
		!c.StartTime.Equal(defaultStart) || c.RecordRate != DefaultRecordRate {
		t.Errorf("defaults: %+v", c)
	}
	kept := Config{StreamName: "s", Partitions: 3}.WithDefaults()
	if kept.StreamName != "s" || kept.Partitions != 3 {
		t.Errorf("set fields overwritten: %+v", kept)
	}
}
