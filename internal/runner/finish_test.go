package runner

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestTargetErrorPrintsNoSecret: a target that cannot be opened is named
// in the error with its query values and password masked.
func TestTargetErrorPrintsNoSecret(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-ca.pem")
	sc := scenario(t, "name: t\ntarget:\n  url: https://user:pw-secret@127.0.0.1:1/x?api_key=sk-query-secret\n"+
		"  tls: {ca_file: "+missing+"}\nload: {rate: 1/s, duration: 1s}\n")
	_, err := Run(context.Background(), Options{Scenario: sc})
	if err == nil {
		t.Fatal("a missing CA file opened the target")
	}
	for _, secret := range []string{"sk-query-secret", "pw-secret"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error prints the secret %q: %v", secret, err)
		}
	}
	if !strings.Contains(err.Error(), "api_key=xxxxx") {
		t.Errorf("error %v: want the target named with its query masked", err)
	}
}

// TestSummaryNamesItsShard: a run under --shard I/N says so in
// summary.json's shard; a whole run leaves it out.
func TestSummaryNamesItsShard(t *testing.T) {
	cases := []struct {
		shard, shards int
		want          string
	}{{0, 0, ""}, {0, 1, ""}, {1, 3, "1/3"}, {0, 2, "0/2"}}
	for _, c := range cases {
		sc := scenario(t, "name: t\nstream: {partitions: 4}\ntarget: inproc:noop\nload: {rate: 20/s, max_events: 8}\n")
		res, err := Run(context.Background(), Options{Scenario: sc, Shard: c.shard, Shards: c.shards})
		if err != nil {
			t.Fatal(err)
		}
		if res.Summary.Shard != c.want {
			t.Errorf("shard %d of %d: summary shard %q, want %q", c.shard, c.shards, res.Summary.Shard, c.want)
		}
	}
}
