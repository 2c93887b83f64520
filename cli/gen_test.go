package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestGenJSONLinesIsDeterministicAndValid(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	for _, out := range []string{a, b} {
		if code, _, errOut := cli(t, "gen", "mixed", "-n", "50", "--seed", "7", "--partitions", "3", "-o", out); code != 0 {
			t.Fatalf("gen: exit %d: %s", code, errOut)
		}
	}
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if len(da) == 0 || string(da) != string(db) {
		t.Fatal("the same seed gave different corpora")
	}
	if n := strings.Count(string(da), "\n"); n != 50 {
		t.Errorf("%d lines, want 50", n)
	}
	code, out, errOut := cli(t, "validate", "--partitions", "3", a)
	if code != 0 || !strings.HasPrefix(out, "50 events valid") {
		t.Errorf("validate: exit %d\n%s%s", code, out, errOut)
	}
}

func TestGenDirectoryAndShards(t *testing.T) {
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole") + "/"
	if code, _, errOut := cli(t, "gen", "clicks", "-n", "12", "--partitions", "4", "-o", whole); code != 0 {
		t.Fatal(errOut)
	}
	files, _ := filepath.Glob(filepath.Join(whole, "event-*.json"))
	if len(files) != 12 {
		t.Fatalf("%d files, want 12", len(files))
	}
	// A smaller corpus into the same directory leaves no stale files.
	if code, _, errOut := cli(t, "gen", "clicks", "-n", "5", "--partitions", "4", "-o", whole); code != 0 {
		t.Fatal(errOut)
	}
	files, _ = filepath.Glob(filepath.Join(whole, "event-*.json"))
	if len(files) != 5 {
		t.Errorf("%d files after regenerating 5, want 5", len(files))
	}
	if code, out, errOut := cli(t, "validate", "--partitions", "4", whole); code != 0 {
		t.Errorf("validate dir: %s%s", out, errOut)
	}
	// Two shards validate on their own and hold events of their partitions only.
	for _, shard := range []string{"0/2", "1/2"} {
		out := filepath.Join(dir, "s"+shard[:1]+".jsonl")
		if code, _, errOut := cli(t, "gen", "clicks", "-n", "10", "--partitions", "4", "--shard", shard, "-o", out); code != 0 {
			t.Fatal(errOut)
		}
		data, _ := os.ReadFile(out)
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			p := line[strings.Index(line, "shardId-")+17] - '0'
			if int(p)%2 != int(shard[0]-'0') {
				t.Errorf("shard %s holds partition %d", shard, p)
			}
		}
	}
}

func TestValidateReportsFileLineAndPath(t *testing.T) {
	dir := t.TempDir()
	good := `{"ShardID":"shardId-0000000000","Message":{"next_partition_cursor":"eyJnZXRJdGVyYXRvclBhcmFtIjp7InN0cmVhbS1uYW1lIjoiZGlzLXN3dGVzdCIsInBhcnRpdGlvbi1pZCI6InNoYXJkSWQtMDAwMDAwMDAwMCIsImN1cnNvci10eXBlIjoiVFJJTV9IT1JJWk9OIiwic3RhcnRpbmctc2VxdWVuY2UtbnVtYmVyIjoiMSJ9LCJnZW5lcmF0ZVRpbWVzdGFtcCI6MTUwOTYwNjM5MjE5MX0","records":[{"partition_key":"k","data":"d2VsY29tZQ==","sequence_number":"0"}],"millis_behind_latest":""},"Tag":"latest","StreamName":"dis-swtest"}`
	bad := strings.Replace(good, `"sequence_number":"0"`, `"sequence_number":0`, 1)
	bad = strings.Replace(bad, `"d2VsY29tZQ=="`, `"not base64!"`, 1)
	path := filepath.Join(dir, "events.jsonl")
	if err := os.WriteFile(path, []byte(good+"\n"+bad+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, "validate", path)
	if code != exitError {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{
		path + ":2: Message.records[0].data:",
		path + ":2: Message.records[0].sequence_number:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "1 of 2 events") {
		t.Errorf("stderr %q", errOut)
	}
}

// TestGenShardsUnionIsTheWhole: gen -n N --shard I/3 for I = 0, 1, 2 are
// together exactly gen -n N, byte for byte after sorting (issue 13.4).
func TestGenShardsUnionIsTheWhole(t *testing.T) {
	dir := t.TempDir()
	gen := func(out string, extra ...string) []string {
		t.Helper()
		args := append([]string{"gen", "clicks", "-n", "600", "--partitions", "6", "--batch", "2", "-o", out}, extra...)
		if code, _, errOut := cli(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	}
	whole := gen(filepath.Join(dir, "whole.jsonl"))
	var union []string
	for i := range 3 {
		part := gen(filepath.Join(dir, fmt.Sprintf("shard%d.jsonl", i)), "--shard", fmt.Sprintf("%d/3", i))
		if len(part) == 0 || len(part) == len(whole) {
			t.Errorf("shard %d/3 holds %d of %d events", i, len(part), len(whole))
		}
		union = append(union, part...)
	}
	slices.Sort(whole)
	slices.Sort(union)
	if len(whole) != 600 || !slices.Equal(whole, union) {
		t.Errorf("the shards hold %d events, gen -n 600 %d; equal after sorting: %v", len(union), len(whole), slices.Equal(whole, union))
	}
}

// TestValidateCorporaOfTwoStreams: the README's two gen commands and the
// validate of both corpora together (issue 13.7).
func TestValidateCorporaOfTwoStreams(t *testing.T) {
	dir := t.TempDir()
	clicks, events := filepath.Join(dir, "clicks.jsonl"), filepath.Join(dir, "events")+"/"
	for _, args := range [][]string{
		{"gen", "clicks", "-n", "1000", "-o", clicks},
		{"gen", "transactions", "-n", "20", "--seed", "7", "-o", events},
	} {
		if code, _, errOut := cli(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
	}
	code, out, errOut := cli(t, "validate", clicks, events)
	if code != 0 || !strings.HasPrefix(out, "1020 events valid") {
		t.Errorf("validate: exit %d\n%s%s", code, out, errOut)
	}
	// One stream's corpus given twice repeats its sequence numbers.
	if code, out, _ := cli(t, "validate", clicks, clicks); code != exitError || !strings.Contains(out, "partition continues from") {
		t.Errorf("validate of one corpus twice: exit %d, want 1 with a sequence problem\n%s", code, out)
	}
}
