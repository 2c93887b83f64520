package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

const (
	kUser  = "loader"
	kPass  = "Pa55-never-printed-7f3a"
	kTopic = "clicks"
)

// saslCluster starts an in-process Kafka on 127.0.0.1 that requires
// SCRAM-SHA-256, with kTopic on 4 partitions; it stops with the test.
func saslCluster(t *testing.T) *kfake.Cluster {
	t.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.EnableSASL(),
		kfake.Superuser("SCRAM-SHA-256", kUser, kPass), kfake.SeedTopics(4, kTopic))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// topicRecords consumes the whole topic: values with their counts, and per
// key the partitions it is on.
func topicRecords(t *testing.T, c *kfake.Cluster) (total int, values map[string]int, keyParts map[string]map[int32]bool) {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...),
		kgo.SASL(scram.Auth{User: kUser, Pass: kPass}.AsSha256Mechanism()),
		kgo.ConsumeTopics(kTopic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	values, keyParts = map[string]int{}, map[string]map[int32]bool{}
	// Poll until a poll finds nothing new: the topic is read to its end.
	for idle := 0; idle < 2; {
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		fs := cl.PollFetches(ctx)
		cancel()
		if fs.NumRecords() == 0 {
			idle++
			continue
		}
		idle = 0
		fs.EachRecord(func(r *kgo.Record) {
			total++
			values[string(r.Value)]++
			if keyParts[string(r.Key)] == nil {
				keyParts[string(r.Key)] = map[int32]bool{}
			}
			keyParts[string(r.Key)][r.Partition] = true
		})
	}
	return total, values, keyParts
}

// TestProduceBar is the bar: produce at 500 records/s for 3 s into
// a SASL-protected cluster; the topic then holds exactly the acknowledged
// count, no duplicates, no key on two partitions, the password in no
// output.
func TestProduceBar(t *testing.T) {
	c := saslCluster(t)
	t.Setenv("DISLOAD_TEST_KAFKA_PASSWORD", kPass)
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := cli(t, "produce", "clicks", "--brokers", strings.Join(c.ListenAddrs(), ","), "--topic", kTopic,
		"--sasl-user", kUser, "--sasl-password-env", "DISLOAD_TEST_KAFKA_PASSWORD", "--sasl-mechanism", "scram-sha-256",
		"-r", "500/s", "-d", "3s", "--no-progress", "-o", out, "--threshold", "error_rate<0.1%")
	if code != 0 {
		t.Fatalf("produce: exit %d\n%s\n%s", code, stdout, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Target string `json:"target"`
		Events struct {
			OK     int64 `json:"ok"`
			Failed int64 `json:"failed"`
		} `json:"events"`
	}
	if err := json.Unmarshal(data, &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Events.OK < 1400 {
		t.Fatalf("%d records acknowledged at 500/s for 3s, want about 1,500 (summary %s)", sum.Events.OK, data)
	}
	total, values, keyParts := topicRecords(t, c)
	if int64(total) != sum.Events.OK {
		t.Errorf("the topic holds %d records, %d were acknowledged", total, sum.Events.OK)
	}
	for v, n := range values {
		if n != 1 {
			t.Errorf("record written %d times: %.80s", n, v)
		}
	}
	for k, parts := range keyParts {
		if len(parts) != 1 {
			t.Errorf("key %s on partitions %v", k, parts)
		}
	}
	if len(keyParts) < 50 {
		t.Errorf("%d distinct keys, want the scenario's key spread", len(keyParts))
	}
	texts := []string{stdout, stderr, string(data)}
	filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(path)
			texts = append(texts, string(b))
		}
		return nil
	})
	for _, s := range texts {
		if strings.Contains(s, kPass) {
			t.Fatal("the password appears in an output")
		}
	}
	if !strings.Contains(sum.Target, "kafka://") || !strings.Contains(stdout, "kafka://") {
		t.Errorf("target %q; the table should name kafka://...:\n%s", sum.Target, stdout)
	}
}

