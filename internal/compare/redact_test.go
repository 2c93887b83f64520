package compare

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/metrics/metricstest"
)

// TestCompareWritesNoURLSecrets: the compare table and JSON mask the
// runs' target URLs (user information and query values).
func TestCompareWritesNoURLSecrets(t *testing.T) {
	secret := func(seed uint64) *Run {
		r := run(t, metricstest.Spec{Start: metricstest.Start, Seconds: 3, PerSec: 20, Latency: metricstest.Jitter(time.Millisecond), Seed: seed})
		r.Summary.Target = "https://svc:pa55word@api.example.com/invoke?api_key=sk-live-123&region=eu"
		return r
	}
	a, b := secret(1), secret(2)
	c := Runs([]*Run{a}, []*Run{b})
	for name, write := range map[string]func(io.Writer) error{"table": c.WriteTable, "json": c.WriteJSON} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, s := range []string{"pa55word", "sk-live-123", "region=eu"} {
			if strings.Contains(buf.String(), s) {
				t.Errorf("compare %s holds %q", name, s)
			}
		}
	}
}
