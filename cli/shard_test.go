package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/disload/disload/internal/reports"
)

// eventSink is a local HTTP endpoint that keeps the identity of every event
// it receives: its partition and first sequence number.
type eventSink struct {
	mu     sync.Mutex
	events map[string]int // "shardId-…/seq" → times received
}

func newEventSink(t *testing.T) (*eventSink, string) {
	s := &eventSink{events: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var ev struct {
			ShardID string
			Message struct {
				Records []struct {
					Seq string `json:"sequence_number"`
				} `json:"records"`
			}
		}
		if err := json.Unmarshal(body, &ev); err != nil || len(ev.Message.Records) == 0 {
			http.Error(w, "bad event", http.StatusBadRequest)
			return
		}
		s.mu.Lock()
		s.events[ev.ShardID+"/"+ev.Message.Records[0].Seq]++
		s.mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	return s, srv.URL
}

func (s *eventSink) take() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	got := s.events
	s.events = map[string]int{}
	return got
}

// TestShardsMergeToOneRun runs a stream as one process and as 3 shard
// processes, merges the shards' results, and checks that the shards sent
// exactly the one run's events and that the merged counts equal its counts.
func TestShardsMergeToOneRun(t *testing.T) {
	bin := disloadBinary(t)
	sink, url := newEventSink(t)
	dir := t.TempDir()
	args := []string{"run", "mixed", "-t", url, "--mode", "closed", "-c", "4", "-d", "30s",
		"--max-events", "300", "--partitions", "5", "--batch", "3", "--no-progress"}
	runProc := func(out string, extra ...string) {
		t.Helper()
		cmd := exec.Command(bin, append(append(slices.Clone(args), "-o", out), extra...)...)
		// The built-in scenario's latency threshold may be crossed on a
		// busy machine (exit 99): this test is about counts.
		if b, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() != exitThreshold {
			t.Fatalf("%v: %v\n%s", cmd.Args, err, b)
		}
	}
	runProc(filepath.Join(dir, "whole"))
	whole := sink.take()
	var outs []string
	var wg sync.WaitGroup
	for i := range 3 {
		out := filepath.Join(dir, fmt.Sprintf("shard-%d", i))
		outs = append(outs, out)
		wg.Add(1)
		go func() { defer wg.Done(); runProc(out, "--shard", fmt.Sprintf("%d/3", i)) }()
	}
	wg.Wait()
	shards := sink.take()
	if len(whole) != 300 || !maps.Equal(whole, shards) {
		for _, out := range append(outs, filepath.Join(dir, "whole")) {
			if s, err := reports.ReadSummary(out); err == nil {
				t.Logf("%s: events %+v, errors %+v", filepath.Base(out), s.Events, s.Errors)
			}
		}
		t.Fatalf("one run sent %d distinct events, the shards %d; equal sets: %v", len(whole), len(shards), maps.Equal(whole, shards))
	}
	merged := filepath.Join(dir, "merged")
	if code, _, errOut := cli(t, append([]string{"merge", "-o", merged}, outs...)...); code != 0 && code != exitThreshold {
		t.Fatalf("merge: exit %d: %s", code, errOut)
	}
	m, err := reports.ReadSummary(merged)
	if err != nil {
		t.Fatal(err)
	}
	w, err := reports.ReadSummary(filepath.Join(dir, "whole"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Events != w.Events || m.Records != w.Records || m.PayloadBytes != w.PayloadBytes {
		t.Errorf("merged events %+v records %d bytes %d; one run %+v %d %d",
			m.Events, m.Records, m.PayloadBytes, w.Events, w.Records, w.PayloadBytes)
	}
}
