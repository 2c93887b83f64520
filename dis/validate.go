package dis

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/disload/disload/internal/jsonwalk"
	"github.com/disload/disload/internal/platform"
)

// Problem is one thing wrong with an event, found by Validate or
// StreamChecker.Check: its JSON path, what is wrong and the byte offset.
type Problem = jsonwalk.Problem

// The platform's size limits (docs/PROTOCOL.md §3, §4).
const (
	// MaxRecordData is the most data a DIS record holds: 1 MiB before base64.
	MaxRecordData = platform.RecordData
	// MaxEventSize is the largest event FunctionGraph invokes a function
	// with: 6 MB, read as 6 MiB (the lenient reading, so that no event the
	// platform may take is refused; see internal/platform).
	MaxEventSize = platform.EventSize
)

// strField is a member that should hold a JSON string.
type strField struct {
	val string
	off int
	set bool // present, with any type
	ok  bool // present and a string
}

// validator gathers problems while walking an event.
type validator struct {
	jsonwalk.Walker
	shard, tag, stream         strField
	cursor, millis             strField
	cursorPath, millisPath     string
	lastSeq                    int64
	lastSeqOK                  bool
	docKey, sdkKey             string // first key of each dialect seen
	docKeyOff, sdkKeyOff, mOff int
}

// Validate checks an event against the rules of docs/PROTOCOL.md §1 and returns
// every problem found, none for a valid event. It accepts either dialect
// (but not both in one event) and matches keys case-insensitively, as the
// runtime's encoding/json does; unknown and duplicate keys are problems.
func Validate(data []byte) []Problem {
	end, p := jsonwalk.FirstValue(data)
	if p != nil {
		return []Problem{*p}
	}
	v := &validator{Walker: jsonwalk.Walker{Scanner: jsonwalk.Scanner{Data: data[:end]}}, cursorPath: "Message." + keyCursor,
		millisPath: "Message." + keyMillisBehind}
	if end > MaxEventSize {
		v.Add("", 0, "the event is %d bytes, above the %d bytes (6 MB) FunctionGraph invokes a function with", end, MaxEventSize)
	}
	v.event()
	slices.SortStableFunc(v.Problems, func(a, b Problem) int { return cmp.Compare(a.Offset, b.Offset) })
	return v.Problems
}

// str reads a member that must be a JSON string into f.
func (v *validator) str(path string, f *strField) {
	k := v.Kind()
	f.set, f.off = true, v.Pos
	if k != "string" {
		v.Add(path, f.off, "want a JSON string, got %s", jsonwalk.Article(k))
		v.Skip()
		return
	}
	f.val, f.ok = v.Str(), true
}

// presence says whether the member at path was present.
type presence struct {
	path string
	set  bool
}

// missing reports each absent member of an object that starts at off.
func (v *validator) missing(off int, fields []presence) {
	for _, f := range fields {
		if !f.set {
			v.Add(f.path, off, "missing")
		}
	}
}

// event walks the top-level object.
func (v *validator) event() {
	var msgSet bool
	off, _ := v.Object("", []string{"ShardID", "Message", "Tag", "StreamName"}, func(name string, _ int) {
		switch name {
		case "ShardID":
			v.str(name, &v.shard)
		case "Tag":
			v.str(name, &v.tag)
		case "StreamName":
			v.str(name, &v.stream)
		case "Message":
			msgSet = true
			v.message()
		}
	})
	if off < 0 {
		return
	}
	v.missing(off, []presence{{"ShardID", v.shard.set}, {"Message", msgSet},
		{"Tag", v.tag.set}, {"StreamName", v.stream.set}})
	v.crossCheck()
}

// message walks the Message object.
func (v *validator) message() {
	recordsSet := false
	names := []string{keyCursor, keyCursorSDK, "records", keyMillisBehind, keyMillisSDK}
	off, _ := v.Object("Message", names, func(name string, koff int) {
		v.dialectKey(name, koff)
		path := "Message." + name
		switch name {
		case keyCursor, keyCursorSDK:
			v.cursorPath = path
			v.str(path, &v.cursor)
		case keyMillisBehind, keyMillisSDK:
			v.millisPath = path
			v.str(path, &v.millis)
		case "records":
			recordsSet = true
			v.records()
		}
	})
	if off < 0 {
		return
	}
	v.mixedDialects()
	v.missing(off, []presence{{v.spell(keyCursor, keyCursorSDK), v.cursor.set},
		{"Message.records", recordsSet}, {v.spell(keyMillisBehind, keyMillisSDK), v.millis.set}})
}

// dialectKey notes the first key of each dialect.
func (v *validator) dialectKey(name string, off int) {
	switch name {
	case keyCursor, keyMillisBehind:
		if v.docKey == "" {
			v.docKey, v.docKeyOff = name, off
		}
	case keyCursorSDK, keyMillisSDK:
		if v.sdkKey == "" {
			v.sdkKey, v.sdkKeyOff = name, off
		}
	}
}

// mixedDialects reports a Message that uses keys of both dialects.
func (v *validator) mixedDialects() {
	if v.docKey == "" || v.sdkKey == "" {
		return
	}
	later, off := v.sdkKey, v.sdkKeyOff
	if v.docKeyOff > off {
		later, off = v.docKey, v.docKeyOff
	}
	v.Add("Message."+later, off, "mixes dialects: %s (Huawei SDK) with %s (documented)", v.sdkKey, v.docKey)
}

// spell returns the path of a Message key in the event's dialect.
func (v *validator) spell(documented, sdk string) string {
	if v.sdkKey != "" && v.docKey == "" {
		return "Message." + sdk
	}
	return "Message." + documented
}

// crossCheck checks the values against each other once all are read.
func (v *validator) crossCheck() {
	if v.shard.ok {
		if _, err := ParseShardID(v.shard.val); err != nil {
			v.Add("ShardID", v.shard.off, "%v", err)
		}
	}
	for _, f := range []struct {
		path string
		f    *strField
	}{{"Tag", &v.tag}, {"StreamName", &v.stream}} {
		if f.f.ok && f.f.val == "" {
			v.Add(f.path, f.f.off, "empty")
		}
	}
	if v.millis.ok && v.millis.val != "" {
		if _, msg := parseDecimal(v.millis.val); msg != "" {
			v.Add(v.millisPath, v.millis.off, "want \"\" or a decimal: %s", msg)
		}
	}
	v.checkCursor()
}

// checkCursor checks the cursor against ShardID, StreamName and the last
// sequence number.
func (v *validator) checkCursor() {
	if !v.cursor.ok {
		return
	}
	c, err := ParseCursor(v.cursor.val)
	if err != nil {
		v.Add(v.cursorPath, v.cursor.off, "%s", strings.TrimPrefix(err.Error(), "cursor: "))
		return
	}
	if v.shard.ok && c.PartitionID != v.shard.val {
		v.Add(v.cursorPath, v.cursor.off, "cursor partition-id %q differs from ShardID %q", c.PartitionID, v.shard.val)
	}
	if v.stream.ok && c.StreamName != v.stream.val {
		v.Add(v.cursorPath, v.cursor.off, "cursor stream-name %q differs from StreamName %q", c.StreamName, v.stream.val)
	}
	if want := strconv.FormatUint(uint64(v.lastSeq)+1, 10); v.lastSeqOK && c.StartingSequenceNumber != want {
		v.Add(v.cursorPath, v.cursor.off, "cursor starting-sequence-number %q, want %q (last sequence number + 1)",
			c.StartingSequenceNumber, want)
	}
}
