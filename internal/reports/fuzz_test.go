package reports

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/metrics/metricstest"
)

// summarySeeds are summary.json files for the fuzz corpora: the golden
// ones and a small run.
func summarySeeds(f *testing.F) [][]byte {
	f.Helper()
	var out [][]byte
	for _, name := range []string{"testdata/summary.golden.json", "testdata/summary_rich.golden.json"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// FuzzParseSummary: no summary.json makes the reader panic; what it accepts
// passes its own checks and reads back the same (FuzzRender in package render
// renders what it accepts)
// after being written.
func FuzzParseSummary(f *testing.F) {
	for _, s := range summarySeeds(f) {
		f.Add(s)
	}
	f.Add([]byte(`{"schema":"disload/summary/v1","duration_s":-1,"intervals":[{"t_s":-1000000}]}`))
	f.Add([]byte(`{"schema":"disload/summary/v1","events":{"sent":-5},"errors":{"x":-1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSummary("summary.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "summary.json") {
				t.Fatalf("error without the file's name: %v", err)
			}
			return
		}
		if err := s.check("summary.json"); err != nil {
			t.Fatalf("accepted a summary that fails its checks: %v", err)
		}
		var buf bytes.Buffer
		if err := s.WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		if _, err := ParseSummary("again.json", buf.Bytes()); err != nil {
			t.Fatalf("a summary read does not read back after writing: %v\n%s", err, buf.String())
		}
	})
}

// FuzzMerge: merge inputs (two summaries and their interval logs) never
// make merge panic, and an accepted merge adds the counts up exactly and
// writes a log that reads back.
func FuzzMerge(f *testing.F) {
	seeds := summarySeeds(f)
	var log bytes.Buffer
	if err := hlog.Write(&log, metricstest.Start, metricstest.Timeline()); err != nil {
		f.Fatal(err)
	}
	f.Add(seeds[0], log.Bytes(), seeds[1], log.Bytes())
	f.Add(seeds[1], []byte{}, seeds[1], log.Bytes())
	f.Fuzz(func(t *testing.T, sum1, log1, sum2, log2 []byte) {
		var sums []*Summary
		var logs []*hlog.Log
		for _, in := range []struct{ sum, log []byte }{{sum1, log1}, {sum2, log2}} {
			s, err := ParseSummary("summary.json", in.sum)
			if err != nil {
				return
			}
			l, err := hlog.Read(bytes.NewReader(in.log))
			if err != nil {
				return
			}
			sums, logs = append(sums, s), append(logs, l)
		}
		if err := CheckParts(sums, []string{"a", "b"}, true); err != nil {
			return
		}
		m, out, err := MergeParsed(sums, logs)
		if err != nil {
			return
		}
		if m.Events.Sent != sums[0].Events.Sent+sums[1].Events.Sent || m.Records != sums[0].Records+sums[1].Records {
			t.Fatalf("merged sent %d records %d, want the sums", m.Events.Sent, m.Records)
		}
		if m.DurationS < 0 || time.Duration(m.DurationS*1e9) < 0 {
			t.Fatalf("merged duration %v", m.DurationS)
		}
		if _, err := hlog.Read(bytes.NewReader(out)); err != nil {
			t.Fatalf("merged log does not read back: %v", err)
		}
	})
}
