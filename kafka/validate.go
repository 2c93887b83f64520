package kafka

import (
	"cmp"
	"fmt"
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
	s        jsonwalk.Scanner
	probs    []Problem
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
	v := &validator{s: jsonwalk.Scanner{Data: data[:end]}, topics: map[string]int{}}
	if end > MaxEventSize {
		v.add("", 0, "the event is %d bytes, above the %d bytes (6 MB) FunctionGraph invokes a function with", end, MaxEventSize)
	}
	v.event()
	slices.SortStableFunc(v.probs, func(a, b Problem) int { return cmp.Compare(a.Offset, b.Offset) })
	return v.probs
}

// add records a problem at byte offset off.
func (v *validator) add(path string, off int, format string, args ...any) {
	v.probs = append(v.probs, Problem{Path: path, Msg: fmt.Sprintf(format, args...), Offset: int64(off)})
}

// object walks the object at the scanner, calling fn with the canonical
// name of each known key at its value (fn must consume it); unknown and
// duplicate keys become problems, and so does each missing key. It reports
// false when the value is not an object.
func (v *validator) object(path string, names []string, fn func(name string)) bool {
	k := v.s.Kind()
	off := v.s.Pos
	if k != "object" {
		v.add(path, off, "want a JSON object, got %s", jsonwalk.Article(k))
		v.s.Skip()
		return false
	}
	seen := make(map[string]int, len(names))
	v.s.Members(func(key string, koff int) {
		name := jsonwalk.MatchKey(key, names)
		switch first, dup := seen[name]; {
		case name == "":
			v.add(jsonwalk.JoinPath(path, key), koff, "unknown key")
			v.s.Skip()
		case dup:
			v.add(jsonwalk.JoinPath(path, key), koff, "duplicate key (first at byte %d)", first)
			v.s.Skip()
		default:
			seen[name] = koff
			fn(name)
		}
	})
	for _, n := range names {
		if _, ok := seen[n]; !ok {
			v.add(jsonwalk.JoinPath(path, n), off, "missing")
		}
	}
	return true
}

// str reads a value that must be a JSON string; ok is false when it is not.
func (v *validator) str(path string) (s string, off int, ok bool) {
	k := v.s.Kind()
	off = v.s.Pos
	if k != "string" {
		v.add(path, off, "want a JSON string, got %s", jsonwalk.Article(k))
		v.s.Skip()
		return "", off, false
	}
	return v.s.Str(), off, true
}

// nonEmpty reads a string that must not be empty.
func (v *validator) nonEmpty(path string) string {
	s, off, ok := v.str(path)
	if ok && s == "" {
		v.add(path, off, "empty")
	}
	return s
}

// event walks the top-level object.
func (v *validator) event() {
	ok := v.object("", eventKeys, func(name string) {
		switch name {
		case "event_version":
			if s, off, ok := v.str(name); ok && s != EventVersion {
				v.add(name, off, "want %q, got %q", EventVersion, jsonwalk.Abbrev(s))
			}
		case "event_time":
			v.eventTime()
		case "trigger_type":
			if s, off, ok := v.str(name); ok {
				if _, known := ParseTriggerType(s); !known {
					v.add(name, off, "want \"KAFKA\" or \"ROCKETMQ\", got %q", jsonwalk.Abbrev(s))
				}
			}
		case "region", "instance_id":
			v.nonEmpty(name)
		case "records":
			v.records()
		}
	})
	if ok && (v.messages > MaxBatch) {
		v.add("records", 0, "%d messages in all, above the batch size limit of %d", v.messages, MaxBatch)
	}
}

// eventTime checks that event_time is Unix seconds as a whole JSON number.
func (v *validator) eventTime() {
	k := v.s.Kind()
	off := v.s.Pos
	if k != "number" {
		v.add("event_time", off, "want Unix seconds as a JSON number, got %s", jsonwalk.Article(k))
		v.s.Skip()
		return
	}
	v.s.Skip()
	lit := string(v.s.Data[off:v.s.Pos])
	n, err := strconv.ParseInt(lit, 10, 64)
	switch {
	case err != nil:
		v.add("event_time", off, "want whole Unix seconds (int64), got %s", jsonwalk.Abbrev(lit))
	case n < 0:
		v.add("event_time", off, "negative: %d", n)
	case n >= 1e11:
		v.add("event_time", off, "%d looks like milliseconds: event_time is Unix seconds", n)
	}
}

// records walks the records array.
func (v *validator) records() {
	k := v.s.Kind()
	off := v.s.Pos
	if k != "array" {
		v.add("records", off, "want a JSON array, got %s", jsonwalk.Article(k))
		v.s.Skip()
		return
	}
	n := 0
	v.s.Elements(func(i int) {
		n++
		v.record("records[" + strconv.Itoa(i) + "]")
	})
	if n == 0 {
		v.add("records", off, "empty: an event holds at least one message")
	}
}

// record walks one topic's entry.
func (v *validator) record(path string) {
	v.object(path, recordKeys, func(name string) {
		switch name {
		case "topic_id":
			off := v.s.Pos
			topic := v.nonEmpty(path + ".topic_id")
			if first, dup := v.topics[topic]; dup && topic != "" {
				v.add(path+".topic_id", off, "topic %q has a second entry (first at byte %d): one entry per topic", jsonwalk.Abbrev(topic), first)
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
	k := v.s.Kind()
	off := v.s.Pos
	if k != "array" {
		v.add(path, off, "want a JSON array of strings, got %s", jsonwalk.Article(k))
		v.s.Skip()
		return
	}
	n := 0
	v.s.Elements(func(i int) {
		n++
		v.str(path + "[" + strconv.Itoa(i) + "]")
	})
	if n == 0 {
		v.add(path, off, "empty: a topic's entry holds at least one message")
	}
	v.messages += n
}
