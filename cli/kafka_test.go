package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// checkKafkaCorpus reads a JSON-lines corpus of Kafka events with
// encoding/json only and holds each to docs/PROTOCOL.md §6: exactly the six
// keys with their JSON types, trigger_type, and messages that parse as JSON
// records of kind. It returns the number of events.
func checkKafkaCorpus(t *testing.T, path, trigger, kind string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 8<<20)
	for sc.Scan() {
		n++
		var ev map[string]any
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.UseNumber()
		if err := dec.Decode(&ev); err != nil {
			t.Fatalf("event %d: %v", n, err)
		}
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range ev {
				if !yield(k) {
					return
				}
			}
		})
		if want := []string{"event_time", "event_version", "instance_id", "records", "region", "trigger_type"}; !slices.Equal(keys, want) {
			t.Fatalf("event %d: keys %v, want %v", n, keys, want)
		}
		if _, ok := ev["event_time"].(json.Number); !ok {
			t.Fatalf("event %d: event_time %v is not a number", n, ev["event_time"])
		}
		if ev["event_version"] != "v1.0" || ev["trigger_type"] != trigger {
			t.Fatalf("event %d: event_version %v, trigger_type %v", n, ev["event_version"], ev["trigger_type"])
		}
		for _, k := range []string{"region", "instance_id"} {
			if s, ok := ev[k].(string); !ok || s == "" {
				t.Fatalf("event %d: %s %v", n, k, ev[k])
			}
		}
		records, ok := ev["records"].([]any)
		if !ok || len(records) == 0 {
			t.Fatalf("event %d: records %v", n, ev["records"])
		}
		for _, r := range records {
			rec, _ := r.(map[string]any)
			if len(rec) != 2 {
				t.Fatalf("event %d: records entry %v", n, r)
			}
			if s, ok := rec["topic_id"].(string); !ok || s == "" {
				t.Fatalf("event %d: topic_id %v", n, rec["topic_id"])
			}
			msgs, ok := rec["messages"].([]any)
			if !ok || len(msgs) == 0 {
				t.Fatalf("event %d: messages %v", n, rec["messages"])
			}
			for _, m := range msgs {
				s, ok := m.(string)
				var body map[string]any
				if !ok || json.Unmarshal([]byte(s), &body) != nil || body["type"] != kind {
					t.Fatalf("event %d: message %.120v is not a %s record", n, m, kind)
				}
			}
		}
	}
	return n
}

// TestGenKafkaBar is the bar: gen clicks --stream-type kafka -n 50
// writes events an independent checker accepts, validate accepts them and
// rejects a broken one with its path.
func TestGenKafkaBar(t *testing.T) {
	for _, st := range []string{"kafka", "rocketmq"} {
		t.Run(st, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "k.jsonl")
			if code, _, errOut := cli(t, "gen", "clicks", "--stream-type", st, "-n", "50", "-o", out); code != 0 {
				t.Fatalf("gen: exit %d: %s", code, errOut)
			}
			if n := checkKafkaCorpus(t, out, strings.ToUpper(st), "click"); n != 50 {
				t.Fatalf("%d events, want 50", n)
			}
			code, stdout, errOut := cli(t, "validate", out)
			if code != 0 || !strings.HasPrefix(stdout, "50 Kafka/RocketMQ events valid") {
				t.Fatalf("validate: exit %d\n%s%s", code, stdout, errOut)
			}
			data, _ := os.ReadFile(out)
			broken := regexp.MustCompile(`"event_time":(\d+)`).ReplaceAll(data, []byte(`"event_time":"$1"`))
			bad := filepath.Join(t.TempDir(), "bad.jsonl")
			if err := os.WriteFile(bad, broken, 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, _ = cli(t, "validate", bad)
			if code != 1 || !strings.Contains(stdout, "bad.jsonl:1: event_time: want Unix seconds as a JSON number, got a string") {
				t.Fatalf("validate broken: exit %d\n%s", code, stdout)
			}
		})
	}
}

func TestGenStreamTypeErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"gen", "clicks", "--stream-type", "kinesis", "-n", "1", "-o", "x.jsonl"}, `--stream-type: stream.type: unknown stream type "kinesis"`},
		{[]string{"gen", "clicks", "--stream-type", "kafka", "--batch", "1001", "-n", "1", "-o", "x.jsonl"}, "--batch: batch.size: 1001 is above 1000"},
	}
	for _, tt := range tests {
		code, _, errOut := cli(t, tt.args...)
		if code == 0 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tt.args, code, errOut, tt.want)
		}
	}
}

// TestRunKafkaEvents: open and closed loops and trigger mode send Kafka
// events, which the in-process json handler decodes message by message.
func TestRunKafkaEvents(t *testing.T) {
	for _, mode := range []string{"open", "closed", "trigger"} {
		code, stdout, errOut := cli(t, "run", "clicks", "--stream-type", "kafka", "--mode", mode, "-r", "200/s", "-d", "300ms",
			"-t", "inproc:json", "--batch", "5", "--no-progress", "--out-format", "json", "--threshold", "error_rate<0.01%")
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s\n%s", mode, code, stdout, errOut)
		}
		var sum struct {
			Events struct{ OK, Failed int64 } `json:"events"`
		}
		if err := json.Unmarshal([]byte(stdout), &sum); err != nil || sum.Events.OK == 0 || sum.Events.Failed != 0 {
			t.Fatalf("%s: events %+v (%v)\n%s", mode, sum.Events, err, stdout)
		}
	}
}
