package reports

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// identities are the ids a run stands for: its own run id and, for a
// merged run, the ids of its parts; a summary without a run id (written
// before disload kept one) stands for its start, seed, shard and counts.
func (s *Summary) identities() []string {
	if s.RunID == "" {
		return []string{"started " + s.Started.String() + " seed " + strconv.FormatInt(s.Seed, 10) +
			" shard " + s.Shard + " sent " + strconv.FormatInt(s.Events.Sent, 10) + " " + s.HDR.Response}
	}
	return append([]string{s.RunID}, s.MergedFrom...)
}

// repeatedRun returns the indexes i < j of the first two summaries that
// share a run (the same run given twice, or a merged run with one of its
// parts), ok false when all are distinct.
func repeatedRun(sums []*Summary) (i, j int, ok bool) {
	seen := map[string]int{}
	for j, s := range sums {
		for _, id := range s.identities() {
			if i, dup := seen[id]; dup && i != j {
				return i, j, true
			}
			seen[id] = j
		}
	}
	return 0, 0, false
}

// partIDs are the run ids a merge of sums adds up.
func partIDs(sums []*Summary) []string {
	var ids []string
	for _, s := range sums {
		if s.RunID != "" {
			ids = append(ids, s.RunID)
		}
		ids = append(ids, s.MergedFrom...)
	}
	return ids
}

// CheckParts refuses inputs that are not parts of one run: the same run
// given twice (by run id, or a merged run beside one of its parts) and,
// unless mixed, runs of different scenarios or modes. names name the
// inputs in errors.
func CheckParts(sums []*Summary, names []string, mixed bool) error {
	if i, j, dup := repeatedRun(sums); dup {
		return fmt.Errorf("merge: %s and %s hold the same run (run_id %s): each run must be given once",
			names[i], names[j], sums[j].RunID)
	}
	if mixed {
		return nil
	}
	for i, s := range sums[1:] {
		if s.Scenario != sums[0].Scenario || s.Mode != sums[0].Mode {
			return fmt.Errorf("merge: %s ran scenario %q in %s mode, %s scenario %q in %s mode: "+
				"they are not parts of one run (--mixed merges them anyway)",
				names[0], sums[0].Scenario, sums[0].Mode, names[i+1], s.Scenario, s.Mode)
		}
	}
	return nil
}

// realPath resolves symbolic links in path; a path that does not exist yet
// resolves through its nearest existing parent.
func realPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real, nil
	} else if !os.IsNotExist(err) {
		return "", err
	}
	parent := filepath.Dir(abs)
	if parent == abs {
		return abs, nil
	}
	real, err := realPath(parent)
	if err != nil {
		return "", err
	}
	return filepath.Join(real, filepath.Base(abs)), nil
}

// DistinctDirs refuses the output among the inputs and an input given
// twice, comparing paths with symbolic links resolved.
func DistinctDirs(out string, dirs []string) error {
	o, err := realPath(out)
	if err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	var seen []string
	for _, d := range dirs {
		real, err := realPath(d)
		if err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		if real == o {
			return fmt.Errorf("merge: output %s is one of the inputs (%s)", out, d)
		}
		if i := slices.Index(seen, real); i >= 0 {
			return fmt.Errorf("merge: %s and %s are the same directory: each run must be given once", dirs[i], d)
		}
		seen = append(seen, real)
	}
	return nil
}
