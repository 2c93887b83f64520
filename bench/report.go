package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// report accumulates the results as Markdown.
type report struct {
	b strings.Builder
}

func (r *report) printf(format string, args ...any) { fmt.Fprintf(&r.b, format, args...) }

// section starts a section, with the load average at its start.
func (r *report) section(title string) {
	r.printf("\n## %s\n\n_load average at start: %s_\n\n", title, loadAvg())
}

// table writes a Markdown table.
func (r *report) table(header []string, rows [][]string) {
	r.printf("| %s |\n|%s\n", strings.Join(header, " | "), strings.Repeat("---|", len(header)))
	for _, row := range rows {
		r.printf("| %s |\n", strings.Join(row, " | "))
	}
	r.printf("\n")
}

// commands lists the commands that made a section's figures.
func (r *report) commands(cmds []string) {
	r.printf("\nCommands:\n\n```sh\n")
	seen := map[string]bool{}
	for _, c := range cmds {
		if !seen[c] {
			seen[c] = true
			r.printf("%s\n", c)
		}
	}
	r.printf("```\n\n")
}

// verdict writes one bar's outcome as ok or FAIL.
func (r *report) verdict(ok bool, format string, args ...any) {
	r.mark(pick(ok, "ok", "FAIL"), format, args...)
}

// met writes one bar's outcome as ok or not met.
func (r *report) met(ok bool, format string, args ...any) {
	r.mark(pick(ok, "ok", "not met"), format, args...)
}

// goal writes how a result stands against a goal past the bars.
func (r *report) goal(reached bool, format string, args ...any) {
	r.mark(pick(reached, "goal reached", "goal not reached"), format, args...)
}

// mark writes a list item that starts with a bold mark.
func (r *report) mark(mark, format string, args ...any) {
	r.printf("- **%s** %s\n", mark, fmt.Sprintf(format, args...))
}

// pick is yes when ok, else no.
func pick(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}

func (r *report) writeTo(w io.Writer) error {
	_, err := io.WriteString(w, r.b.String())
	return err
}

// loadAvg is the 1, 5 and 15 minute load average.
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// f0, f1, f2 format a number with 0, 1 or 2 decimals.
func f0(x float64) string { return fmt.Sprintf("%.0f", x) }
func f1(x float64) string { return fmt.Sprintf("%.1f", x) }
func f2(x float64) string { return fmt.Sprintf("%.2f", x) }

// pct formats a relative error: (got-want)/want in percent, signed.
func pct(got, want float64) string { return fmt.Sprintf("%+.2f%%", 100*ratio(got-want, want)) }
