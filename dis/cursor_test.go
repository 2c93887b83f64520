package dis

import (
	"encoding/base64"
	"strings"
	"testing"
)

// documentedCursor is the cursor of the documented example event.
const documentedCursor = "eyJnZXRJdGVyYXRvclBhcmFtIjp7InN0cmVhbS1uYW1lIjoiZGlzLXN3dGVzdCIsInBhcnRpdGlvbi1pZCI6InNoYXJkSWQtMDAwMDAwMDAwMCIsImN1cnNvci10eXBlIjoiVFJJTV9IT1JJWk9OIiwic3RhcnRpbmctc2VxdWVuY2UtbnVtYmVyIjoiNCJ9LCJnZW5lcmF0ZVRpbWVzdGFtcCI6MTUwOTYwNjM5MjE5MX0"

var documentedCursorValue = Cursor{StreamName: "dis-swtest", PartitionID: "shardId-0000000000",
	CursorType: TrimHorizon, StartingSequenceNumber: "4", GenerateTimestamp: 1509606392191}

func TestCursorString(t *testing.T) {
	if got := documentedCursorValue.String(); got != documentedCursor {
		t.Errorf("String() = %s\nwant %s", got, documentedCursor)
	}
	if got := string(documentedCursorValue.AppendTo([]byte("x"))); got != "x"+documentedCursor {
		t.Errorf("AppendTo = %s", got)
	}
}

func TestBatchCursorMatchesCursor(t *testing.T) {
	b := &Batch{Partition: 12, StreamName: "s\"q", NextSequence: 99, CursorTimestamp: -3}
	c := Cursor{StreamName: "s\"q", PartitionID: "shardId-0000000012", CursorType: TrimHorizon,
		StartingSequenceNumber: "99", GenerateTimestamp: -3}
	if got, want := string(appendBatchCursor(nil, b)), c.String(); got != want {
		t.Errorf("appendBatchCursor = %s, want %s", got, want)
	}
}

func TestParseCursor(t *testing.T) {
	raw, _ := base64.RawStdEncoding.DecodeString(documentedCursor)
	enc := func(e *base64.Encoding, s string) string { return e.EncodeToString([]byte(s)) }
	urlish := `{"getIteratorParam":{"stream-name":"a?>>","partition-id":"p","cursor-type":"LATEST","starting-sequence-number":"1"},"generateTimestamp":2}`
	urlWant := Cursor{StreamName: "a?>>", PartitionID: "p", CursorType: "LATEST", StartingSequenceNumber: "1", GenerateTimestamp: 2}
	tests := []struct {
		name, in string
		want     Cursor
		wantErr  string
	}{
		{"documented unpadded", documentedCursor, documentedCursorValue, ""},
		{"padded std", enc(base64.StdEncoding, string(raw)), documentedCursorValue, ""},
		{"padded url", enc(base64.URLEncoding, urlish), urlWant, ""},
		{"raw url", enc(base64.RawURLEncoding, urlish), urlWant, ""},
		{"raw std with +/", enc(base64.RawStdEncoding, urlish), urlWant, ""},
		{"whitespace and order", enc(base64.StdEncoding, ` { "generateTimestamp" : 2 , "getIteratorParam" : {"starting-sequence-number":"1","cursor-type":"LATEST","partition-id":"p","stream-name":"a?>>", "extra": 1} } `), urlWant, ""},
		{"empty", "", Cursor{}, "cursor: empty"},
		{"not base64", "!!!!", Cursor{}, "not base64"},
		{"mixed alphabets", "ab+-", Cursor{}, "mixes standard"},
		{"bad padding", "abc==", Cursor{}, "padding"},
		{"not JSON", enc(base64.RawStdEncoding, "hello"), Cursor{}, "does not hold a cursor JSON object"},
		{"JSON array", enc(base64.RawStdEncoding, "[1]"), Cursor{}, "does not hold a cursor JSON object"},
		{"no param", enc(base64.RawStdEncoding, `{"generateTimestamp":1}`), Cursor{}, "missing getIteratorParam"},
		{"missing fields", enc(base64.RawStdEncoding, `{"getIteratorParam":{"stream-name":"s"}}`), Cursor{},
			"missing getIteratorParam.partition-id, getIteratorParam.cursor-type, getIteratorParam.starting-sequence-number, generateTimestamp"},
		{"number seq", enc(base64.RawStdEncoding, `{"getIteratorParam":{"stream-name":"s","partition-id":"p","cursor-type":"T","starting-sequence-number":4},"generateTimestamp":1}`), Cursor{}, "starting-sequence-number"},
		{"float time", enc(base64.RawStdEncoding, `{"getIteratorParam":{"stream-name":"s","partition-id":"p","cursor-type":"T","starting-sequence-number":"4"},"generateTimestamp":1.5}`), Cursor{}, "generateTimestamp"},
	}
	for _, tt := range tests {
		got, err := ParseCursor(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: ParseCursor error = %v, want it to contain %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: ParseCursor = %+v, %v, want %+v", tt.name, got, err, tt.want)
		}
	}
}

func TestCursorAllocs(t *testing.T) {
	b := &Batch{Partition: 1, StreamName: "dis-stream", NextSequence: 1 << 40, CursorTimestamp: 1700000000000}
	buf := make([]byte, 0, 512)
	allocs := testing.AllocsPerRun(100, func() { buf = appendBatchCursor(buf[:0], b) })
	if allocs != 0 {
		t.Errorf("appendBatchCursor: %.1f allocs, want 0", allocs)
	}
}

func FuzzParseCursor(f *testing.F) {
	f.Add(documentedCursor)
	f.Add(documentedCursor + "=")
	f.Add(base64.URLEncoding.EncodeToString([]byte(`{"getIteratorParam":{"stream-name":"\u2028\ufffd","partition-id":"","cursor-type":"","starting-sequence-number":""},"generateTimestamp":-1}`)))
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCursor(s)
		if err != nil {
			return
		}
		again, err := ParseCursor(c.String())
		if err != nil {
			t.Fatalf("ParseCursor(%q.String()) failed: %v", s, err)
		}
		if again != c {
			t.Fatalf("round trip of %q: %+v != %+v", s, again, c)
		}
	})
}
