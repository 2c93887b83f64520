package scenarios

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem in a scenario. Errors from Load and Parse carry the
// file name and the 1-based line and column of the offending key (or, for a
// value that does not parse, of the value); errors from Validate carry only
// the field.
type Error struct {
	File      string // file name or "builtin:NAME"; empty from Validate
	Flag      string // the command-line flag at fault, instead of File
	Line, Col int    // 1-based position; 0 when unknown (Validate)
	Field     string // dotted path such as "load.rate" or "records.kinds[1].template"
	Msg       string // what is wrong, on one line
}

// Error formats the problem as "file:line:col: field: msg", leaving out the
// parts that are empty.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Flag != "" {
		b.WriteString(e.Flag)
		b.WriteString(": ")
	} else if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
		}
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is every problem found in a scenario, in file order. Its Error
// puts one problem on each line; errors.As finds the *Error values in it.
type ErrorList []*Error

// Error joins the problems, one per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// err returns l as an error, or nil when it is empty.
func (l ErrorList) err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// FlagsOnly reports whether every problem in l is a command-line flag's
// (a usage mistake) rather than the file's.
func (l ErrorList) FlagsOnly() bool {
	for _, e := range l {
		if e.Flag == "" {
			return false
		}
	}
	return len(l) > 0
}

// sorted orders the problems by position and drops exact repeats (a merged
// YAML anchor can make the same problem show up twice).
func (l ErrorList) sorted() ErrorList {
	out := slices.Clone(l)
	slices.SortStableFunc(out, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return slices.CompactFunc(out, func(a, b *Error) bool { return *a == *b })
}

// oneLine keeps a message on one line so that every printed problem starts
// with its position.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\r", " ")), " ")
}

// suggest returns `; did you mean "x"?` for the candidate closest to word,
// or "" when none is close enough to be a likely typo.
func suggest(word string, candidates []string) string {
	if c := closest(word, candidates); c != "" {
		return fmt.Sprintf("; did you mean %q?", c)
	}
	return ""
}

// closest returns the candidate closest to word by edit distance (ignoring
// case, '_' and '-'), or "" when none is close enough to be a likely typo.
func closest(word string, candidates []string) string {
	best, bestDist := "", -1
	w := normalize(word)
	if len(w) > 64 {
		return ""
	}
	for _, c := range candidates {
		d := distance(w, normalize(c))
		if bestDist < 0 || d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	if bestDist < 0 || bestDist > max(2, len(w)/3) || bestDist >= len(w) {
		return ""
	}
	return best
}

// normalize folds case and drops '_' and '-' so that "partitionType" and
// "partition-type" are recognised as "partition_type".
func normalize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r == '-' {
			return -1
		}
		return r
	}, strings.ToLower(s))
}

// distance is the Levenshtein edit distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
