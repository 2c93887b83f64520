package scenarios

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/disload/disload/internal/golden"
)

// TestYAMLRoundTrip: YAML's output parses back to the same scenario.
func TestYAMLRoundTrip(t *testing.T) {
	var all []*Scenario
	for _, name := range BuiltinNames() {
		s, err := Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, s)
	}
	all = append(all, loadTestdata(t, "function.yaml"))
	aborts, err := Parse("aborts.yaml", []byte("load: {rate: 5/s}\nthresholds:\n  - p50 < 1s\n"+
		"  - {expr: p99 < 2s, abort_on_fail: true, delay: 5s}\n  - {expr: p50 < 1s, abort_on_fail: true}\n"))
	if err != nil {
		t.Fatal(err)
	}
	all = append(all, aborts)
	for _, s := range all {
		out, err := s.YAML()
		if err != nil {
			t.Fatalf("%s: YAML: %v", s.Name, err)
		}
		back, err := parse(s.Source, out, input{lookup: testEnv})
		if err != nil {
			t.Fatalf("%s: YAML output does not parse: %v\n%s", s.Name, err, out)
		}
		if !back.Stream.StartTime.Equal(s.Stream.StartTime) {
			t.Errorf("%s: start_time %v, want %v", s.Name, back.Stream.StartTime, s.Stream.StartTime)
		}
		back.Stream.StartTime = s.Stream.StartTime
		if !reflect.DeepEqual(back, s) {
			t.Errorf("%s: round trip gave\n%+v\nwant\n%+v\nfrom\n%s", s.Name, back, s, out)
		}
	}
}

func TestYAMLGolden(t *testing.T) {
	for _, name := range []string{"function.yaml", "http.yaml"} {
		s := loadTestdata(t, name)
		out, err := s.YAML()
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", "yaml", name+".golden"), out)
	}
}

func TestSummary(t *testing.T) {
	tests := []struct{ name, want string }{
		{"default", "default: open 1000/s for 3s, 4 partitions × batch 10 → inproc:decode"},
		{"transactions", "transactions: closed unpaced for 10s, 4 partitions × batch 50 → inproc:decode"},
	}
	for _, tc := range tests {
		s, err := Builtin(tc.name)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Summary(); got != tc.want {
			t.Errorf("Summary() = %q, want %q", got, tc.want)
		}
	}
	s := loadTestdata(t, "function.yaml")
	if got, want := s.Summary(), "full: trigger 1500/s records for 1m0.5s, 12 partitions × batch 1000 → function:testdata/bin/handler"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
}
