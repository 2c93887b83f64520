package dis

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/disload/disload/internal/golden"
)

const (
	goldenPretty  = "testdata/documented-event.json"
	goldenCompact = "testdata/documented-event.compact.json"
	goldenHuawei  = "testdata/documented-event.huawei-sdk.json"
)

// documentedBatch is the batch of the documented example event.
func documentedBatch(d Dialect) *Batch {
	return &Batch{Partition: 0, StreamName: "dis-swtest", Tag: "latest",
		NextSequence: 4, CursorTimestamp: 1509606392191, Dialect: d}
}

// documentedRecords are the documented example's record payloads.
var documentedRecords = []string{"welcome", "using", "FunctionStage", "service"}

// buildDocumented encodes the documented event with Head/Record/Tail.
func buildDocumented(dst []byte, b *Batch) []byte {
	dst = AppendEventHead(dst, b)
	for i, r := range documentedRecords {
		dst = AppendRecord(dst, i, "shardId_0000000000", []byte(r), int64(i))
	}
	return AppendEventTail(dst, b)
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestGoldenCompact(t *testing.T) {
	var compact bytes.Buffer
	if err := json.Compact(&compact, readFile(t, goldenPretty)); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, goldenCompact, compact.Bytes())
}

func TestBuildDocumentedEvent(t *testing.T) {
	got := buildDocumented(nil, documentedBatch(DialectDocumented))
	if want := readFile(t, goldenCompact); !bytes.Equal(got, want) {
		t.Errorf("Head/Record/Tail:\n got %s\nwant %s", got, want)
	}
}

func TestAppendEventDocumented(t *testing.T) {
	ev, err := Decode(readFile(t, goldenPretty))
	if err != nil {
		t.Fatal(err)
	}
	got := AppendEvent([]byte("prefix"), ev, DialectDocumented)
	if want := append([]byte("prefix"), readFile(t, goldenCompact)...); !bytes.Equal(got, want) {
		t.Errorf("AppendEvent:\n got %s\nwant %s", got, want)
	}
}

// huaweiEvent is a TriggerEvent as the Huawei Cloud Go SDK spells it.
type huaweiEvent struct {
	ShardID string
	Message struct {
		NextPatitionCursor string   `json:"next_patition_cursor"`
		Records            []Record `json:"records"`
		MillisBehindLatest string   `json:"millisBehindLatest"`
	}
	Tag        string
	StreamName string
}

func TestHuaweiDialect(t *testing.T) {
	b := documentedBatch(DialectHuaweiSDK)
	b.MillisBehindLatest = "12"
	got := buildDocumented(nil, b)
	golden.Check(t, goldenHuawei, got)
	if strings.Contains(string(got), keyCursor) || strings.Contains(string(got), keyMillisBehind) {
		t.Errorf("Huawei dialect output has documented keys: %s", got)
	}
	var h huaweiEvent
	if err := json.Unmarshal(got, &h); err != nil {
		t.Fatal(err)
	}
	c, err := ParseCursor(h.Message.NextPatitionCursor)
	if err != nil {
		t.Fatalf("cursor: %v", err)
	}
	if c.StartingSequenceNumber != "4" || c.PartitionID != "shardId-0000000000" {
		t.Errorf("cursor = %+v", c)
	}
	if h.Message.MillisBehindLatest != "12" || len(h.Message.Records) != 4 ||
		string(h.Message.Records[2].Data) != "FunctionStage" || h.ShardID != "shardId-0000000000" {
		t.Errorf("decoded Huawei event = %+v", h)
	}
	ev, err := Decode(got)
	if err != nil {
		t.Fatal(err)
	}
	if again := AppendEvent(nil, ev, DialectHuaweiSDK); !bytes.Equal(again, got) {
		t.Errorf("AppendEvent(Huawei):\n got %s\nwant %s", again, got)
	}
}

// sampleEvent is an event whose strings need every kind of escape.
func sampleEvent() *TriggerEvent {
	return &TriggerEvent{
		ShardID: "shardId-0000000001",
		Message: Message{
			NextPartitionCursor: "abc",
			Records: []Record{
				{PartitionKey: "k\"\\\n\t\x01<&>\u2028\xff", Data: []byte{0, 1, 2, 0xff}, SequenceNumber: "7"},
				{PartitionKey: "plain", Data: []byte("hello"), SequenceNumber: "8"},
			},
			MillisBehindLatest: "",
		},
		Tag:        "v1",
		StreamName: "s\u2029",
	}
}

func TestAppendEventMatchesEncodingJSON(t *testing.T) {
	ev := sampleEvent()
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ev); err != nil {
		t.Fatal(err)
	}
	got := AppendEvent(nil, ev, DialectDocumented)
	if w := bytes.TrimSuffix(want.Bytes(), []byte("\n")); !bytes.Equal(got, w) {
		t.Errorf("AppendEvent:\n got %s\nwant %s", got, w)
	}
}

