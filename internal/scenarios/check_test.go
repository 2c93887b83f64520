package scenarios

import (
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/generator"
)

// validScenario is a scenario that passes Validate, to break one field at a time.
func validScenario() *Scenario {
	s := Default()
	s.Name, s.Load.Rate = "t", Rate{100}
	return s
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *Scenario)
		want   []string // every problem line, in order
	}{
		{"valid", func(*Scenario) {}, nil},
		{"stream", func(s *Scenario) {
			s.Stream.Name, s.Stream.Tag, s.Stream.Partitions = "", "", 10_001
			s.Stream.PartitionType, s.Stream.Dialect, s.Stream.SequenceOffset = "comon", "x", -1
		}, []string{
			"stream.name: must not be empty",
			"stream.partitions: must be between 1 and 10000, got 10001",
			"stream.tag: must not be empty",
			`stream.partition_type: unknown partition type "comon" (want common, advanced); did you mean "common"?`,
			"stream.sequence_offset: must not be negative, got -1",
			`stream.dialect: unknown dialect "x" (want documented, huawei-sdk)`,
		}},
		{"records", func(s *Scenario) {
			s.Records.Kinds = nil
			s.Records.Keys = Keys{Count: 2_000_000, Skew: 1}
			s.Records.Encoding = "xml"
		}, []string{
			"records.kinds: needs at least one kind",
			"records.keys.count: must be between 1 and 1000000, got 2000000",
			"records.keys.skew: must be 0 (uniform) or a Zipf exponent above 1 and at most 10, got 1",
			`records.encoding: unknown encoding "xml" (want json, csv, text)`,
		}},
		{"kinds", func(s *Scenario) {
			s.Records.Kinds = []generator.KindWeight{
				{Kind: "", Weight: 1}, {Kind: "location", Weight: -1}, {Kind: "location", Weight: 1},
				{Kind: "log", Weight: 1, Template: "x"},
			}
		}, []string{
			"records.kinds[0].kind: is required (one of click, transaction, log, location, custom)",
			"records.kinds[1].weight: must be a positive number, got -1",
			"records.kinds[2].kind: kind location is listed twice",
			"records.kinds[3].template: only a custom kind takes a template, this one is log",
		}},
		{"size", func(s *Scenario) {
			s.Records.Encoding = generator.EncodingText
			s.Records.Size = generator.SizeConfig{Min: -1, Max: 2 << 20, Mean: 3 << 20}
		}, []string{
			"records.size: size shaping needs encoding json, not text",
			"records.size.min: must be between 0B and 1MiB (the DIS record limit), got -1B",
			"records.size.max: must be between 0B and 1MiB (the DIS record limit), got 2MiB",
			"records.size.mean: must be between 0B and 1MiB (the DIS record limit), got 3MiB",
			"records.size.mean: 3MiB is outside min..max",
		}},
		{"batch", func(s *Scenario) { s.Batch.Size = 10_001 }, []string{"batch.size: must be between 1 and 10000, got 10001"}},
		{"load", func(s *Scenario) {
			s.Load = LoadConfig{Mode: "opn", Rate: Rate{-1}, Duration: 0, Concurrency: 0, OnFull: "x", MaxEvents: -1, Grace: -1}
		}, []string{
			`load.mode: unknown mode "opn" (want open, closed, trigger); did you mean "open"?`,
			"load.rate: must be a finite rate of at least 0/s, got -1",
			"load.rate: opn mode needs a rate above 0, e.g. 500/s (or load.stages)",
			"load.duration: must be above 0, got 0s",
			"load.concurrency: must be at least 1, got 0",
			`load.on_full: unknown on_full policy "x" (want queue, drop)`,
			"load.max_events: must not be negative, got -1",
			"load.grace: must not be negative, got -1ns",
		}},
		{"closed", func(s *Scenario) {
			s.Load.Mode, s.Load.Rate, s.Load.OnFull = ModeClosed, Rate{}, OnFullDrop
		}, []string{"load.on_full: closed mode never drops: a worker waits for its previous event; use queue or open mode"}},
		{"stages", func(s *Scenario) {
			s.Load.Rate = Rate{}
			s.Load.Stages = []Stage{{Duration: 0, Target: Rate{0}}, {Duration: time.Second, Target: Rate{-2}}}
		}, []string{
			"load.stages[0].duration: must be above 0, got 0s",
			"load.stages[1].target: must be a finite rate of at least 0/s, got -2",
			"load.stages: every stage's target is 0/s and so is load.rate: nothing would be sent",
			"load.duration: 10s differs from the stages' total 1s; leave it out or make them equal",
		}},
		{"trigger", func(s *Scenario) {
			s.Trigger = Trigger{Poll: 2 * time.Minute, MaxFetchBytes: 5 << 20, Retries: 4, Iterator: "latest", OnFailure: "retry", WriteLimit: "ignore"}
		}, []string{
			"trigger.poll: must be between 1ms and 1m0s, got 2m0s",
			"trigger.max_fetch_bytes: must be between 1B and 4MiB, got 5MiB",
			"trigger.retries: must be between 0 and 3, got 4",
			`trigger.iterator: unknown iterator "latest" (want TRIM_HORIZON, LATEST); did you mean "LATEST"?`,
			`trigger.on_failure: unknown on_failure "retry" (want skip, block)`,
			`trigger.write_limit: unknown write_limit "ignore" (want warn, enforce)`,
		}},
		{"thresholds", func(s *Scenario) { s.Thresholds = []string{"p99 < 1s", "p99 <"} }, []string{
			`thresholds[1]: threshold "p99 <": no value after the operator`,
		}},
	}
	for _, tc := range tests {
		s := validScenario()
		tc.change(s)
		err := s.Validate()
		var got []string
		if err != nil {
			got = strings.Split(err.Error(), "\n")
		}
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s: Validate() =\n%s\nwant\n%s", tc.name, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}

func TestValidateCustomTemplate(t *testing.T) {
	s := validScenario()
	s.Records.Kinds = []generator.KindWeight{{Kind: generator.KindCustom, Weight: 1, Template: `{"id":"{{UUID}}"}`}}
	if err := s.Validate(); err != nil {
		t.Errorf("a custom kind with a template: %v", err)
	}
	s.Records.Kinds[0].Template = ""
	if err := s.Validate(); err == nil || !strings.HasPrefix(err.Error(), "records.kinds[0].template: a custom kind needs a template") {
		t.Errorf("a custom kind without a template: %v", err)
	}
	// The generator has one custom kind; the check says so itself, once.
	tmpl := `{"id":"{{UUID}}"}`
	s.Records.Kinds = []generator.KindWeight{{Kind: generator.KindCustom, Weight: 1, Template: tmpl}, {Kind: generator.KindCustom, Weight: 2, Template: tmpl}}
	if err := s.Validate(); err == nil || err.Error() != "records.kinds[1].kind: kind custom is listed twice: a scenario has one custom kind (one template; vary its records with template functions)" {
		t.Errorf("two custom kinds: %v", err)
	}
}

// TestTemplateLimitsAtTheirLine: templates that would eat memory or time
// are refused at load, at their line (issue 14.6).
func TestTemplateLimitsAtTheirLine(t *testing.T) {
	for _, tc := range []struct{ tmpl, want string }{
		{`{{range IntRange 1 1000000000}}x{{end}}`, "IntRange 1 1000000000: more than 524288 numbers"},
		{`{{Sentence 50000000}}`, "Sentence: count 50000000 is outside 0..524288"},
		{`{"pad":"{{range IntRange 1 2000}}` + strings.Repeat("x", 1000) + `{{end}}"}`, "renders more than 1048576 bytes (1 MiB, the DIS record limit)"},
	} {
		file := "load: {rate: 5/s}\nrecords:\n  kinds:\n    - kind: custom\n      template: '" + tc.tmpl + "'\n"
		_, err := Parse("t.yaml", []byte(file))
		if err == nil || strings.Contains(err.Error(), "\n") ||
			!strings.HasPrefix(err.Error(), "t.yaml:5:7: records.kinds[0].template: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("template %s: error %v, want one at t.yaml:5:7 naming %q", tc.tmpl, err, tc.want)
		}
	}
}
