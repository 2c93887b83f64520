package scenarios

import (
	"strings"
	"testing"
)

// TestScalarErrors checks each scalar decoder's message on a bad value.
func TestScalarErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"seed: abc", `1:7: seed: expected an integer, got "abc"`},
		{"seed: 1.5", `1:7: seed: expected an integer, got number "1.5"`},
		{"seed: 99999999999999999999", `1:7: seed: expected an integer, got number "99999999999999999999"`},
		{"seed: {a: 1}", `1:7: seed: expected an integer, got a mapping`},
		{"records: {keys: {skew: .nan}}", `1:24: records.keys.skew: expected a number, got ".nan"`},
		{"records: {keys: {skew: true}}", `1:24: records.keys.skew: expected a number, got boolean "true"`},
		{"trigger: {serial: yes}", `1:19: trigger.serial: expected true or false, got "yes"`},
		{"trigger: {serial: [true]}", `1:19: trigger.serial: expected true or false, got a list`},
		{"load: {grace: 5}", `1:15: load.grace: duration 5 has no unit: write e.g. 5s or 5ms`},
		{"load: {grace: soon}", `1:15: load.grace: bad duration "soon"`},
		{"load: {grace: [1s]}", `1:15: load.grace: expected a duration, got a list`},
		{"load: {rate: [1]}", `1:14: load.rate: expected a rate, got a list`},
		{"records: {size: {max: 1XB}}", `1:23: records.size.max: bad size "1XB"`},
		{"stream: {start_time: 2026-01-01}", `1:22: stream.start_time: bad time "2026-01-01": want RFC 3339`},
		{"name: [a]", `1:7: name: expected a string, got a list`},
		{"thresholds: p99 < 1s", `1:13: thresholds: expected a list, got "p99 < 1s"`},
		{"thresholds: [[a]]", `1:14: thresholds[0]: expected a string, got a list`},
		{"stream: [a]", `1:9: stream: expected a mapping, got a list`},
		{"target: {type: http, url: 'http://h/', headers: [a]}", `1:49: target.headers: expected a mapping, got a list`},
		{"target: {type: http, url: 'http://h/', headers: {A: ~}}", `1:53: target.headers.A: expected a string, got null "~"`},
	}
	for _, tc := range tests {
		src := tc.src + "\nload: {rate: 1/s}\n"
		if strings.HasPrefix(tc.src, "load:") {
			src = tc.src + "\n"
		}
		_, err := Parse("s.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), "s.yaml:"+tc.want) {
			t.Errorf("Parse(%q) = %v\nwant a line starting %q", tc.src, err, "s.yaml:"+tc.want)
		}
	}
}

// TestScalarForms checks the accepted spellings of each scalar type.
func TestScalarForms(t *testing.T) {
	src := `
seed: 0x10
stream: {name: 123, start_time: "2026-02-03T04:05:06Z"}
records: {keys: {count: 1_000, skew: 2}}
load: {rate: 250, grace: 0, duration: 1h2m}
trigger: {serial: false, max_fetch_bytes: 1024}
`
	s, err := Parse("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if s.Seed != 16 || s.Stream.Name != "123" || s.Records.Keys.Count != 1000 || s.Records.Keys.Skew != 2 ||
		s.Load.Rate != (Rate{250}) || s.Load.Grace != 0 || s.Load.Duration.String() != "1h2m0s" ||
		s.Trigger.Serial || s.Trigger.MaxFetchBytes != 1024 || s.Stream.StartTime.Month() != 2 {
		t.Errorf("Parse gave %+v", s)
	}
}

func TestNullMeansDefault(t *testing.T) {
	s, err := Parse("n.yaml", []byte("seed: ~\nstream:\nload: {rate: 1/s, duration: null}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Seed != DefaultSeed || s.Stream.Partitions != 1 || s.Load.Duration != DefaultDuration {
		t.Errorf("null values did not keep the defaults: %+v", s)
	}
}
