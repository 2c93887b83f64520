package dis

import (
	"strings"
	"testing"
)

// documentedWith returns the compact documented event with old replaced by
// new (once; the test fails if old is absent).
func documentedWith(t *testing.T, old, new string) []byte {
	t.Helper()
	s := string(readFile(t, goldenCompact))
	if !strings.Contains(s, old) {
		t.Fatalf("fixture has no %q", old)
	}
	return []byte(strings.Replace(s, old, new, 1))
}

// cursorWith returns the documented cursor with one change applied.
func cursorWith(change func(*Cursor)) string {
	c := documentedCursorValue
	change(&c)
	return c.String()
}

// escapedEvent is a valid event whose strings need escapes.
func escapedEvent() []byte {
	b := &Batch{Partition: 2, StreamName: "s\u2028\"", Tag: "v1", NextSequence: 8, CursorTimestamp: 1, MillisBehindLatest: "3"}
	ev := AppendEventHead(nil, b)
	ev = AppendRecord(ev, 0, "k\x00\xff", []byte{0xfe}, 6)
	ev = AppendRecord(ev, 1, "", nil, 7)
	return AppendEventTail(ev, b)
}

func TestValidateValid(t *testing.T) {
	if probs := Validate(escapedEvent()); len(probs) != 0 {
		t.Errorf("escaped event %s: %v", escapedEvent(), probs)
	}
	for _, path := range []string{goldenPretty, goldenCompact, goldenHuawei} {
		if probs := Validate(readFile(t, path)); len(probs) != 0 {
			t.Errorf("%s: %v", path, probs)
		}
	}
	caseless := documentedWith(t, `"ShardID"`, `"shardid"`)
	if probs := Validate(caseless); len(probs) != 0 {
		t.Errorf("lower-case ShardID key: %v", probs)
	}
	lag := documentedWith(t, `"millis_behind_latest":""`, `"millis_behind_latest":"1500"`)
	if probs := Validate(lag); len(probs) != 0 {
		t.Errorf("millis_behind_latest 1500: %v", probs)
	}
}

