package scenarios

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/golden"
)

// brokenFiles lists each file under testdata/errors with the exact
// "file:line:col: field:" prefix of every problem it must report, in order.
var brokenFiles = []struct {
	file     string
	prefixes []string
}{
	{"unknown_key", []string{`3:3: load: unknown key "ratee"; did you mean "rate"?`}},
	{"wrong_type", []string{
		"1:1: load.rate:", "1:7: seed:", "3:15: stream.partitions:", "4:9: stream.name:",
		"6:17: records.keys.count:", "6:28: records.keys.skew:", "7:8: batch:",
	}},
	{"bad_duration", []string{"3:13: load.duration: duration 30 has no unit", "4:10: load.grace: bad duration"}},
	{"bad_rate", []string{"2:9: load.rate: bad rate", "4:30: load.stages[0].target: bad rate"}},
	{"unknown_kind", []string{
		`3:8: records.kinds[0].kind: unknown kind "clik"`, "5:8: records.kinds[2].kind:", "5:27: records.kinds[2].weight:",
	}},
	{"negative_partitions", []string{"2:3: stream.partitions:", "3:3: stream.sequence_offset:"}},
	{"missing_template", []string{"3:7: records.kinds[0].template:", "4:21: records.kinds[1].template:"}},
	{"duplicate_key", []string{`4:3: load: duplicate key "rate"`, `6:1: scenario: duplicate key "target"`}},
	{"syntax", []string{"3:5: syntax error:"}},
	{"indent_key", []string{"7:2: syntax error: did not find expected key"}},
	{"indent_dash", []string{"7:6: syntax error: did not find expected '-' indicator"}},
	{"tls_http", []string{"5:3: target.tls: TLS settings need an https://", "5:3: target.tls: cert_file and key_file", "7:3: target.instances:"}},
	{"stages_closed", []string{"3:3: load.on_full:", "4:3: load.duration:", "5:3: load.stages: closed mode"}},
	{"bad_threshold", []string{"4:5: thresholds[1]:", "5:5: thresholds[2]:"}},
	{"missing_env", []string{
		"6:16: target.headers.X-Api-Key: environment variable DISLOAD_TEST_UNSET_VARIABLE is not set",
		"7:14: target.headers.X-Trace:",
	}},
	{"not_mapping", []string{"1:1: scenario: expected a mapping"}},
	{"empty", []string{"1:1: scenario: empty file"}},
	{"limits", []string{
		"2:3: stream.partitions:", "4:3: batch.size:", "7:3: records.size: size shaping needs encoding json",
		"7:10: records.size.min:", `9:3: load.mode: unknown mode "opne"`,
	}},
	{"two_documents", []string{"2:1: scenario: a scenario file holds one YAML document"}},
	{"many", []string{
		`3:1: scenario: unknown key "seeed"; did you mean "seed"?`, "5:3: stream.partitions:", "6:3: stream.dialect:",
		"8:11: records.kinds[0].template:", "9:10: records.keys.count:", "9:20: records.keys.skew:",
		"10:9: batch.size:", "11:1: load.rate:", "13:3: load.duration:", "14:3: load.concurrency:",
		"18:3: target.instances:", "20:14: thresholds[0]:",
	}},
}

func TestLoadBrokenFiles(t *testing.T) {
	os.Unsetenv("DISLOAD_TEST_UNSET_VARIABLE")
	for _, tc := range brokenFiles {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "errors", tc.file+".yaml")
			s, err := Load(path)
			if err == nil {
				t.Fatalf("Load(%s) = %+v, want an error", path, s)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tc.prefixes) {
				t.Errorf("Load(%s) reported %d problems, want %d:\n%v", path, len(lines), len(tc.prefixes), err)
			}
			for i, want := range tc.prefixes {
				if i < len(lines) && !strings.HasPrefix(lines[i], path+":"+want) {
					t.Errorf("problem %d = %q, want prefix %q", i, lines[i], path+":"+want)
				}
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) != len(lines) {
				t.Errorf("error is %T, want an ErrorList of %d", err, len(lines))
			}
			golden.Check(t, filepath.Join("testdata", "errors", tc.file+".golden"), []byte(err.Error()+"\n"))
		})
	}
}

// TestBrokenFilesAllListed keeps the table above in step with testdata.
func TestBrokenFilesAllListed(t *testing.T) {
	files, _ := filepath.Glob("testdata/errors/*.yaml")
	listed := map[string]bool{}
	for _, tc := range brokenFiles {
		listed[tc.file] = true
	}
	for _, f := range files {
		if name := strings.TrimSuffix(filepath.Base(f), ".yaml"); !listed[name] {
			t.Errorf("%s has no entry in brokenFiles", f)
		}
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(missing) = %v, want ErrNotExist", err)
	}
}