func TestAppendRecord(t *testing.T) {
	tests := []struct {
		i    int
		key  string
		data string
		seq  int64
		want string
	}{
		{0, "k", "welcome", 0, `{"partition_key":"k","data":"d2VsY29tZQ==","sequence_number":"0"}`},
		{1, "", "", 12345678901234, `,{"partition_key":"","data":"","sequence_number":"12345678901234"}`},
		{2, "a\"b", "ab", 9, `,{"partition_key":"a\"b","data":"YWI=","sequence_number":"9"}`},
	}
	for _, tt := range tests {
		got := string(AppendRecord(nil, tt.i, tt.key, []byte(tt.data), tt.seq))
		if got != tt.want {
			t.Errorf("AppendRecord(%d, %q, %q, %d) = %s, want %s", tt.i, tt.key, tt.data, tt.seq, got, tt.want)
		}
	}
}

func TestEventHeadTail(t *testing.T) {
	b := &Batch{Partition: 3, StreamName: "st", Tag: "latest", NextSequence: 10,
		CursorTimestamp: 5, MillisBehindLatest: "250"}
	c := Cursor{StreamName: "st", PartitionID: "shardId-0000000003", CursorType: TrimHorizon,
		StartingSequenceNumber: "10", GenerateTimestamp: 5}
	wantHead := `{"ShardID":"shardId-0000000003","Message":{"next_partition_cursor":"` + c.String() + `","records":[`
	if got := string(AppendEventHead(nil, b)); got != wantHead {
		t.Errorf("head = %s\nwant %s", got, wantHead)
	}
	wantTail := `],"millis_behind_latest":"250"},"Tag":"latest","StreamName":"st"}`
	if got := string(AppendEventTail(nil, b)); got != wantTail {
		t.Errorf("tail = %s\nwant %s", got, wantTail)
	}
	b.Dialect = DialectHuaweiSDK
	if got := string(AppendEventHead(nil, b)); !strings.Contains(got, `"next_patition_cursor":"`+c.String()+`"`) {
		t.Errorf("Huawei head = %s", got)
	}
	if got := string(AppendEventTail(nil, b)); !strings.Contains(got, `"millisBehindLatest":"250"`) {
		t.Errorf("Huawei tail = %s", got)
	}
}

func TestDialectString(t *testing.T) {
	for d, want := range map[Dialect]string{DialectDocumented: "documented", DialectHuaweiSDK: "huawei-sdk", 7: "Dialect(7)"} {
		if got := d.String(); got != want {
			t.Errorf("Dialect(%d).String() = %q, want %q", int(d), got, want)
		}
	}
}

// benchBatch returns a batch of 100 records of ~200 bytes each.
func benchBatch() (*Batch, []string, [][]byte) {
	b := &Batch{Partition: 5, StreamName: "dis-bench", Tag: "latest",
		NextSequence: 1100, CursorTimestamp: 1700000000000}
	keys := make([]string, 100)
	data := make([][]byte, 100)
	for i := range data {
		keys[i] = "user-" + strings.Repeat("7", i%10+1)
		data[i] = []byte(`{"user":"u-` + strings.Repeat("x", 20) + `","page":"/products/` +
			strings.Repeat("p", 100) + `","ts":1700000000000,"action":"click"}`)
	}
	return b, keys, data
}

// appendBench encodes the benchmark batch.
func appendBench(dst []byte, b *Batch, keys []string, data [][]byte) []byte {
	dst = AppendEventHead(dst, b)
	for i := range data {
		dst = AppendRecord(dst, i, keys[i], data[i], 1000+int64(i))
	}
	return AppendEventTail(dst, b)
}

func TestEncodeZeroAllocs(t *testing.T) {
	b, keys, data := benchBatch()
	buf := appendBench(nil, b, keys, data)
	allocs := testing.AllocsPerRun(50, func() {
		buf = appendBench(buf[:0], b, keys, data)
	})
	if allocs != 0 {
		t.Errorf("Head+100 records+Tail into a grown buffer: %.1f allocs, want 0", allocs)
	}
	if _, err := Decode(buf); err != nil {
		t.Fatalf("benchmark event does not decode: %v", err)
	}
}

func BenchmarkAppendEvent100(b *testing.B) {
	batch, keys, data := benchBatch()
	buf := appendBench(nil, batch, keys, data)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		buf = appendBench(buf[:0], batch, keys, data)
	}
}

func BenchmarkJSONMarshal100(b *testing.B) {
	batch, keys, data := benchBatch()
	ev, err := Decode(appendBench(nil, batch, keys, data))
	if err != nil {
		b.Fatal(err)
	}
	out, _ := json.Marshal(ev)
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(ev); err != nil {
			b.Fatal(err)
		}
	}
}
