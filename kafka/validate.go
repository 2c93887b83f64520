package kafka

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/disload/disload/internal/jsonwalk"
	"github.com/disload/disload/internal/platform"
)

// Problem is one thing wrong with an event, found by Validate: its JSON
// path (e.g. records[1].messages[3]), what is wrong and the byte offset.
type Problem = jsonwalk.Problem

// MaxEventSize is the largest event FunctionGraph invokes a function with:
// 6 MB, read as 6 MiB (the lenient reading).
const MaxEventSize = platform.EventSize

// eventKeys are the top-level keys, in the order of the types.
var eventKeys = []string{"event_version", "event_time", "trigger_type", "region", "instance_id", "records"}

// recordKeys are the keys of a records entry.
var recordKeys = []string{"messages", "topic_id"}

// validator gathers problems while walking an event.
type validator struct {
	jsonwalk.Walker
	messages int            // messages in all records
	topics   map[string]int // topic_id → offset of its first entry
}

// Validate checks an event against docs/PROTOCOL.md §6 and returns every
// problem found, none for a valid event: exactly the six keys (matched
// case-insensitively, as the runtime's encoding/json does; unknown and
// duplicate keys are problems), event_version "v1.0", event_time Unix
// seconds as a whole JSON number, trigger_type KAFKA or ROCKETMQ, region
// and instance_id non-empty, records one entry per topic, each with a
// non-empty topic_id and messages as JSON strings, 1 to 1,000 messages in
// all, the event at most 6 MB.
func Validate(data []byte) []Problem {
	end, p := jsonwalk.FirstValue(data)
	if p != nil {
		return []Problem{*p}
	}
	v := &validator{Walker: jsonwalk.Walker{Scanner: jsonwalk.Scanner{Data: data[:end]}}, topics: map[string]int{}}
	if end > MaxEventSize {
		v.Add("", 0, "the event is %d bytes, above the %d bytes (6 MB) FunctionGraph invokes a function with", end, MaxEventSize)
	}
	v.event()
	slices.SortStableFunc(v.Problems, func(a, b Problem) int { return cmp.Compare(a.Offset, b.Offset) })
	return v.Problems
}

// object walks the object at the scanner as jsonwalk.Walker.Object does,
// calling fn with the canonical name of each known key at its value (fn
// must consume it); each missing key becomes a problem too. It reports
// false when the value is not an object.
func (v *validator) object(path string, names []string, fn func(name string)) bool {
	off, seen := v.Object(path, names, func(name string, _ int) { fn(name) })
	if seen == nil {
		return false
	}
	for _, n := range names {
		if _, ok := seen[n]; !ok {
			v.Add(jsonwalk.JoinPath(path, n), off, "missing")
		}
	}
	return true
}

// str reads a value that must be a JSON string; ok is false when it is not.
func (v *validator) str(path string) (s string, off int, ok bool) {
	k := v.Kind()
	off = v.Pos
	if k != "string" {
		v.Add(path, off, "want a JSON string, got %s", jsonwalk.Article(k))
		v.Skip()
		return "", off, false
	}
	return v.Str(), off, true
}

// nonEmpty reads a string that must not be empty.
func (v *validator) nonEmpty(path string) string {
	s, off, ok := v.str(path)
	if ok && s == "" {
		v.Add(path, off, "empty")
	}
	return s
}

// event walks the top-level object.
func (v *validator) event() {
	ok := v.object("", eventKeys, func(name string) {
		switch name {
		case "event_version":
			if s, off, ok := v.str(name); ok && s != EventVersion {
				v.Add(name, off, "want %q, got %q", EventVersion, jsonwalk.Abbrev(s))
			}
		case "event_time":
			v.eventTime()
		case "trigger_type":
			if s, off, ok := v.str(name); ok {
				if _, known := ParseTriggerType(s); !known {
					v.Add(name, off, "want \"KAFKA\" or \"ROCKETMQ\", got %q", jsonwalk.Abbrev(s))
				}
			}
		case "region", "instance_id":
			v.nonEmpty(name)
		case "records":
			v.records()
		}
	})
	if ok && (v.messages > MaxBatch) {
		v.Add("records", 0, "%d messages in all, above the batch size limit of %d", v.messages, MaxBatch)
	}
}

// eventTime checks that event_time is Unix seconds as a whole JSON number.
func (v *validator) eventTime() {
	k := v.Kind()
	off := v.Pos
	if k != "number" {
		v.Add("event_time", off, "want Unix seconds as a JSON number, got %s", jsonwalk.Article(k))
		v.Skip()
		return
	}
	v.Skip()
	lit := string(v.Data[off:v.Pos])
	n, err := strconv.ParseInt(lit, 10, 64)
	switch {
	case err != nil:
		v.Add("event_time", off, "want whole Unix seconds (int64), got %s", jsonwalk.Abbrev(lit))
	case n < 0:
		v.Add("event_time", off, "negative: %d", n)
	case n >= 1e11:
		v.Add("event_time", off, "%d looks like milliseconds: event_time is Unix seconds", n)
	}
}

// records walks the records array.
func (v *validator) records() {
	v.Array("records", "", "an event holds at least one message", func(i int) {
		v.record("records[" + strconv.Itoa(i) + "]")
	})
}

// record walks one topic's entry.
func (v *validator) record(path string) {
	v.object(path, recordKeys, func(name string) {
		switch name {
		case "topic_id":
			off := v.Pos
			topic := v.nonEmpty(path + ".topic_id")
			if first, dup := v.topics[topic]; dup && topic != "" {
				v.Add(path+".topic_id", off, "topic %q has a second entry (first at byte %d): one entry per topic", jsonwalk.Abbrev(topic), first)
			} else if topic != "" {
				v.topics[topic] = off
			}
		case "messages":
			v.messageList(path + ".messages")
		}
	})
}

// messageList walks a messages array of JSON strings.
func (v *validator) messageList(path string) {
	v.messages += v.Array(path, " of strings", "a topic's entry holds at least one message", func(i int) {
		v.str(path + "[" + strconv.Itoa(i) + "]")
	})
}
