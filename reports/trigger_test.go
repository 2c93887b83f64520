package reports

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/metrics"
)

func TestTriggerZeroFiguresAreWritten(t *testing.T) {
	b, err := json.Marshal(&Trigger{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"max_lag_ms":0`, `"final_lag_records":0`, `"duplicates":0`, `"end_to_end_ms":{`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s: no lag is a finding too", b, want)
		}
	}
	for _, absent := range []string{"verdict", "partitions", `"lag"`, "end_to_end_histogram", "max_sustainable"} {
		if strings.Contains(string(b), absent) {
			t.Errorf("%s has %s, want it omitted when empty", b, absent)
		}
	}
}

func TestSetEndToEnd(t *testing.T) {
	h := metrics.NewHistogram()
	for i := 1; i <= 1000; i++ {
		_ = h.RecordValue(int64(i) * int64(time.Millisecond))
	}
	var tr Trigger
	tr.SetEndToEnd(h)
	if tr.EndToEndMs.P50 < 499 || tr.EndToEndMs.P50 > 501 || tr.EndToEndMs.Max < 999 {
		t.Errorf("end-to-end %+v", tr.EndToEndMs)
	}
	back, err := decode("end_to_end", tr.EndToEndHDR)
	if err != nil || !back.Equals(h) {
		t.Errorf("the kept histogram does not decode to the recorded one: %v", err)
	}
}

func TestTableShowsTrigger(t *testing.T) {
	var buf strings.Builder
	if err := richSummary(t).WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"trigger: kept up: lag stayed under 1 batch", "max lag ms", "850", "end-to-end p50 ms"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
}