func TestProduceRefusals(t *testing.T) {
	c := saslCluster(t)
	brokers := strings.Join(c.ListenAddrs(), ",")
	t.Setenv("DISLOAD_TEST_WRONG", "wrong-password-91x")
	t.Setenv("DISLOAD_TEST_EMPTY", "")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no brokers", []string{"--topic", kTopic}, 2, "--brokers: at least one"},
		{"no topic", []string{"--brokers", brokers}, 2, "--topic: required"},
		{"user without password", []string{"--brokers", brokers, "--topic", kTopic, "--sasl-user", kUser}, 2, "--sasl-user: needs --sasl-password-env"},
		{"empty env", []string{"--brokers", brokers, "--topic", kTopic, "--sasl-user", kUser, "--sasl-password-env", "DISLOAD_TEST_EMPTY"}, 2,
			"environment variable DISLOAD_TEST_EMPTY is unset or empty"},
		{"bad acks", []string{"--brokers", brokers, "--topic", kTopic, "--acks", "some"}, 2, `--acks: "some"`},
		{"trigger mode", []string{"--brokers", brokers, "--topic", kTopic, "--mode", "trigger", "-r", "10/s"}, 2, "--mode: produce writes records in open or closed mode"},
		{"no SASL", []string{"--brokers", brokers, "--topic", kTopic, "-d", "1s"}, 1, "brokers:"},
		{"wrong password", []string{"--brokers", brokers, "--topic", kTopic, "--sasl-user", kUser, "--sasl-password-env", "DISLOAD_TEST_WRONG",
			"--sasl-mechanism", "SCRAM-SHA-256", "-d", "1s"}, 1, `SASL SCRAM-SHA-256 as user "loader"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, append([]string{"produce", "clicks", "--no-progress"}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d, want %d; stderr %q, want %q\n%s", code, tt.code, stderr, tt.want, stdout)
			}
			if strings.Contains(stdout+stderr, "wrong-password-91x") {
				t.Fatal("the password appears in the output")
			}
		})
	}
	if total, _, _ := topicRecords(t, c); total != 0 {
		t.Errorf("refused runs wrote %d records", total)
	}
}

// TestProduceInterrupted: Ctrl-C (the context canceled) stops producing,
// exits 105 and still writes the report; every acknowledged record is in
// the topic once.
func TestProduceInterrupted(t *testing.T) {
	c := saslCluster(t)
	t.Setenv("DISLOAD_TEST_KAFKA_PASSWORD", kPass)
	out := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(1500*time.Millisecond, cancel)
	var stdout, stderr strings.Builder
	code := run(ctx, []string{"produce", "clicks", "--brokers", c.ListenAddrs()[0], "--topic", kTopic,
		"--sasl-user", kUser, "--sasl-password-env", "DISLOAD_TEST_KAFKA_PASSWORD", "--sasl-mechanism", "SCRAM-SHA-256",
		"-r", "300/s", "-d", "30s", "--no-progress", "-o", out}, &stdout, &stderr)
	if code != exitInterrupted {
		t.Fatalf("exit %d, want %d\n%s\n%s", code, exitInterrupted, stdout.String(), stderr.String())
	}
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Interrupted bool `json:"interrupted"`
		Events      struct {
			Sent int64 `json:"sent"`
			OK   int64 `json:"ok"`
		} `json:"events"`
	}
	if err := json.Unmarshal(data, &sum); err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted || sum.Events.OK == 0 {
		t.Fatalf("summary: %s", data)
	}
	total, values, _ := topicRecords(t, c)
	if int64(total) < sum.Events.OK || int64(total) > sum.Events.Sent {
		t.Errorf("the topic holds %d records; %d acknowledged of %d sent", total, sum.Events.OK, sum.Events.Sent)
	}
	for v, n := range values {
		if n != 1 {
			t.Errorf("record written %d times: %.80s", n, v)
		}
	}
}
