package function

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
)

const (
	ringLines   = 50   // lines kept per instance
	maxLineSize = 4096 // longer lines are cut
)

// ring keeps the last ringLines lines written to it (an instance's stdout
// and stderr). It is safe for concurrent use.
type ring struct {
	mu      sync.Mutex
	lines   [ringLines]string
	total   int    // complete lines ever written
	partial []byte // the unterminated last line
}

// Write splits p into lines; it never fails.
func (r *ring) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			r.appendPartial(p)
			break
		}
		r.appendPartial(p[:i])
		r.push()
		p = p[i+1:]
	}
	return n, nil
}

// appendPartial adds b to the current line, up to maxLineSize bytes.
func (r *ring) appendPartial(b []byte) {
	if room := maxLineSize - len(r.partial); len(b) > room {
		b = b[:max(room, 0)]
	}
	r.partial = append(r.partial, b...)
}

// push ends the current line.
func (r *ring) push() {
	r.lines[r.total%ringLines] = string(bytes.TrimSuffix(r.partial, []byte{'\r'}))
	r.total++
	r.partial = r.partial[:0]
}

// mark returns a position for since: the number of complete lines so far.
func (r *ring) mark() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.total
}

// tail returns the last n lines (at most ringLines), the unterminated line
// last when there is one.
func (r *ring) tail(n int) []string {
	return r.since(0, n)
}

// since returns the last n lines written after mark.
func (r *ring) since(mark, n int) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	first := max(mark, r.total-ringLines, r.total-n)
	for i := first; i < r.total; i++ {
		out = append(out, r.lines[i%ringLines])
	}
	if len(r.partial) > 0 && n > 0 {
		out = append(out, string(r.partial))
		if len(out) > n {
			out = out[1:]
		}
	}
	return out
}

// Size caps of the instance log files (LogDir/instance-N.log), so that a
// chatty function cannot fill the disk: each file stops at
// MaxInstanceLogBytes, all of a pool's together at MaxPoolLogBytes. A file
// that reaches a cap ends with a line saying so; the last lines of every
// instance stay in memory for error messages all the same.
const (
	MaxInstanceLogBytes = 8 << 20
	MaxPoolLogBytes     = 64 << 20
)

// logBudget is the bytes a pool's log files may still take.
type logBudget struct{ left atomic.Int64 }

// newLogBudget returns a budget of n bytes.
func newLogBudget(n int64) *logBudget {
	b := &logBudget{}
	b.left.Store(n)
	return b
}

// take reserves up to n bytes and returns how many it got.
func (b *logBudget) take(n int64) int64 {
	for {
		left := b.left.Load()
		got := min(left, n)
		if got <= 0 {
			return 0
		}
		if b.left.CompareAndSwap(left, left-got) {
			return got
		}
	}
}

// fileLog writes an instance's output to its log file, within its caps,
// and to its ring. It never fails: a full disk must not break the
// function's stdout pipe.
type fileLog struct {
	f      io.Writer
	r      *ring
	mu     sync.Mutex
	left   int64      // bytes this file may still take
	pool   *logBudget // the pool's budget, shared by its files
	capped bool       // the cap note was written
}

// newFileLog writes to f within perFile bytes and the pool's budget.
func newFileLog(f io.Writer, r *ring, perFile int64, pool *logBudget) *fileLog {
	return &fileLog{f: f, r: r, left: perFile, pool: pool}
}

// Write copies p to the file (ignoring errors) while the caps allow, then
// notes the cut once; the ring gets everything.
func (l *fileLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	if !l.capped {
		n := l.pool.take(min(int64(len(p)), l.left))
		l.left -= n
		l.f.Write(p[:n]) //nolint:errcheck // best effort, see fileLog
		if n < int64(len(p)) {
			l.capped = true
			fmt.Fprintf(l.f, "\ndisload: log cap reached (%d bytes per instance, %d per run): further output dropped\n",
				MaxInstanceLogBytes, MaxPoolLogBytes)
		}
	}
	l.mu.Unlock()
	return l.r.Write(p)
}
