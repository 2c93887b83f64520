package function

import (
	"bytes"
	"io"
	"sync"
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

// fileLog writes an instance's output to its log file and its ring. It
// never fails: a full disk must not break the function's stdout pipe.
type fileLog struct {
	f io.Writer
	r *ring
}

// Write copies p to the file (ignoring errors) and the ring.
func (l *fileLog) Write(p []byte) (int, error) {
	l.f.Write(p) //nolint:errcheck // best effort, see fileLog
	return l.r.Write(p)
}
