package main

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// cobraOwn are the commands cobra adds by itself, with help of its own.
var cobraOwn = map[string]bool{"help": true, "completion": true}

// walkCommands calls fn for cmd and every command under it, except cobra's
// own.
func walkCommands(cmd *cobra.Command, fn func(*cobra.Command)) {
	fn(cmd)
	for _, sub := range cmd.Commands() {
		if !cobraOwn[sub.Name()] {
			walkCommands(sub, fn)
		}
	}
}

// exampleUses reports whether an Example text uses the flag: as --name or
// as -x (its shorthand), as a word of a `disload` command line.
func exampleUses(example string, f *pflag.Flag) bool {
	forms := []string{"--" + f.Name}
	if f.Shorthand != "" {
		forms = append(forms, "-"+f.Shorthand)
	}
	for _, line := range strings.Split(example, "\n") {
		if !strings.Contains(line, "disload ") {
			continue
		}
		for _, form := range forms {
			if regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(form) + `(\s|=|$)`).MatchString(line) {
				return true
			}
		}
	}
	return false
}

// TestHelpExamples: every command's help has examples, and together they
// use every flag the command takes, so `disload CMD --help` shows each flag
// at work, not only in the flag list. A new flag fails here until an
// Example line of its command uses it.
func TestHelpExamples(t *testing.T) {
	walkCommands(newRoot(io.Discard, io.Discard), func(cmd *cobra.Command) {
		path := cmd.CommandPath()
		if strings.TrimSpace(cmd.Example) == "" {
			t.Errorf("%s: no Example in its help", path)
			return
		}
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Name == "help" {
				return
			}
			if !exampleUses(cmd.Example, f) {
				t.Errorf("%s: flag --%s is used by none of its help's examples; add one to its Example", path, f.Name)
			}
		})
	})
}

func TestExampleUses(t *testing.T) {
	fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
	fs.StringP("duration", "d", "", "")
	fs.Int("seed", 0, "")
	d, seed := fs.Lookup("duration"), fs.Lookup("seed")
	tests := []struct {
		example string
		f       *pflag.Flag
		want    bool
	}{
		{"  disload run -d 5s", d, true},
		{"  disload run --duration=5s", d, true},
		{"  disload run clicks -dx", d, false},
		{"  disload run --seed-file x", seed, false},
		{"  disload run --seed 7", seed, true},
		{"  run --seed 7 (prose, no command)", seed, false},
	}
	for _, tt := range tests {
		if got := exampleUses(tt.example, tt.f); got != tt.want {
			t.Errorf("exampleUses(%q, --%s) = %v, want %v", tt.example, tt.f.Name, got, tt.want)
		}
	}
}
