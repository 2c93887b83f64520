package scenarios

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/disload/disload/internal/generator"
)

func TestBuiltinNames(t *testing.T) {
	want := []string{"default", "clicks", "locations", "logs", "mixed", "transactions"}
	if got := BuiltinNames(); !slices.Equal(got, want) {
		t.Errorf("BuiltinNames() = %v, want %v", got, want)
	}
}

func TestBuiltinsLoadAndValidate(t *testing.T) {
	for _, name := range BuiltinNames() {
		s, err := Builtin(name)
		if err != nil {
			t.Errorf("Builtin(%q): %v", name, err)
			continue
		}
		if s.Name != name || s.Source != "builtin:"+name || s.Description == "" {
			t.Errorf("Builtin(%q): name %q, source %q, description %q", name, s.Name, s.Source, s.Description)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("Builtin(%q).Validate(): %v", name, err)
		}
		if err := s.GeneratorConfig().Validate(); err != nil {
			t.Errorf("Builtin(%q).GeneratorConfig().Validate(): %v", name, err)
		}
		if s.Target.Spec() != "inproc:decode" {
			t.Errorf("Builtin(%q) target %s, want inproc:decode", name, s.Target.Spec())
		}
		data, _ := BuiltinYAML(name)
		if !strings.HasPrefix(string(data), "# disload built-in scenario \""+name+"\"") {
			t.Errorf("BuiltinYAML(%q) does not start with its explaining comment", name)
		}
	}
}

func TestBuiltinDefault(t *testing.T) {
	s, err := Builtin(DefaultBuiltin)
	if err != nil {
		t.Fatal(err)
	}
	if s.Stream.Partitions != 4 || s.Load.Rate != (Rate{1000}) || s.Load.Duration.Seconds() != 3 ||
		s.Batch.Size != 10 || s.Records.Kinds[0].Kind != generator.KindClick || s.Load.Mode != ModeOpen {
		t.Errorf("default scenario = %s", s.Summary())
	}
}

// TestBuiltinsCoverKinds: mixed has every built-in record kind but custom.
func TestBuiltinsCoverKinds(t *testing.T) {
	s, err := Builtin("mixed")
	if err != nil {
		t.Fatal(err)
	}
	var kinds []generator.Kind
	for _, k := range s.Records.Kinds {
		kinds = append(kinds, k.Kind)
	}
	for _, k := range generator.Kinds {
		if k != generator.KindCustom && !slices.Contains(kinds, k) {
			t.Errorf("mixed lacks kind %s", k)
		}
	}
}

func TestBuiltinUnknown(t *testing.T) {
	_, err := Builtin("clciks")
	if err == nil || !strings.Contains(err.Error(), `did you mean "clicks"?`) || !strings.Contains(err.Error(), "default, clicks") {
		t.Errorf("Builtin(clciks) = %v", err)
	}
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "mine.yaml")
	if err := os.WriteFile(file, []byte("name: mine\nload: {rate: 1/s}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	shadow := filepath.Join(dir, "clicks")
	if err := os.WriteFile(shadow, []byte("name: shadow\nload: {rate: 1/s}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ arg, name, err string }{
		{"", "default", ""},
		{"logs", "logs", ""},
		{file, "mine", ""},
		{shadow, "shadow", ""}, // an existing file wins over a built-in name
		{dir, "", "is a directory"},
		{"nope", "", `scenario "nope": no such file, nor a built-in scenario (built-ins: default, clicks`},
		{"mixd", "", `did you mean "mixed"?`},
		{filepath.Join(dir, "gone.yaml"), "", "no such file"},
	}
	for _, tc := range tests {
		s, err := Resolve(tc.arg)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("Resolve(%q) = %v, want error containing %q", tc.arg, err, tc.err)
		case tc.err == "" && (err != nil || s.Name != tc.name):
			t.Errorf("Resolve(%q) = %v, %v; want scenario %q", tc.arg, s, err, tc.name)
		}
	}
}

func BenchmarkBuiltinMixed(b *testing.B) {
	for b.Loop() {
		if _, err := Builtin("mixed"); err != nil {
			b.Fatal(err)
		}
	}
}
