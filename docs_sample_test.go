package disload_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/disload/disload/internal/scenarios"
)

// The README's sample output, checked by TestReadmeCommands against what
// disload prints now.

// sampleCommand makes the output README.md shows after "prints something
// like:" (the set-up's first command, shortened like every other).
const sampleCommand = "disload run --no-progress"

// checkSampleOutput compares the README's sample of `disload run` output
// with what the command prints now, figure for figure in shape: the same
// lines, columns, headers and row names; numbers may differ.
func checkSampleOutput(t *testing.T, bash, dir string, env []string) {
	t.Helper()
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	line, sample := sampleBlock(string(readme), "scenario default ·")
	if sample == nil {
		t.Errorf("README.md: no sample output block starting with %q", "scenario default ·")
		return
	}
	shell := shorten(sampleCommand, docsMaxDuration, "")
	code, out := runShell(t, bash, dir, env, shell)
	if code != 0 {
		t.Errorf("README.md:%d: the sample's command %q: exit %d\n%s", line, shell, code, indent(tail(out, 20)))
		return
	}
	got := strings.Split(strings.TrimRight(out, "\n"), "\n")
	got = withoutNotes(got)
	for i, want := range sample {
		switch {
		case i >= len(got):
			t.Errorf("README.md:%d: the sample has more lines than %q prints (%d)", line+i, shell, len(got))
			return
		case skeleton(got[i]) != skeleton(want):
			t.Errorf("README.md:%d: the sample does not match what %q prints:\n  README: %s\n  prints: %s",
				line+i, shell, want, got[i])
		}
	}
	if len(got) > len(sample) {
		t.Errorf("README.md:%d: %q prints %d lines more than the sample, from: %s",
			line+len(sample), shell, len(got)-len(sample), got[len(sample)])
	}
}

// withoutNotes drops what a busy machine adds to the output (warnings, a
// "rate NOT held" line, the engine line that appears when events went
// unsent): the sample shows a quiet run.
func withoutNotes(lines []string) []string {
	var kept []string
	for _, l := range lines {
		if !strings.HasPrefix(l, "warning: ") && !strings.HasPrefix(l, "rate NOT held") && !strings.HasPrefix(l, "engine: ") {
			kept = append(kept, l)
		}
	}
	return kept
}

// sampleBlock returns the first fenced block of a Markdown document whose
// first line starts with prefix, and the 1-based line of that first line.
func sampleBlock(doc, prefix string) (int, []string) {
	lines := strings.Split(doc, "\n")
	for i := 0; i+1 < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "```" || !strings.HasPrefix(lines[i+1], prefix) {
			continue
		}
		var block []string
		for _, l := range lines[i+1:] {
			if strings.HasPrefix(l, "```") {
				return i + 2, block
			}
			block = append(block, l)
		}
	}
	return 0, nil
}

var (
	// figure is a number, time or date in an output line.
	figure = regexp.MustCompile(`[0-9][0-9.:TZ\-]*`)
	// rule is a run of a table's horizontal line or padding.
	rule = regexp.MustCompile(`─+| +`)
)

// skeleton is a line of output with its figures replaced and its column
// widths collapsed, so two runs' tables compare equal in shape.
func skeleton(line string) string {
	line = figure.ReplaceAllString(line, "N")
	return rule.ReplaceAllStringFunc(line, func(m string) string { return m[:len(string([]rune(m)[0]))] })
}

func TestSkeleton(t *testing.T) {
	tests := []struct{ a, b string }{
		{"started 2026-11-25T09:30:17Z · ran 3s · interval 1s", "started 2026-12-03T07:52:08Z · ran 1s · interval 1s"},
		{"│ 3000 │ 3000 │      0 │", "│ 998 │ 998 │ 0 │"},
		{"├──────┼──────┼", "├─────┼─────┼"},
		{"│ response     │ 0.031 │ 0.094 │", "│ response     │ 0.075 │  11.555 │"},
	}
	for _, tt := range tests {
		if skeleton(tt.a) != skeleton(tt.b) {
			t.Errorf("skeleton(%q) = %q, skeleton(%q) = %q: want equal", tt.a, skeleton(tt.a), tt.b, skeleton(tt.b))
		}
	}
	differ := []struct{ a, b string }{
		{"│ sent │  ok  │", "│ sent │ ok │ failed │"},
		{"│ response │ 1 │", "│ service │ 1 │"},
		{"scenario default · mode open", "scenario default · mode closed"},
	}
	for _, tt := range differ {
		if skeleton(tt.a) == skeleton(tt.b) {
			t.Errorf("skeleton(%q) == skeleton(%q) = %q: want different", tt.a, tt.b, skeleton(tt.a))
		}
	}
}

// TestReadmeScenarios: every complete scenario the README shows (a ```yaml
// block starting with "name:") loads as written. Fragments (a block of one
// section, such as the function target's) are not complete scenarios.
func TestReadmeScenarios(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, b := range fencedBlocks(string(readme), "yaml") {
		if !strings.HasPrefix(b.text, "name:") {
			continue
		}
		found++
		// Blank lines before the block make the positions README.md's own.
		padded := strings.Repeat("\n", b.line-1) + b.text
		if _, err := scenarios.Parse("README.md", []byte(padded)); err != nil {
			t.Errorf("README.md:%d: the scenario shown does not load:\n%v", b.line, err)
		}
	}
	if found == 0 {
		t.Error("README.md: no complete scenario (```yaml block starting with name:) found")
	}
}

// block is a fenced block of a Markdown document.
type block struct {
	line int // 1-based line of the block's first line of text
	text string
}

// fencedBlocks returns the blocks of doc fenced as ```lang.
func fencedBlocks(doc, lang string) []block {
	var blocks []block
	lines := strings.Split(doc, "\n")
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "```"+lang {
			continue
		}
		start := i + 1
		for i++; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
		}
		blocks = append(blocks, block{start + 1, strings.Join(lines[start:i], "\n") + "\n"})
	}
	return blocks
}

func TestFencedBlocks(t *testing.T) {
	doc := "a\n```yaml\nname: x\n```\n```sh\nls\n```\n```yaml\nb: 1\nc: 2\n```\n"
	got := fencedBlocks(doc, "yaml")
	if len(got) != 2 || got[0] != (block{3, "name: x\n"}) || got[1] != (block{9, "b: 1\nc: 2\n"}) {
		t.Errorf("fencedBlocks = %+v", got)
	}
}
