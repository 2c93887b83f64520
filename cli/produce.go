package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/runner"
	"github.com/disload/disload/internal/scenarios"
	"github.com/disload/disload/internal/target/kafkaprod"
)

// produceFlags are produce's own flags; the load and report flags are
// run's (runFlags).
type produceFlags struct {
	brokers     []string
	topic       string
	acks        string
	saslUser    string
	saslPassEnv string
	saslMech    string
	tls         bool
	tlsCA       string
}

func newProduceCmd(stdout, stderr io.Writer) *cobra.Command {
	var f runFlags
	var p produceFlags
	cmd := &cobra.Command{
		Use:   "produce [SCENARIO] --brokers HOST:PORT --topic TOPIC",
		Short: "Write a scenario's records into a real Kafka topic at a set rate and report acknowledgement latency",
		Long: `produce writes the records of SCENARIO (a YAML file or a built-in name, as for
run) into a real Kafka topic, one Kafka record per generated record: the value
is the record (JSON, CSV or text as the scenario encodes it), the key its
partition key, so Kafka's default partitioner (murmur2) keeps each key on one
partition. It loads a real pipeline (DMS for Kafka or open-source Kafka, a
FunctionGraph Kafka trigger behind it) with realistic data.

Pacing is run's: open loop at --rate records/s (or the scenario's stages) with
at most --concurrency records awaiting their acknowledgement, or closed loop
with --concurrency producers; --duration, --max-events, --seed as for run (the
same seed writes the same records). The report is run's too: acknowledgement
latency from each record's scheduled send (coordinated omission corrected),
records and bytes per second, errors by class (timeout, connect, auth,
kafka: a broker's error, named), thresholds (exit 99), -o DIR with summary.json (events.ok is
the acknowledged records). Ctrl-C stops it and still writes the report; a
second Ctrl-C stops at once.

--acks all (default) waits for every in-sync replica and writes idempotently
(a record retried after a lost acknowledgement is not duplicated); leader and
none are faster and weaker. SASL: --sasl-user with --sasl-password-env naming
the environment variable that holds the password (the password is never
printed or written); --sasl-mechanism PLAIN (default), SCRAM-SHA-256 or
SCRAM-SHA-512. TLS: --tls (system roots) or --tls-ca FILE (PEM roots).`,
		Example: `  disload produce clicks --brokers 127.0.0.1:9092 --topic clicks -r 500/s -d 30s
  KAFKA_PASSWORD=... disload produce transactions --brokers b1:9093,b2:9093 --topic payments --sasl-user loader --sasl-password-env KAFKA_PASSWORD --sasl-mechanism SCRAM-SHA-512 --tls-ca ca.pem
  disload produce my-scenario.yaml --brokers 127.0.0.1:9092 --topic t --acks leader --seed 7 --max-events 10000 -o out/ --out-format json
  disload produce logs --brokers 127.0.0.1:9092 --topic logs --tls --mode closed -c 8 -d 1m --timeout 5s
  disload produce clicks --brokers 127.0.0.1:9092 --topic t -r 1000/s -c 64 --on-full drop
  disload produce clicks --brokers 127.0.0.1:9092 --topic t -r 2000/s --threshold 'p99<50ms' --threshold-abort 'error_rate<5%' --no-progress --out-format jsonl`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runProduce(cmd, args, &f, &p, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&p.brokers, "brokers", nil, "seed brokers host:port, comma-separated or repeated (required)")
	fl.StringVar(&p.topic, "topic", "", "topic to write into; it must exist (required)")
	fl.StringVar(&p.acks, "acks", "all", "all | leader | none")
	fl.StringVar(&p.saslUser, "sasl-user", "", "SASL user name")
	fl.StringVar(&p.saslPassEnv, "sasl-password-env", "", "name of the environment variable holding the SASL password, e.g. KAFKA_PASSWORD")
	fl.StringVar(&p.saslMech, "sasl-mechanism", "PLAIN", "PLAIN | SCRAM-SHA-256 | SCRAM-SHA-512")
	fl.BoolVar(&p.tls, "tls", false, "connect with TLS, trusting the system's roots")
	fl.StringVar(&p.tlsCA, "tls-ca", "", "connect with TLS, trusting the PEM certificates of this file")
	fl.StringVarP(&f.duration, "duration", "d", "", "how long to produce, e.g. 30s (default: the scenario's)")
	fl.StringVarP(&f.rate, "rate", "r", "", "records per second: 500/s, 3000/m (replaces the scenario's rate and stages)")
	fl.IntVarP(&f.concurrency, "concurrency", "c", 0, "max records awaiting acknowledgement (open) or producers (closed)")
	fl.StringVar(&f.mode, "mode", "", "open | closed")
	fl.Int64Var(&f.seed, "seed", 0, "seed of the generated records")
	fl.Int64Var(&f.maxEvents, "max-events", 0, "stop after this many records (0 = no cap)")
	fl.StringVar(&f.onFull, "on-full", "", "queue | drop: what open loop does when --concurrency records await acknowledgement")
	fl.StringVar(&f.timeout, "timeout", "", "bound of one record's delivery, retries included, e.g. 5s (default: the scenario's target timeout)")
	fl.StringVarP(&f.out, "out", "o", "", "directory for summary.json and latency.hlog")
	fl.StringArrayVar(&f.thresholds, "threshold", nil, "pass/fail expression, e.g. 'p99<50ms' (repeatable)")
	fl.StringArrayVar(&f.abortOn, "threshold-abort", nil, "a threshold that stops producing when crossed, e.g. 'error_rate<5%' (repeatable; exit 99)")
	fl.BoolVar(&f.noProgress, "no-progress", false, "no live progress line (it is shown only on a terminal anyway)")
	fl.StringVar(&f.outFormat, "out-format", "table", "stdout: table | json | csv | jsonl (as for run)")
	return cmd
}

func runProduce(cmd *cobra.Command, args []string, f *runFlags, p *produceFlags, stdout, stderr io.Writer) error {
	opts, err := p.options()
	if err != nil {
		return usageError{err}
	}
	sc, err := resolveScenario(args, runOverrides(cmd, f)...)
	if err != nil {
		return err
	}
	if sc.Load.Mode == scenarios.ModeTrigger {
		return usageError{fmt.Errorf("--mode: produce writes records in open or closed mode; the scenario's is trigger")}
	}
	// One record per send; keys placed as Kafka's default partitioner does.
	sc.Batch.Size, sc.Stream.Type = 1, generator.StreamKafka
	opts.Timeout = sc.Target.Timeout
	prod, err := kafkaprod.New(opts)
	if err != nil {
		return usageError{err}
	}
	ro := runner.Options{
		Scenario: sc, OutDir: f.out, Thresholds: f.thresholds, AbortThresholds: f.abortOn,
		Stdout: stdout, Warn: stderr, Producer: prod, ProducerSpec: produceSpec(opts),
	}
	return execute(cmd, f, ro, stdout, stderr)
}

// options builds the producer's options; the password comes from the
// environment variable named by --sasl-password-env.
func (p *produceFlags) options() (kafkaprod.Options, error) {
	o := kafkaprod.Options{
		Brokers: p.brokers, Topic: p.topic, Acks: kafkaprod.Acks(p.acks), User: p.saslUser,
		Mechanism: kafkaprod.Mechanism(strings.ToUpper(p.saslMech)), TLS: p.tls, CAFile: p.tlsCA,
	}
	switch {
	case p.saslPassEnv != "" && p.saslUser == "":
		return o, fmt.Errorf("--sasl-password-env: needs --sasl-user")
	case p.saslPassEnv != "":
		o.Password = os.Getenv(p.saslPassEnv)
		if o.Password == "" {
			return o, fmt.Errorf("--sasl-password-env: environment variable %s is unset or empty", p.saslPassEnv)
		}
	case p.saslUser != "":
		return o, fmt.Errorf("--sasl-user: needs --sasl-password-env VAR, the environment variable holding the password")
	}
	return o, nil
}

// produceSpec names the target in the report: kafka://BROKERS/TOPIC.
func produceSpec(o kafkaprod.Options) string {
	return "kafka://" + strings.Join(o.Brokers, ",") + "/" + o.Topic
}
