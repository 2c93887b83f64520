package runner

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/metrics"
)

func TestFit(t *testing.T) {
	for _, tc := range []struct {
		s    string
		cols int
		want string
	}{
		{"abc", 5, "abc"}, {"abcdef", 3, "abc"}, {"µs·µs", 3, "µs·"}, {"abc", 0, ""}, {"", 4, ""},
	} {
		if got := fit(tc.s, tc.cols); got != tc.want {
			t.Errorf("fit(%q, %d) = %q; want %q", tc.s, tc.cols, got, tc.want)
		}
	}
}

// TestProgressLineFitsTheTerminal: every redraw of the live line is
// shorter than the terminal (80 columns when its width is unknown), so it
// never wraps and leaves stale lines behind.
func TestProgressLineFitsTheTerminal(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, nil, metrics.NewCollector(time.Second), time.Hour)
	p.update(harness.Status{
		Elapsed: 1234 * time.Second, Sent: 123456789, Dropped: 98765432, InFlight: 123456,
		CurrentRate: 123456.7, AskedRate: 234567.8, Behind: 12 * time.Second,
	})
	for _, line := range strings.Split(buf.String(), "\r") {
		if n := utf8.RuneCountInString(line); n >= defaultColumns {
			t.Errorf("a redraw of %d columns: %q; want under %d", n, line, defaultColumns)
		}
	}
	if !strings.Contains(buf.String(), "\r") {
		t.Errorf("no line drawn: %q", buf.String())
	}
}
