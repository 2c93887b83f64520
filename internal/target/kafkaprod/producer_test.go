package kafkaprod

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/kafka"
)

const (
	testUser = "loader"
	testPass = "s3cret-PASSWORD-do-not-print"
	topic    = "events"
	nparts   = 4
)

// cluster starts an in-process Kafka on 127.0.0.1 that requires SASL with
// mech, holding the topic with nparts partitions; it stops with the test.
func cluster(t *testing.T, mech Mechanism) *kfake.Cluster {
	t.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.EnableSASL(),
		kfake.Superuser(string(mech), testUser, testPass), kfake.SeedTopics(nparts, topic))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// consumeAll reads the whole topic back: per key, the partitions it was
// found on; per value, how often.
func consumeAll(t *testing.T, c *kfake.Cluster, mech Mechanism, want int) (keyParts map[string]map[int32]bool, values map[string]int) {
	t.Helper()
	o := Options{Brokers: c.ListenAddrs(), Topic: topic, User: testUser, Password: testPass, Mechanism: mech}
	opts, err := o.clientOpts()
	if err != nil {
		t.Fatal(err)
	}
	opts = append(opts, kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	keyParts, values = map[string]map[int32]bool{}, map[string]int{}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	n := 0
	for n < want {
		fs := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			t.Fatalf("consumed %d records, want %d", n, want)
		}
		fs.EachError(func(_ string, _ int32, err error) { t.Fatalf("fetch: %v", err) })
		fs.EachRecord(func(r *kgo.Record) {
			n++
			k := string(r.Key)
			if keyParts[k] == nil {
				keyParts[k] = map[int32]bool{}
			}
			keyParts[k][r.Partition] = true
			values[string(r.Value)]++
		})
	}
	// Nothing more than want: one more short poll finds no record.
	short, cancel2 := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel2()
	if extra := cl.PollFetches(short).NumRecords(); extra > 0 {
		t.Fatalf("%d records beyond the %d acknowledged", extra, want)
	}
	return keyParts, values
}

func TestProduceAndConsumeBack(t *testing.T) {
	for _, mech := range []Mechanism{MechanismPlain, MechanismScramSHA256, MechanismScramSHA512} {
		t.Run(string(mech), func(t *testing.T) {
			c := cluster(t, mech)
			p, err := New(Options{Brokers: c.ListenAddrs(), Topic: topic, User: testUser, Password: testPass,
				Mechanism: mech, Timeout: 10 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			ctx := context.Background()
			if err := p.Start(ctx); err != nil {
				t.Fatal(err)
			}
			const n = 200
			for i := range n {
				ev := &harness.Event{Key: fmt.Appendf(nil, "user-%d", i%17), Payload: fmt.Appendf(nil, `{"n":%d}`, i)}
				if out := p.Invoke(ctx, ev); !out.OK() {
					t.Fatalf("record %d: %s: %s", i, out.Class, out.Message)
				}
			}
			keyParts, values := consumeAll(t, c, mech, n)
			if len(values) != n {
				t.Fatalf("%d distinct values, want %d", len(values), n)
			}
			for v, count := range values {
				if count != 1 {
					t.Errorf("value %s consumed %d times", v, count)
				}
			}
			for k, parts := range keyParts {
				if len(parts) != 1 {
					t.Errorf("key %s on partitions %v", k, parts)
				}
				for part := range parts {
					if want := kafka.PartitionForKey([]byte(k), nparts); int(part) != want {
						t.Errorf("key %s on partition %d, Kafka's default partitioner says %d", k, part, want)
					}
				}
			}
		})
	}
}

func TestStartRefusals(t *testing.T) {
	c := cluster(t, MechanismPlain)
	tests := []struct {
		name string
		o    Options
		want string
	}{
		{"wrong password", Options{User: testUser, Password: "wrong-password-xyz"}, `SASL PLAIN as user "loader"`},
		{"wrong mechanism", Options{User: testUser, Password: testPass, Mechanism: MechanismScramSHA512}, `SASL SCRAM-SHA-512 as user "loader"`},
		{"no SASL", Options{}, "brokers:"},
		{"unknown topic", Options{User: testUser, Password: testPass, Topic: "nope"}, `topic "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.o.Brokers = c.ListenAddrs()
			if tt.o.Topic == "" {
				tt.o.Topic = topic
			}
			p, err := New(tt.o)
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			err = p.Start(ctx)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Start = %v, want %q", err, tt.want)
			}
			for _, secret := range []string{testPass, tt.o.Password} {
				if secret != "" && strings.Contains(err.Error(), secret) {
					t.Fatalf("the error holds the password: %v", err)
				}
			}
		})
	}
}

func TestOptionsCheck(t *testing.T) {
	tests := []struct {
		o    Options
		want string
	}{
		{Options{Topic: "t"}, "--brokers: at least one"},
		{Options{Brokers: []string{"host"}, Topic: "t"}, `--brokers: "host": want host:port`},
		{Options{Brokers: []string{"h:1"}}, "--topic: required"},
		{Options{Brokers: []string{"h:1"}, Topic: "t", Acks: "2"}, `--acks: "2"`},
		{Options{Brokers: []string{"h:1"}, Topic: "t", Mechanism: "GSSAPI"}, `--sasl-mechanism: "GSSAPI"`},
		{Options{Brokers: []string{"h:1"}, Topic: "t", User: "u"}, "--sasl-password-env: the SASL user needs a password"},
		{Options{Brokers: []string{"h:1"}, Topic: "t", CAFile: "/nonexistent/ca.pem"}, "--tls-ca:"},
	}
	for _, tt := range tests {
		_, err := New(tt.o)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("New(%+v) = %v, want %q", tt.o, err, tt.want)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		err  error
		want harness.Class
	}{
		{context.DeadlineExceeded, harness.ClassTimeout},
		{kgo.ErrRecordTimeout, harness.ClassTimeout},
		{context.Canceled, harness.ClassCanceled},
		{fmt.Errorf("x: %w", errNotLeader()), harness.ClassKafka},
		{kerr.SaslAuthenticationFailed, harness.ClassAuth},
		{fmt.Errorf("dial tcp 127.0.0.1:1: connect: connection refused"), harness.ClassConnect},
		{fmt.Errorf("something else"), harness.ClassProduce},
	}
	for _, tt := range tests {
		if got := Classify(tt.err); got != tt.want {
			t.Errorf("Classify(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func errNotLeader() error { return kerr.NotLeaderForPartition }

// TestPartitionerMatchesFranzGo: the generator's key placement for Kafka
// (kafka.PartitionForKey) is the partition franz-go's StickyKeyPartitioner,
// which produce uses, gives every keyed record.
func TestPartitionerMatchesFranzGo(t *testing.T) {
	for _, n := range []int{1, 3, 4, 12, 100} {
		tp := kgo.StickyKeyPartitioner(nil).ForTopic("t")
		for i := range 2000 {
			key := fmt.Appendf(nil, "user-%06d", i)
			if i%7 == 0 {
				key = fmt.Appendf(nil, "ключ-\xff-%d", i)
			}
			got := tp.Partition(&kgo.Record{Key: key}, n)
			if want := kafka.PartitionForKey(key, n); got != want {
				t.Fatalf("key %q of %d partitions: franz-go %d, kafka.PartitionForKey %d", key, n, got, want)
			}
		}
	}
}
