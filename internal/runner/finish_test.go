package runner

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/reports"
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

// runInfoInternal are the fields of harness.RunInfo deliberately left out
// of summary.json, and why.
var runInfoInternal = map[string]string{
	"Sent":    "events.sent is the collector's count of the same deliveries",
	"Dropped": "events.dropped is the collector's count of the same events",
}

// TestRunInfoReachesSummary: every field of the engine's account of a run
// reaches summary.json (or is listed as internal, with the reason): a
// field added to harness.RunInfo and dropped on the way fails here.
func TestRunInfoReachesSummary(t *testing.T) {
	summaryJSON := func(info *harness.RunInfo) string {
		sum := reports.NewSummary(*loadFacts(info), nil)
		engineFigures(sum, info)
		sum.RunID = "" // random
		b, err := json.Marshal(sum)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	base := summaryJSON(&harness.RunInfo{})
	typ := reflect.TypeFor[harness.RunInfo]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if _, internal := runInfoInternal[f.Name]; internal {
			continue
		}
		var info harness.RunInfo
		setNonZero(t, f.Name, reflect.ValueOf(&info).Elem().Field(i))
		if summaryJSON(&info) == base {
			t.Errorf("harness.RunInfo.%s does not reach summary.json: map it in finish.go, or list it in runInfoInternal with the reason", f.Name)
		}
	}
}

// setNonZero sets v to a value that is not its zero value.
func setNonZero(t *testing.T, name string, v reflect.Value) {
	t.Helper()
	switch {
	case v.Type() == reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(time.Date(2025, 3, 14, 9, 26, 53, 589_000_000, time.UTC)))
	case v.CanInt():
		v.SetInt(1_500_000_000) // 1.5 s as a duration
	case v.CanFloat():
		v.SetFloat(123.5)
	case v.Kind() == reflect.Bool:
		v.SetBool(true)
	case v.Kind() == reflect.String:
		v.SetString("pacer finished")
	default:
		t.Fatalf("RunInfo.%s: a %s; teach setNonZero its kind", name, v.Type())
	}
}