func TestValidateProblems(t *testing.T) {
	seq5 := cursorWith(func(c *Cursor) { c.StartingSequenceNumber = "5" })
	tests := []struct {
		name, old, new string
		want           []string // "path|message fragment", in order
		at             string   // what the first problem's Offset points at
	}{
		{"seq as number", `"sequence_number":"2"`, `"sequence_number":2`,
			[]string{"Message.records[2].sequence_number|got a number (the runtime fails to decode it)"}, "2}"},
		{"seq gap", `"sequence_number":"2"`, `"sequence_number":"7"`,
			[]string{"Message.records[2].sequence_number|7 does not follow 1: want 2",
				"Message.records[3].sequence_number|3 does not follow 7: want 8"}, `"7"`},
		{"seq leading zero", `"sequence_number":"2"`, `"sequence_number":"02"`,
			[]string{"Message.records[2].sequence_number|without leading zeros"}, `"02"`},
		{"seq negative", `"sequence_number":"0"`, `"sequence_number":"-1"`,
			[]string{`Message.records[0].sequence_number|want a decimal, got "-1"`}, `"-1"`},
		{"seq huge", `"sequence_number":"0"`, `"sequence_number":"99999999999999999999"`,
			[]string{"Message.records[0].sequence_number|out of range"}, `"9999`},
		{"cursor seq", documentedCursor, seq5,
			[]string{`Message.next_partition_cursor|starting-sequence-number "5", want "4"`}, `"eyJ`},
		{"cursor shard", `"ShardID":"shardId-0000000000"`, `"ShardID":"shardId-0000000001"`,
			[]string{`Message.next_partition_cursor|partition-id "shardId-0000000000" differs from ShardID "shardId-0000000001"`}, `"eyJ`},
		{"cursor stream", `"StreamName":"dis-swtest"`, `"StreamName":"other"`,
			[]string{`Message.next_partition_cursor|stream-name "dis-swtest" differs from StreamName "other"`}, `"eyJ`},
		{"cursor garbage", documentedCursor, "!!",
			[]string{"Message.next_partition_cursor|not base64"}, `"!!"`},
		{"shard format", `"ShardID":"shardId-0000000000"`, `"ShardID":"shard-0"`,
			[]string{"ShardID|want \"shardId-\"", "Message.next_partition_cursor|differs from ShardID"}, `"shard-0"`},
		{"records empty", `"records":[` + recordsOf(t) + `]`, `"records":[]`,
			[]string{"Message.records|empty"}, "[]"},
		{"records object", `"records":[` + recordsOf(t) + `]`, `"records":{}`,
			[]string{"Message.records|want a JSON array, got an object"}, "{}"},
		{"data unpadded", `"d2VsY29tZQ=="`, `"d2VsY29tZQ"`,
			[]string{"Message.records[0].data|not standard padded base64"}, `"d2VsY29tZQ"`},
		{"data url alphabet", `"d2VsY29tZQ=="`, `"d2V-Y29tZQ=="`,
			[]string{"Message.records[0].data|illegal base64 data at input byte 3"}, `"d2V-`},
		{"data line break", `"d2VsY29tZQ=="`, `"d2Vs\nY29tZQ=="`,
			[]string{"Message.records[0].data|line break at byte 4"}, `"d2Vs`},
		{"data null", `"d2VsY29tZQ=="`, `null`,
			[]string{"Message.records[0].data|want a JSON string, got null"}, `null`},
		{"millis", `"millis_behind_latest":""`, `"millis_behind_latest":"12ms"`,
			[]string{`Message.millis_behind_latest|want "" or a decimal`}, `"12ms"`},
		{"millis number", `"millis_behind_latest":""`, `"millis_behind_latest":12`,
			[]string{`Message.millis_behind_latest|want a JSON string, got a number`}, `12`},
		{"tag empty", `"Tag":"latest"`, `"Tag":""`, []string{"Tag|empty"}, `""`},
		{"stream empty", `"StreamName":"dis-swtest"`, `"StreamName":""`,
			[]string{"Message.next_partition_cursor|differs from StreamName", "StreamName|empty"}, `"eyJ`},
		{"unknown top", `"Tag":"latest"`, `"Tag":"latest","Extra":[1,{"a":"}"}]`,
			[]string{"Extra|unknown key"}, `"Extra"`},
		{"unknown record key", `"sequence_number":"3"`, `"sequence_number":"3","x":true`,
			[]string{"Message.records[3].x|unknown key"}, `"x"`},
		{"duplicate", `"Tag":"latest"`, `"Tag":"latest","TAG":"v2"`,
			[]string{"TAG|duplicate key (first at byte"}, `"TAG"`},
		{"mixed dialects", `"millis_behind_latest"`, `"millisBehindLatest"`,
			[]string{"Message.millisBehindLatest|mixes dialects: millisBehindLatest (Huawei SDK) with next_partition_cursor (documented)"}, `"millisBehindLatest"`},
		{"missing ShardID", `"ShardID":"shardId-0000000000",`, ``,
			[]string{"ShardID|missing"}, `{"Message"`},
		{"missing record key", `"partition_key":"shardId_0000000000",`, ``,
			[]string{"Message.records[0].partition_key|missing"}, `{"data"`},
		{"missing millis", `,"millis_behind_latest":""`, ``,
			[]string{"Message.millis_behind_latest|missing"}, `{"next_partition_cursor"`},
		{"message string", `"Message":{`, `"Message":"x","M":{`,
			[]string{`Message|want a JSON object, got a string`, "M|unknown key"}, `"x"`},
		{"record not object", `{"partition_key":"shardId_0000000000","data":"dXNpbmc=","sequence_number":"1"}`, `7`,
			[]string{"Message.records[1]|want a JSON object, got a number"}, `7`},
	}
	for _, tt := range tests {
		data := documentedWith(t, tt.old, tt.new)
		checkProblems(t, tt.name, data, tt.want, tt.at)
	}
}

// recordsOf returns the documented event's records array contents.
func recordsOf(t *testing.T) string {
	s := string(readFile(t, goldenCompact))
	start := strings.Index(s, `"records":[`) + len(`"records":[`)
	return s[start:strings.Index(s, `],"millis`)]
}

