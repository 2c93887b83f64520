package disload_test

import (
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
)

// docsKafkaPassword is the SASL password of the docs test's SASL broker,
// handed to the README's commands as $KAFKA_PASSWORD.
const docsKafkaPassword = "docs-test-password"

// docsKafka starts the brokers the README's produce examples name, on
// random 127.0.0.1 ports: 127.0.0.1:9092 without SASL and 127.0.0.1:9093
// with SCRAM-SHA-512 (user loader), each holding the topics clicks and
// payments on 4 partitions. It returns the replacer that points the
// commands at them and the environment entry with the password.
func docsKafka(t *testing.T) (*strings.Replacer, string) {
	t.Helper()
	plain, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(4, "clicks", "payments"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(plain.Close)
	sasl, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.EnableSASL(),
		kfake.Superuser("SCRAM-SHA-512", "loader", docsKafkaPassword), kfake.SeedTopics(4, "clicks", "payments"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sasl.Close)
	r := strings.NewReplacer("127.0.0.1:9092", plain.ListenAddrs()[0], "127.0.0.1:9093", sasl.ListenAddrs()[0])
	return r, "KAFKA_PASSWORD=" + docsKafkaPassword
}
