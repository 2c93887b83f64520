package scenarios

import (
	"github.com/disload/disload/internal/cost"
	"reflect"
	"testing"
	"time"

	"github.com/disload/disload/internal/generator"
)

// testEnv is the environment the testdata files expect.
func testEnv(name string) (string, bool) {
	if name == "DISLOAD_TEST_TOKEN" {
		return "tok-123", true
	}
	return "", false
}

func TestParseEveryKey(t *testing.T) {
	s := loadTestdata(t, "function.yaml")
	want := &Scenario{
		Name: "full", Description: "every key", Seed: -3,
		Stream: Stream{
			Name: "dis-full", Partitions: 12, Tag: "v2", PartitionType: PartitionAdvanced,
			SequenceOffset: 100, Dialect: DialectHuaweiSDK, Type: generator.StreamDIS,
			StartTime: time.Date(2025, 6, 30, 10, 0, 0, 5e8, time.UTC),
		},
		Records: Records{
			Kinds: []generator.KindWeight{
				{Kind: generator.KindClick, Weight: 1},
				{Kind: generator.KindLog, Weight: 2.5},
				{Kind: generator.KindCustom, Weight: 1, Template: `{"type":"order","id":"{{UUID}}"}`},
			},
			Keys:     Keys{Count: 256, Skew: 1.5},
			Encoding: generator.EncodingJSON,
			Size:     generator.SizeConfig{Min: 200, Max: 2000, Mean: 1024},
		},
		Batch: Batch{Size: 1000},
		Load: LoadConfig{
			Mode: ModeTrigger, Rate: Rate{1500}, Duration: time.Minute + 500*time.Millisecond,
			Concurrency: 10, OnFull: OnFullDrop, MaxEvents: 1_000_000, Grace: 0,
			Stages: []Stage{{time.Minute, Rate{50}}, {500 * time.Millisecond, Rate{0}}},
		},
		Trigger: Trigger{Poll: 250 * time.Millisecond, Serial: false, MaxFetchBytes: 1 << 20, Retries: 3, Iterator: IteratorLatest, ReportLag: true,
			OnFailure: OnFailureBlock, WriteLimit: WriteLimitEnforce},
		Target: Target{
			Type: TargetFunction, Path: "testdata/bin/handler", Args: []string{"-v", "--mode=fast"},
			Timeout: 1500 * time.Millisecond, InvokeType: InvokeAsync, Instances: Instances{2, 8},
			ConcurrencyPerInstance: 4, Memory: 256,
			Env:             map[string]string{"LOG_LEVEL": "debug", "TOKEN": "tok-123"},
			Userdata:        map[string]string{"region": "eu-de", "price": "12"},
			MaxRespBodySize: 1_000_000,
			Raw:             map[string]string{"env.TOKEN": "${DISLOAD_TEST_TOKEN}"},
		},
		Thresholds: []string{"p99 < 200ms", "error_rate < 1%"},
		Cost: cost.Prices{Currency: "EUR", PerMillionRequests: 0.25, PerGBs: 0.00002,
			PerPartitionHour: 0.02, PerMillionPutUnits: 0.015},
		Source: "testdata/function.yaml",
	}
	if !s.Stream.StartTime.Equal(want.Stream.StartTime) {
		t.Errorf("start_time = %v, want %v", s.Stream.StartTime, want.Stream.StartTime)
	}
	s.Stream.StartTime = want.Stream.StartTime
	if !reflect.DeepEqual(s, want) {
		t.Errorf("Parse gave\n%+v\nwant\n%+v", s, want)
	}
}

func TestParseHTTPTarget(t *testing.T) {
	s := loadTestdata(t, "http.yaml")
	want := Target{
		Type: TargetHTTP, URL: "https://user:pw@api.example.test/events", Method: "PUT",
		Headers: map[string]string{"X-Api-Key": "tok-123", "Authorization": "Bearer literal-secret", "X-Plain": "cost $5"},
		TLS:     TLS{InsecureSkipVerify: true, CAFile: "testdata/ca.pem", CertFile: "testdata/c.pem", KeyFile: "testdata/k.pem", ServerName: "api"},
		Timeout: DefaultTimeout,
		Raw:     map[string]string{"headers.X-Api-Key": "${DISLOAD_TEST_TOKEN}", "headers.X-Plain": "cost $$5"},
	}
	if !reflect.DeepEqual(s.Target, want) {
		t.Errorf("target =\n%+v\nwant\n%+v", s.Target, want)
	}
	if s.Load.Stages[0].Target != (Rate{100}) {
		t.Errorf("aliased stage target = %v, want 100/s", s.Load.Stages[0].Target)
	}
}

// loadTestdata parses testdata/name with testEnv.
func loadTestdata(t *testing.T, name string) *Scenario {
	t.Helper()
	path := "testdata/" + name
	s, err := parseFile(path, testEnv, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestTargetTypeInferred(t *testing.T) {
	tests := []struct {
		src  string
		want TargetType
		err  string
	}{
		{"target: {name: echo}", TargetInproc, ""},
		{"target: {path: ./h}", TargetFunction, ""},
		{"target: {addr: '127.0.0.1:9000'}", TargetRPC, ""},
		{"target: {url: 'http://h/'}", TargetHTTP, ""},
		{"target: {timeout: 1s}", "", "t.yaml:1:1: target.type: is required (inproc, function, rpc or http)"},
		{"target: {url: 'http://h/', path: ./h}", "", "t.yaml:1:28: target.path: only for function targets, this one is http"},
		{"target: 'inproc:'", "", `t.yaml:1:9: target: bad target "inproc:": a handler name is required, e.g. inproc:decode`},
	}
	for _, tc := range tests {
		s, err := Parse("t.yaml", []byte(tc.src+"\nload: {rate: 1/s}\n"))
		switch {
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("Parse(%q) = %v, want %q", tc.src, err, tc.err)
		case tc.err == "" && (err != nil || s.Target.Type != tc.want):
			t.Errorf("Parse(%q) = %v; want type %s", tc.src, err, tc.want)
		}
	}
}

func TestNameFromSource(t *testing.T) {
	for src, want := range map[string]string{
		"builtin:clicks": "clicks", "a/b/run.yaml": "run", "run": "run", "x.y.yml": "x.y", "<input>": "<input>",
	} {
		if got := nameFromSource(src); got != want {
			t.Errorf("nameFromSource(%q) = %q, want %q", src, got, want)
		}
	}
}
