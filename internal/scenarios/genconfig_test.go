package scenarios

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/internal/generator"
)

func TestGeneratorConfig(t *testing.T) {
	s := loadTestdata(t, "function.yaml")
	got := s.GeneratorConfig()
	want := generator.Config{
		Seed: -3, StreamName: "dis-full", Tag: "v2", Partitions: 12, BatchSize: 1000,
		Kinds: s.Records.Kinds, KeyCount: 256, KeySkew: 1.5, Encoding: generator.EncodingJSON,
		Size:           generator.SizeConfig{Min: 200, Max: 2000, Mean: 1024},
		SequenceOffset: 100, StartTime: s.Stream.StartTime,
		RecordRate: 1500, // trigger mode: the rate is records/s
		Dialect:    dis.DialectHuaweiSDK,
		StreamType: generator.StreamDIS,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("GeneratorConfig() =\n%+v\nwant\n%+v", got, want)
	}
	got.Kinds[0].Weight = 99
	if s.Records.Kinds[0].Weight == 99 {
		t.Error("GeneratorConfig shares the Kinds slice with the scenario")
	}
}

func TestGeneratorConfigRecordRate(t *testing.T) {
	tests := []struct {
		load LoadConfig
		want float64
	}{
		{LoadConfig{Mode: ModeOpen, Rate: Rate{100}}, 100 * 10},
		{LoadConfig{Mode: ModeOpen, Rate: Rate{100}, Stages: []Stage{{time.Second, Rate{300}}}}, 300 * 10},
		{LoadConfig{Mode: ModeClosed}, 0},
		{LoadConfig{Mode: ModeTrigger, Rate: Rate{5000}}, 5000},
	}
	for _, tc := range tests {
		s := Default()
		s.Batch.Size, s.Load = 10, tc.load
		if got := s.GeneratorConfig(); got.RecordRate != tc.want || got.Dialect != dis.DialectDocumented {
			t.Errorf("load %+v: RecordRate %v, dialect %v; want %v, documented", tc.load, got.RecordRate, got.Dialect, tc.want)
		}
	}
}

func TestGeneratorProblem(t *testing.T) {
	tests := []struct{ line, field, msg string }{
		{"Size.Min: 5 is above Size.Max 3", "records.size.min", "5 is above records.size.max 3"},
		{"Kinds[2].Template: bad", "records.kinds[2].template", "bad"},
		{"Partitions: 0 is outside 1..10000", "stream.partitions", "0 is outside 1..10000"},
		{"Size: too big; lower Size.Max or BatchSize", "records.size", "too big; lower records.size.max or batch.size"},
		{"Shards: -1 is negative", "", "Shards: -1 is negative"},
		{"something else", "", "something else"},
	}
	for _, tc := range tests {
		field, msg := generatorProblem(tc.line)
		if field != tc.field || msg != tc.msg {
			t.Errorf("generatorProblem(%q) = %q, %q; want %q, %q", tc.line, field, msg, tc.field, tc.msg)
		}
	}
}

// TestGeneratorBackstop: what only the generator checks (the event size
// limit) is still reported at load, under the scenario's names.
func TestGeneratorBackstop(t *testing.T) {
	src := "records: {size: {max: 1MiB}}\nbatch: {size: 100}\nload: {rate: 1/s}\n"
	_, err := Parse("g.yaml", []byte(src))
	if err == nil || !strings.HasPrefix(err.Error(), "g.yaml:1:11: records.size: ") || !strings.Contains(err.Error(), "batch.size") {
		t.Errorf("Parse = %v, want the generator's event size problem at records.size", err)
	}
}