// checkProblems compares Validate's problems with want ("path|fragment")
// and checks that the first one's Offset points at the text at.
func checkProblems(t *testing.T, name string, data []byte, want []string, at string) {
	t.Helper()
	probs := Validate(data)
	if len(probs) != len(want) {
		t.Errorf("%s: got %d problems, want %d:\n%s", name, len(probs), len(want), problemList(probs))
		return
	}
	for i, w := range want {
		path, frag, _ := strings.Cut(w, "|")
		if probs[i].Path != path || !strings.Contains(probs[i].Msg, frag) {
			t.Errorf("%s: problem %d = %v, want %s: ...%s...", name, i, probs[i], path, frag)
		}
	}
	off := probs[0].Offset
	if off < 0 || off > int64(len(data)) || !strings.HasPrefix(string(data[off:]), at) {
		t.Errorf("%s: offset %d points at %.20q, want %q", name, off, data[max(off, 0):], at)
	}
}

func problemList(probs []Problem) string {
	var b strings.Builder
	for _, p := range probs {
		b.WriteString("\t" + p.Error() + "\n")
	}
	return b.String()
}

func TestValidateSyntax(t *testing.T) {
	tests := []struct {
		name, in string
		want     string
		offset   int64
	}{
		{"empty", "", "not JSON: empty input", 0},
		{"blank", "  \n", "not JSON: empty input", 0},
		{"bad value", `{"ShardID":}`, "not JSON: invalid character '}'", 11},
		{"truncated", `{"ShardID":"x"`, "not JSON: unexpected end of input", 14},
		{"trailing", "{}\n {}", `trailing data after the event: "{}"`, 4},
		{"array", ` [1]`, "want a JSON object, got an array", 1},
		{"string", `"x"`, "want a JSON object, got a string", 0},
	}
	for _, tt := range tests {
		probs := Validate([]byte(tt.in))
		if len(probs) != 1 || probs[0].Path != "" || !strings.Contains(probs[0].Msg, tt.want) || probs[0].Offset != tt.offset {
			t.Errorf("%s: Validate(%q) = %+v, want one problem %q at %d", tt.name, tt.in, probs, tt.want, tt.offset)
		}
	}
}

func TestValidateEmptyObject(t *testing.T) {
	want := []string{"ShardID", "Message", "Tag", "StreamName"}
	probs := Validate([]byte(` {}`))
	if len(probs) != len(want) {
		t.Fatalf("got %v", probs)
	}
	for i, p := range probs {
		if p.Path != want[i] || p.Msg != "missing" || p.Offset != 1 {
			t.Errorf("problem %d = %+v, want %s missing at 1", i, p, want[i])
		}
	}
}

func TestValidateHuaweiMissing(t *testing.T) {
	s := strings.Replace(string(readFile(t, goldenHuawei)), `,"millisBehindLatest":"12"`, "", 1)
	probs := Validate([]byte(s))
	if len(probs) != 1 || probs[0].Path != "Message.millisBehindLatest" || probs[0].Msg != "missing" {
		t.Errorf("got %v, want Message.millisBehindLatest: missing", probs)
	}
}

func TestProblemError(t *testing.T) {
	if got := (Problem{Path: "Tag", Msg: "empty"}).Error(); got != "Tag: empty" {
		t.Errorf("Error() = %q", got)
	}
	if got := (Problem{Msg: "not JSON"}).Error(); got != "not JSON" {
		t.Errorf("Error() = %q", got)
	}
}

func FuzzValidate(f *testing.F) {
	for _, path := range []string{goldenPretty, goldenCompact, goldenHuawei} {
		f.Add(readFile(f, path))
	}
	f.Add([]byte(`{"ShardID":1,"Message":{"records":[{"sequence_number":2}]}}`))
	f.Add(escapedEvent())
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(Validate(data)) != 0 {
			return
		}
		ev, err := Decode(data)
		if err != nil {
			t.Fatalf("valid event does not decode: %v", err)
		}
		for _, d := range []Dialect{DialectDocumented, DialectHuaweiSDK} {
			out := AppendEvent(nil, ev, d)
			if probs := Validate(out); len(probs) != 0 {
				t.Fatalf("re-encoded (%v) valid event has problems: %v\n%s", d, probs, out)
			}
			again, err := Decode(out)
			if err != nil || !sameEvent(ev, again) {
				t.Fatalf("re-encoded (%v) event decodes to %+v, %v, want %+v", d, again, err, ev)
			}
		}
	})
}
