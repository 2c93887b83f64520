// Package kafkaprod is the target of `disload produce`: it writes each
// record the loop engine hands it into a real Kafka topic with franz-go and
// reports its acknowledgement, so produce reuses the engine's pacing,
// coordinated-omission-corrected latency, reports and thresholds.
package kafkaprod

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

// Acks is how many replicas must have a record before the broker
// acknowledges it.
type Acks string

// Acks settings.
const (
	// AcksAll waits for every in-sync replica (idempotent: no duplicates).
	AcksAll Acks = "all"
	// AcksLeader waits for the partition leader only.
	AcksLeader Acks = "leader"
	// AcksNone does not wait: a record counts as acknowledged once sent.
	AcksNone Acks = "none"
)

// Mechanism is a SASL mechanism.
type Mechanism string

// SASL mechanisms.
const (
	MechanismPlain       Mechanism = "PLAIN"
	MechanismScramSHA256 Mechanism = "SCRAM-SHA-256"
	MechanismScramSHA512 Mechanism = "SCRAM-SHA-512"
)

// Options configure a producer.
type Options struct {
	Brokers []string // host:port of one or more seed brokers
	Topic   string
	Acks    Acks // default all
	// SASL: User empty means no SASL. Password is the secret itself; it is
	// never written anywhere (messages name the mechanism and user only).
	Mechanism Mechanism // default PLAIN when User is set
	User      string
	Password  string
	// TLS turns TLS on with the system's roots; CAFile (PEM) turns it on
	// with those roots instead.
	TLS    bool
	CAFile string
	// Timeout bounds one record's delivery, retries included (default 30s).
	Timeout time.Duration
}

// check reports every problem of o, naming the flag.
func (o *Options) check() error {
	var errs []error
	if len(o.Brokers) == 0 {
		errs = append(errs, errors.New("--brokers: at least one host:port is required"))
	}
	for _, b := range o.Brokers {
		if i := strings.LastIndexByte(b, ':'); i <= 0 || i == len(b)-1 {
			errs = append(errs, fmt.Errorf("--brokers: %q: want host:port", b))
		}
	}
	if o.Topic == "" {
		errs = append(errs, errors.New("--topic: required"))
	}
	switch o.Acks {
	case "", AcksAll, AcksLeader, AcksNone:
	default:
		errs = append(errs, fmt.Errorf("--acks: %q: want all, leader or none", o.Acks))
	}
	switch o.Mechanism {
	case "", MechanismPlain, MechanismScramSHA256, MechanismScramSHA512:
	default:
		errs = append(errs, fmt.Errorf("--sasl-mechanism: %q: want PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512", o.Mechanism))
	}
	if o.User != "" && o.Password == "" {
		errs = append(errs, errors.New("--sasl-password-env: the SASL user needs a password"))
	}
	return errors.Join(errs...)
}

// clientOpts turns o into franz-go options.
func (o *Options) clientOpts() ([]kgo.Opt, error) {
	opts := []kgo.Opt{
		kgo.SeedBrokers(o.Brokers...),
		kgo.DefaultProduceTopic(o.Topic),
		// Kafka's default partitioner for keyed records: murmur2 of the key.
		kgo.RecordPartitioner(kgo.StickyKeyPartitioner(nil)),
		kgo.RecordDeliveryTimeout(o.Timeout),
		kgo.ProducerLinger(0),
	}
	switch o.Acks {
	case AcksLeader:
		opts = append(opts, kgo.RequiredAcks(kgo.LeaderAck()), kgo.DisableIdempotentWrite())
	case AcksNone:
		opts = append(opts, kgo.RequiredAcks(kgo.NoAck()), kgo.DisableIdempotentWrite())
	default:
		opts = append(opts, kgo.RequiredAcks(kgo.AllISRAcks()))
	}
	if o.User != "" {
		opts = append(opts, kgo.SASL(o.mechanism()))
	}
	if o.TLS || o.CAFile != "" {
		cfg, err := o.tlsConfig()
		if err != nil {
			return nil, err
		}
		opts = append(opts, kgo.DialTLSConfig(cfg))
	}
	return opts, nil
}

// mechanism is the SASL mechanism with o's credentials.
func (o *Options) mechanism() sasl.Mechanism {
	switch o.Mechanism {
	case MechanismScramSHA256:
		return scram.Auth{User: o.User, Pass: o.Password}.AsSha256Mechanism()
	case MechanismScramSHA512:
		return scram.Auth{User: o.User, Pass: o.Password}.AsSha512Mechanism()
	}
	return plain.Auth{User: o.User, Pass: o.Password}.AsMechanism()
}

// tlsConfig trusts the system's roots or those of CAFile.
func (o *Options) tlsConfig() (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if o.CAFile == "" {
		return cfg, nil
	}
	pem, err := os.ReadFile(o.CAFile)
	if err != nil {
		return nil, fmt.Errorf("--tls-ca: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("--tls-ca: %s holds no PEM certificate", o.CAFile)
	}
	cfg.RootCAs = pool
	return cfg, nil
}
