// Package corpus reads and writes fixture corpora of DIS trigger events: JSON
// lines (one compact event per line) or a directory of indented
// event-000001.json files, the form `disload gen` writes and tests embed.
package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
)

// NextFunc appends the next event's compact JSON to dst and returns the
// extended slice (a generator's next event, or your own).
type NextFunc func(dst []byte) []byte

// WriteLines writes n events as JSON lines.
func WriteLines(w io.Writer, n int64, next NextFunc) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var buf []byte
	for range n {
		buf = next(buf[:0])
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// FileName is the name of event i (1-based) in a corpus directory.
func FileName(i int64) string { return fmt.Sprintf("event-%06d.json", i) }

var eventFile = regexp.MustCompile(`^event-(\d+)\.json$`)

// WriteDir writes n events as indented event-000001.json files into dir.
// The files are written into a temporary directory beside dir and renamed
// into place one by one, so no file is ever half-written; event files in dir
// beyond n (left by an earlier, larger corpus) are removed.
func WriteDir(dir string, n int64, next NextFunc) error {
	dir = filepath.Clean(dir)
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := writeFiles(tmp, n, next); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := int64(1); i <= n; i++ {
		if err := os.Rename(filepath.Join(tmp, FileName(i)), filepath.Join(dir, FileName(i))); err != nil {
			return err
		}
	}
	return removeStale(dir, n)
}

func writeFiles(dir string, n int64, next NextFunc) error {
	var buf []byte
	var pretty bytes.Buffer
	for i := int64(1); i <= n; i++ {
		buf = next(buf[:0])
		pretty.Reset()
		if err := json.Indent(&pretty, buf, "", "  "); err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
		pretty.WriteByte('\n')
		if err := os.WriteFile(filepath.Join(dir, FileName(i)), pretty.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func removeStale(dir string, n int64) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		m := eventFile.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		if i, _ := strconv.ParseInt(m[1], 10, 64); i > n {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}
