package main

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"sync"
)

// counts is what the process saw; written as JSON for the tests.
type counts struct {
	Calls         int64 `json:"calls"`          // handled (non-empty payload)
	Valid         int64 `json:"valid"`          // events that decoded fully
	Invalid       int64 `json:"invalid"`        // events that did not
	Records       int64 `json:"records"`        // records in valid events
	Bytes         int64 `json:"bytes"`          // base64-decoded record bytes
	WithID        int64 `json:"with_id"`        // calls with X-CFF-Request-Id
	UniqueIDs     int64 `json:"unique_ids"`     // distinct request ids
	HeadersOK     int64 `json:"headers_ok"`     // calls carrying every FN_EXPECT_HEADERS
	Async         int64 `json:"async"`          // calls with X-CFF-Invoke-Type: async
	MaxConcurrent int64 `json:"max_concurrent"` // calls running at once, at most
}

// stats gathers counts under one lock.
type stats struct {
	mu       sync.Mutex
	c        counts
	ids      map[string]struct{}
	inflight int64
}

func newStats() *stats { return &stats{ids: map[string]struct{}{}} }

// begin records a call and returns its number (from 1).
func (s *stats) begin(req *InvokeRequest, k *knobs, async bool) int64 {
	var ev *eventStat
	if !k.noop {
		ev = validate(req.Payload)
	}
	rid := req.Header.Get("X-CFF-Request-Id")
	hdrOK := true
	for name, v := range k.expect {
		hdrOK = hdrOK && req.Header.Get(name) == v
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.c.Calls++
	s.inflight++
	s.c.MaxConcurrent = max(s.c.MaxConcurrent, s.inflight)
	if ev != nil {
		s.c.Valid++
		s.c.Records += ev.records
		s.c.Bytes += ev.bytes
	} else if !k.noop {
		s.c.Invalid++
	}
	if rid != "" {
		s.c.WithID++
		if _, dup := s.ids[rid]; !dup {
			s.ids[rid] = struct{}{}
			s.c.UniqueIDs++
		}
	}
	if hdrOK {
		s.c.HeadersOK++
	}
	if async {
		s.c.Async++
	}
	return s.c.Calls
}

// end records the end of a call.
func (s *stats) end() {
	s.mu.Lock()
	s.inflight--
	s.mu.Unlock()
}

// snapshot copies the counts.
func (s *stats) snapshot() counts {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.c
}

// The DIS trigger event, as the runtime's types (no JSON tags at the top).
type (
	event struct {
		ShardID    string
		Message    message
		Tag        string
		StreamName string
	}
	message struct {
		NextPartitionCursor string   `json:"next_partition_cursor"`
		Records             []record `json:"records"`
		MillisBehindLatest  string   `json:"millis_behind_latest"`
	}
	record struct {
		PartitionKey   string `json:"partition_key"`
		Data           string `json:"data"`
		SequenceNumber string `json:"sequence_number"`
	}
)

// eventStat is what a valid event carried.
type eventStat struct{ records, bytes int64 }

// validate decodes a DIS event and every record's data; nil if invalid.
func validate(payload []byte) *eventStat {
	var ev event
	if json.Unmarshal(payload, &ev) != nil || !strings.HasPrefix(ev.ShardID, "shardId-") ||
		len(ev.ShardID) != len("shardId-")+10 || len(ev.Message.Records) == 0 || ev.StreamName == "" {
		return nil
	}
	st := &eventStat{}
	for _, r := range ev.Message.Records {
		b, err := base64.StdEncoding.DecodeString(r.Data)
		if err != nil {
			return nil
		}
		if _, err := strconv.ParseUint(r.SequenceNumber, 10, 64); err != nil {
			return nil
		}
		st.records++
		st.bytes += int64(len(b))
	}
	return st
}
