package cli

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

// exampleArgs splits an Example line into the arguments of its first
// disload command: words after "disload", quotes removed, up to a shell
// operator (| > < && ; &) or a comment.
func exampleArgs(line string) ([]string, bool) {
	i := strings.Index(line, "disload ")
	if i < 0 {
		return nil, false
	}
	var args []string
	var word strings.Builder
	inWord, quote := false, rune(0)
	flush := func() {
		if inWord {
			args = append(args, word.String())
		}
		word.Reset()
		inWord = false
	}
	for _, r := range line[i+len("disload "):] {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			word.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			flush()
		case strings.ContainsRune("|<>;&#", r):
			flush()
			return args, true
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	flush()
	return args, true
}

// TestHelpExamplesParse: every example of every command's help names a
// command that exists and flags it takes, with values of the right type.
func TestHelpExamplesParse(t *testing.T) {
	walkCommands(newRoot(io.Discard, io.Discard), func(cmd *cobra.Command) {
		for _, line := range strings.Split(cmd.Example, "\n") {
			args, ok := exampleArgs(line)
			if !ok || len(args) == 0 || args[0] == "COMMAND" {
				continue
			}
			// A fresh tree per line: parsing sets flag values.
			target, rest, err := newRoot(io.Discard, io.Discard).Find(args)
			if err != nil || target.Name() == "disload" {
				t.Errorf("%s: example %q: no such command (%v)", cmd.CommandPath(), strings.TrimSpace(line), err)
				continue
			}
			if err := target.ParseFlags(rest); err != nil {
				t.Errorf("%s: example %q: %v", cmd.CommandPath(), strings.TrimSpace(line), err)
			}
		}
	})
}

func TestExampleArgs(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"  disload run clicks -d 30s -r 2000/s -o out/", []string{"run", "clicks", "-d", "30s", "-r", "2000/s", "-o", "out/"}},
		{"  disload run default --threshold 'p99<50ms' | jq .", []string{"run", "default", "--threshold", "p99<50ms"}},
		{"  disload scenarios show clicks > my.yaml", []string{"scenarios", "show", "clicks"}},
		{"  disload run                  # the default", []string{"run"}},
		{`  disload merge "/results/shard-*" -o m`, []string{"merge", "/results/shard-*", "-o", "m"}},
	}
	for _, tt := range tests {
		got, ok := exampleArgs(tt.line)
		if !ok || strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") {
			t.Errorf("exampleArgs(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
