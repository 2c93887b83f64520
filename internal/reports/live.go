package reports

// LiveMetrics is what the live metrics outputs did during a run
// (--metrics-addr, --prometheus-rw, --otlp).
type LiveMetrics struct {
	Endpoint string     `json:"endpoint,omitempty"` // the /metrics endpoint's HOST:PORT
	Sinks    []LiveSink `json:"sinks,omitempty"`    // one per push sink
}

// LiveSink is one push sink's figures: pushes that failed or were dropped
// never stopped or slowed the load.
type LiveSink struct {
	Kind      string `json:"kind"`                 // prometheus-rw | otlp
	URL       string `json:"url"`                  // secrets redacted
	Pushes    int64  `json:"pushes"`               // pushes accepted by the sink
	Failures  int64  `json:"failures"`             // pushes that failed
	Dropped   int64  `json:"dropped"`              // gatherings dropped because the sink was slow
	LastError string `json:"last_error,omitempty"` // the last failure, secrets redacted
}
