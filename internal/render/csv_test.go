package render

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disload/disload/internal/golden"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/metrics/metricstest"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/reports/reportstest"
)

func TestWriteIntervalsCSVGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteIntervalsCSV(&buf, reportstest.Rich(t)); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "intervals.golden.csv"), buf.Bytes())
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 13 || len(rows[0]) != len(IntervalCSVHeader) || rows[1][len(rows[1])-2] != "timeout=5" || rows[1][len(rows[1])-1] != "1" {
		t.Errorf("%d rows; first data row %v", len(rows), rows[1])
	}
}

func TestIntervalCSVWriterStreams(t *testing.T) {
	var buf bytes.Buffer
	w := NewIntervalCSVWriter(&buf)
	if err := w.Write(reports.IntervalFigures{TS: 0.5, Counts: metrics.Counts{Sent: 3}, Errors: map[string]int64{"z": 1, "a": 2}, LengthS: 0.25}); err != nil {
		t.Fatal(err)
	}
	// Flushed at once, so a dashboard tailing the stream sees the row.
	want := strings.Join(IntervalCSVHeader, ",") + "\n0.5,3,0,0,0,0,0,0,0,0,0,0,0,0,a=2;z=1,0.25\n"
	if buf.String() != want {
		t.Errorf("after one row:\n%s\nwant:\n%s", buf.String(), want)
	}
	if err := w.WriteHeader(); err != nil || strings.Count(buf.String(), "t_s") != 1 {
		t.Errorf("header written again: %v\n%s", err, buf.String())
	}
	if err := w.Write(reports.IntervalFigures{TS: 1}); err != nil || strings.Count(buf.String(), "\n") != 3 {
		t.Errorf("second row: %v\n%s", err, buf.String())
	}
}

func TestWriteIntervalsCSVEmptyAndErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteIntervalsCSV(&buf, reports.NewSummary(reports.RunFacts{}, nil)); err != nil {
		t.Fatal(err)
	}
	if buf.String() != strings.Join(IntervalCSVHeader, ",")+"\n" {
		t.Errorf("empty run CSV = %q, want the header alone", buf.String())
	}
	for _, after := range []int{0, 1} {
		if err := WriteIntervalsCSV(&metricstest.FailWriter{After: after}, reportstest.Rich(t)); err == nil {
			t.Errorf("writer failing after %d writes: no error", after)
		}
	}
}
