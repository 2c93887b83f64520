package reports

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestOlderSummaryGainsPercentiles: a summary.json written before p75, p95
// and p99.99 were kept reads with them set from its histograms.
func TestOlderSummaryGainsPercentiles(t *testing.T) {
	s := fixtureSummary(t)
	var buf bytes.Buffer
	if err := s.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"response", "service"} {
		l := m["latency_ms"].(map[string]any)[kind].(map[string]any)
		delete(l, "p75")
		delete(l, "p95")
		delete(l, "p9999")
	}
	old, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseSummary("old.json", old)
	if err != nil {
		t.Fatal(err)
	}
	if back.Latency != s.Latency {
		t.Errorf("latency read back %+v, want %+v", back.Latency, s.Latency)
	}
}
