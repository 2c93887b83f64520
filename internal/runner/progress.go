package runner

import (
	"fmt"
	"io"
	"os"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/render"
)

// warnEvery limits how often the same kind of warning is repeated.
const warnEvery = 5 * time.Second

// progress prints the live line (to a terminal, rewritten in place) and the
// warnings when the rate is not held.
type progress struct {
	line     io.Writer // terminal, or nil
	warn     io.Writer // where warnings go when there is no line
	col      *metrics.Collector
	total    time.Duration
	lastWarn time.Duration
	warned   bool
	width    int
}

func newProgress(line, warn io.Writer, col *metrics.Collector, total time.Duration) *progress {
	return &progress{line: line, warn: warn, col: col, total: total, lastWarn: -warnEvery}
}

func (p *progress) update(st harness.Status) {
	if p.line != nil {
		p.printLine(st)
	}
	if w := st.Warning(); w != "" && st.Elapsed-p.lastWarn >= warnEvery {
		p.lastWarn, p.warned = st.Elapsed, true
		p.printWarning(w)
	}
}

func (p *progress) printLine(st harness.Status) {
	tot := p.col.Total()
	p50, p99 := liveLatency(tot)
	s := render.ProgressLine(render.ProgressStatus{
		Elapsed: st.Elapsed, Total: p.total,
		Sent: st.Sent, OK: tot.OK, Failed: tot.Failed, Dropped: st.Dropped, InFlight: st.InFlight,
		Rate: st.CurrentRate, AskedRate: st.AskedRate, P50: p50, P99: p99, Behind: st.Behind,
	})
	s = fit(s, p.columns()-1) // a full last column would wrap on some terminals
	n := utf8.RuneCountInString(s)
	pad := max(p.width-n, 0)
	p.width = n
	fmt.Fprintf(p.line, "\r%s%*s", s, pad, "")
}

// defaultColumns is the width assumed when the terminal's is unknown.
const defaultColumns = 80

// columns is the width of the progress line's terminal, read at every
// redraw so that a resized window is followed.
func (p *progress) columns() int {
	if f, ok := p.line.(*os.File); ok {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return defaultColumns
}

// fit cuts s to at most cols characters: a line longer than the terminal
// wraps, and \r then redraws only its last part, leaving stale lines.
func fit(s string, cols int) string {
	if cols < 1 {
		return ""
	}
	n := 0
	for i := range s {
		if n == cols {
			return s[:i]
		}
		n++
	}
	return s
}

func (p *progress) printWarning(w string) {
	if p.line != nil {
		fmt.Fprintf(p.line, "\r%*s\rwarning: %s\n", p.width, "", oneLine(w))
		p.width = 0
		return
	}
	if p.warn != nil {
		fmt.Fprintf(p.warn, "warning: %s\n", oneLine(w))
	}
}

// done clears the live line.
func (p *progress) done() {
	if p.line != nil && p.width > 0 {
		fmt.Fprintf(p.line, "\r%*s\r", p.width, "")
	}
}
