package runner

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/target/function"
)

// TestFindMaxAgainstFunction: --find-max with a function target searches
// on the pool it started, then confirms the answer with a full run on the
// same pool (no second Start), and the summary holds the answer, every
// step and the instance figures.
func TestFindMaxAgainstFunction(t *testing.T) {
	if testing.Short() {
		t.Skip("a capacity search of about 15 s")
	}
	sc := scenario(t, fmt.Sprintf(`
stream: {partitions: 1}
batch: {size: 100}
load: {mode: trigger, rate: 1000/s, duration: 2s}
trigger: {poll: 100ms}
target:
  path: %s
  env: {FN_SLEEP: 200ms}
`, fnBin))
	var warn bytes.Buffer
	res, err := Run(context.Background(), Options{Scenario: sc, FindMax: true, Warn: &warn})
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, warn.String())
	}
	tr := res.Summary.Trigger
	if tr == nil || tr.FindMax == nil || len(tr.Steps) < 2 || tr.MaxSustainableRecordsPerS != tr.FindMax.MaxSustainableRecordsPerS {
		t.Fatalf("trigger block %+v: want the search's answer and steps", tr)
	}
	if got := tr.FindMax.MaxSustainableRecordsPerS; got < 450 || got > 550 {
		t.Errorf("max sustainable %.0f records/s, want within 10%% of 500", got)
	}
	if !strings.Contains(tr.FindMax.Note, "highest sustainable rate") || !strings.Contains(warn.String(), "find-max: highest sustainable rate") {
		t.Errorf("note %q; warnings:\n%s", tr.FindMax.Note, warn.String())
	}
	for _, s := range tr.Steps {
		if s.Verdict == "" || s.RateRecordsPerS <= 0 {
			t.Errorf("step %+v", s)
		}
	}
	if in := res.Summary.Instances; in == nil || in.Peak < 1 || in.ColdStarts < 1 || in.Max != 400 || res.Summary.PeakInstances != in.Peak {
		t.Errorf("instances %+v, peak_instances %d", in, res.Summary.PeakInstances)
	}
}

// TestTriggerDroppingData: a function failing every call with retries 0
// and skip is not "keeping up": the summary says records were dropped.
func TestTriggerDroppingData(t *testing.T) {
	sc := scenario(t, fmt.Sprintf(`
stream: {partitions: 2}
batch: {size: 100}
load: {mode: trigger, rate: 400/s, duration: 1s}
trigger: {poll: 100ms, retries: 0, on_failure: skip}
target:
  path: %s
  env: {FN_FAIL_EVERY: "1"}
`, fnBin))
	res, err := Run(context.Background(), Options{Scenario: sc})
	if err != nil {
		t.Fatal(err)
	}
	tr := res.Summary.Trigger
	var delivered, skipped int64
	for _, p := range tr.Partitions {
		delivered += p.Delivered
		skipped += p.Skipped
	}
	if !strings.HasPrefix(tr.Verdict, "dropping data: ") || delivered != 0 || skipped == 0 || skipped != tr.SkippedRecords {
		t.Errorf("verdict %q, delivered %d, skipped %d (total %d)", tr.Verdict, delivered, skipped, tr.SkippedRecords)
	}
}

// statsTarget is a target with instance figures.
type statsTarget struct {
	harness.Target
	st function.Stats
}

func (s statsTarget) Stats() function.Stats { return s.st }

func TestInstanceFiguresWarnOfLongQueues(t *testing.T) {
	for _, tc := range []struct {
		name string
		tgt  harness.Target
		warn bool
	}{
		{"no instances", nil, false},
		{"never at the max", statsTarget{st: function.Stats{MaxInstances: 400, PeakInstances: 4, ColdStarts: 4}}, false},
		{"short waits at the max", statsTarget{st: function.Stats{MaxInstances: 1, PeakInstances: 1, QueuedAtMax: 9, LongestQueue: 5 * time.Millisecond}}, false},
		{"long waits at the max", statsTarget{st: function.Stats{MaxInstances: 1, PeakInstances: 1, QueuedAtMax: 9, LongestQueue: 1800 * time.Millisecond}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var warn bytes.Buffer
			in := instanceFigures(tc.tgt, &warn)
			st, ok := tc.tgt.(statsTarget)
			if ok != (in != nil) || ok && (in.Max != st.st.MaxInstances || in.Peak != st.st.PeakInstances ||
				in.QueuedAtMax != st.st.QueuedAtMax || in.LongestQueueMs != float64(st.st.LongestQueue)/1e6) {
				t.Errorf("figures %+v from %+v", in, tc.tgt)
			}
			if got := strings.Contains(warn.String(), "instances.max"); got != tc.warn {
				t.Errorf("warned %v, want %v: %q", got, tc.warn, warn.String())
			}
		})
	}
}
