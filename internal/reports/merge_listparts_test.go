package reports

import (
	"strings"
	"testing"
)

func TestMergeListsItsParts(t *testing.T) {
	a, b := twoRuns(t)
	m, err := Merge([]*Summary{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if m.RunID == "" || m.RunID == a.RunID || len(m.MergedFrom) != 2 || m.MergedFrom[0] != a.RunID || m.MergedFrom[1] != b.RunID {
		t.Errorf("run_id %q merged_from %q; want a new id and [%s %s]", m.RunID, m.MergedFrom, a.RunID, b.RunID)
	}
	if _, err := Merge([]*Summary{a, b, a}); err == nil || !strings.Contains(err.Error(), "runs 1 and 3 are the same run") {
		t.Errorf("merging a twice: %v", err)
	}
	old := *a
	old.RunID = "" // a summary from before run ids: told by start, seed, shard and counts
	if _, err := Merge([]*Summary{&old, &old}); err == nil {
		t.Error("merging an id-less run twice succeeded")
	}
}
