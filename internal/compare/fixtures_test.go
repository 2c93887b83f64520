package compare

import (
	"bytes"
	"testing"

	"github.com/disload/disload/internal/hlog"
	"github.com/disload/disload/internal/metrics/metricstest"
	"github.com/disload/disload/internal/reports/reportstest"
)

// run runs the spec and returns it as compare reads a result directory:
// the summary with its interval log.
func run(t testing.TB, sp metricstest.Spec) *Run {
	t.Helper()
	s, col := reportstest.Summary(t, sp)
	var buf bytes.Buffer
	if err := hlog.Write(&buf, s.Started, col); err != nil {
		t.Fatal(err)
	}
	l, err := hlog.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return &Run{Summary: s, Log: l}
}