func TestParseDefaultsFromFile(t *testing.T) {
	s, err := Parse("dir/my-run.yml", []byte("load: {rate: 50/s}\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.Name, want.Source, want.Load.Rate = "my-run", "dir/my-run.yml", Rate{50}
	if got, w := s.YAMLString(t), want.YAMLString(t); got != w {
		t.Errorf("Parse gave\n%s\nwant the defaults\n%s", got, w)
	}
	if s.Source != "dir/my-run.yml" {
		t.Errorf("Source = %q", s.Source)
	}
}

// YAMLString is YAML for tests.
func (s *Scenario) YAMLString(t *testing.T) string {
	t.Helper()
	out, err := s.YAML()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestParseModeDefaults(t *testing.T) {
	tests := []struct {
		yaml        string
		concurrency int
		duration    time.Duration
	}{
		{"load: {rate: 5/s}", DefaultOpenConcurrency, DefaultDuration},
		{"load: {mode: closed}", DefaultClosedWorkers, DefaultDuration},
		{"load: {mode: closed, concurrency: 3}", 3, DefaultDuration},
		{"load: {mode: trigger, rate: 1k/s}", DefaultOpenConcurrency, DefaultDuration},
		{"load: {stages: [{duration: 2s, target: 5/s}, {duration: 1m, target: 0}]}", DefaultOpenConcurrency, 62 * time.Second},
		{"load: {duration: 3s, stages: [{duration: 3s, target: 5/s}]}", DefaultOpenConcurrency, 3 * time.Second},
	}
	for _, tc := range tests {
		s, err := Parse("t.yaml", []byte(tc.yaml))
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.yaml, err)
			continue
		}
		if s.Load.Concurrency != tc.concurrency || s.Load.Duration != tc.duration {
			t.Errorf("Parse(%q): concurrency %d, duration %v; want %d, %v",
				tc.yaml, s.Load.Concurrency, s.Load.Duration, tc.concurrency, tc.duration)
		}
	}
}

func TestParseTooManyProblems(t *testing.T) {
	b := strings.Builder{}
	b.WriteString("load: {rate: 1/s}\n")
	for i := range 80 {
		b.WriteString("unknown" + strings.Repeat("x", i) + ": 1\n")
	}
	_, err := Parse("big.yaml", []byte(b.String()))
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxErrors+1 || !strings.HasPrefix(lines[maxErrors], "big.yaml:52:1: and 30 more problems") {
		t.Errorf("got %d lines, last %q; want %d problems and a count of the rest", len(lines), lines[len(lines)-1], maxErrors)
	}
}

func TestValidateAfterOverride(t *testing.T) {
	s, err := Builtin("default")
	if err != nil {
		t.Fatal(err)
	}
	s.Load.Rate = Rate{}
	s.Stream.Partitions = 0
	err = s.Validate()
	want := "stream.partitions: must be between 1 and 10000, got 0\n" +
		"load.rate: open mode needs a rate above 0, e.g. 500/s (or load.stages)"
	if err == nil || err.Error() != want {
		t.Errorf("Validate() = %v, want\n%s", err, want)
	}
}

// positionLine matches a problem line of FuzzParse's input "fuzz.yaml".
var positionLine = regexp.MustCompile(`^fuzz\.yaml:[1-9][0-9]*:[1-9][0-9]*: `)

func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/errors/*.yaml")
	builtins, _ := filepath.Glob("builtin/*.yaml")
	for _, p := range append(seeds, builtins...) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("load: {rate: 1}\ncost: {currency: EUR, per_gb_s: 1e-5, per_partition_hour: .02, free_gb_s_per_month: 0}\n"))
	f.Add([]byte("a: &a [*a]\nload: *a\n"))
	f.Add([]byte("x: &x {<<: *x}\n<<: *x\n"))
	f.Add([]byte("target: {type: http, url: 'https://h/', headers: {A: '${X'}}\n"))
	f.Add([]byte("records: {kinds: [{kind: custom, template: '{\"n\":{{Number 1 9}},\"u\":\"{{UUID}}\"}'}]}\nload: {rate: 1}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := parse("fuzz.yaml", data, input{lookup: func(string) (string, bool) { return "v", true }})
		if err == nil {
			if s == nil {
				t.Fatal("nil scenario and nil error")
			}
			if verr := s.Validate(); verr != nil {
				t.Fatalf("loaded scenario fails Validate: %v", verr)
			}
			if gerr := s.GeneratorConfig().Validate(); gerr != nil {
				t.Fatalf("loaded scenario fails the generator's Validate: %v", gerr)
			}
			out, yerr := s.YAML()
			if yerr != nil {
				t.Fatalf("loaded scenario does not print: %v", yerr)
			}
			if _, perr := parse("shown.yaml", out, input{lookup: func(string) (string, bool) { return "v", true }}); perr != nil {
				t.Fatalf("printed scenario does not load: %v\n%s", perr, out)
			}
			return
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if !positionLine.MatchString(line) {
				t.Fatalf("problem without a position: %q", line)
			}
		}
	})
}

func ExampleParse() {
	src := `
load:
  mode: closed
  ratee: 500/s
  on_full: drop
stream: {partitions: -1}
`
	_, err := Parse("run.yaml", []byte(src))
	fmt.Println(err)
	// Output:
	// run.yaml:4:3: load: unknown key "ratee"; did you mean "rate"?
	// run.yaml:5:3: load.on_full: closed mode never drops: a worker waits for its previous event; use queue or open mode
	// run.yaml:6:10: stream.partitions: must be between 1 and 10000, got -1
}

// TestFileSizeCap: a scenario file above MaxFileSize is refused before it
// is parsed, naming the file and the limit (issue 14.8).
func TestFileSizeCap(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		size int
		ok   bool
	}{{MaxFileSize, true}, {MaxFileSize + 1, false}, {14 << 20, false}} {
		path := filepath.Join(dir, fmt.Sprintf("s%d.yaml", tc.size))
		head := "load: {rate: 5/s}\n"
		data := head + strings.Repeat("#", tc.size-len(head)-1) + "\n"
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(path)
		if tc.ok != (err == nil) || !tc.ok && !strings.HasPrefix(err.Error(), path+":1:1: scenario: the file is above the 256KiB") {
			t.Errorf("%d bytes: %v", tc.size, err)
		}
		_, err = Parse("p.yaml", []byte(data))
		if tc.ok != (err == nil) || !tc.ok && !strings.Contains(err.Error(), "above the 256KiB") {
			t.Errorf("Parse of %d bytes: %v", tc.size, err)
		}
	}
}
