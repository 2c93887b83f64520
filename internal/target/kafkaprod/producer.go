package kafkaprod

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/disload/disload/internal/harness"
)

// defaultTimeout bounds a record's delivery when Options.Timeout is 0.
const defaultTimeout = 30 * time.Second

// Producer writes one record per event into a topic; Invoke returns when
// the record is acknowledged or failed. It is safe for concurrent use.
type Producer struct {
	cl    *kgo.Client
	opts  []kgo.Opt // the client's options, for Start's probe
	topic string
	user  string
	mech  Mechanism
}

// New checks o and builds the client; no connection is made before Start.
func New(o Options) (*Producer, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	if o.Timeout <= 0 {
		o.Timeout = defaultTimeout
	}
	if o.User != "" && o.Mechanism == "" {
		o.Mechanism = MechanismPlain
	}
	opts, err := o.clientOpts()
	if err != nil {
		return nil, err
	}
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, fmt.Errorf("kafka client: %w", err)
	}
	return &Producer{cl: cl, opts: opts, topic: o.Topic, user: o.User, mech: o.Mechanism}, nil
}

// Start connects, authenticates and checks that the topic exists, so that
// a wrong address, password or topic fails before the clock starts. It asks
// with a probe client that does not retry, so a refusal is reported at once.
func (p *Producer) Start(ctx context.Context) error {
	probe, err := kgo.NewClient(append(p.opts[:len(p.opts):len(p.opts)], kgo.RequestRetries(0))...)
	if err != nil {
		return fmt.Errorf("kafka client: %w", err)
	}
	defer probe.Close()
	req := kmsg.NewPtrMetadataRequest()
	t := kmsg.NewMetadataRequestTopic()
	t.Topic = kmsg.StringPtr(p.topic)
	req.Topics = append(req.Topics, t)
	resp, err := req.RequestWith(ctx, probe)
	if err != nil {
		return p.startError(err)
	}
	for _, rt := range resp.Topics {
		if err := kerr.ErrorForCode(rt.ErrorCode); err != nil {
			return fmt.Errorf("topic %q: %w", p.topic, err)
		}
		if len(rt.Partitions) == 0 {
			return fmt.Errorf("topic %q has no partitions", p.topic)
		}
	}
	return nil
}

// startError words a failure to reach or log in to the cluster.
func (p *Producer) startError(err error) error {
	switch {
	case p.user == "":
		return fmt.Errorf("brokers: %w", err)
	case Classify(err) == harness.ClassAuth:
		return fmt.Errorf("SASL %s as user %q refused: %w", p.mech, p.user, err)
	}
	// Some brokers close the connection on a failed login instead of
	// answering SASL_AUTHENTICATION_FAILED.
	return fmt.Errorf("brokers: %w (logging in with SASL %s as user %q: a wrong password or mechanism also ends so)", err, p.mech, p.user)
}

// Invoke writes ev's record (Key, Payload) and waits for its
// acknowledgement. Key and value are copied: the engine may reuse the
// event's buffers once Invoke returns, even if a record is still retried.
func (p *Producer) Invoke(ctx context.Context, ev *harness.Event) harness.Outcome {
	rec := &kgo.Record{Value: append([]byte(nil), ev.Payload...)}
	if ev.Key != nil {
		rec.Key = append([]byte(nil), ev.Key...)
	}
	if err := p.cl.ProduceSync(ctx, rec).FirstErr(); err != nil {
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			return harness.Outcome{Class: ctxClass(ctx), Message: err.Error()}
		}
		return harness.Outcome{Class: Classify(err), Message: err.Error()}
	}
	return harness.Outcome{}
}

// ctxClass is the class of a delivery whose context ended.
func ctxClass(ctx context.Context) harness.Class {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return harness.ClassTimeout
	}
	return harness.ClassCanceled
}

// Close flushes nothing (Invoke waits for every record) and disconnects.
func (p *Producer) Close() error {
	p.cl.Close()
	return nil
}

// Classify names the class of a produce error: timeout, canceled, auth,
// kafka (a broker's error answer), connect or produce.
func Classify(err error) harness.Class {
	var ke *kerr.Error
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, kgo.ErrRecordTimeout):
		return harness.ClassTimeout
	case errors.Is(err, context.Canceled):
		return harness.ClassCanceled
	case errors.As(err, &ke):
		if ke.Code == kerr.SaslAuthenticationFailed.Code || ke.Code == kerr.IllegalSaslState.Code ||
			ke.Code == kerr.UnsupportedSaslMechanism.Code {
			return harness.ClassAuth
		}
		return harness.ClassKafka
	case errors.As(err, &ne), strings.Contains(err.Error(), "connection refused"):
		return harness.ClassConnect
	}
	return harness.ClassProduce
}
