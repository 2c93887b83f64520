package dis

import (
	"reflect"
	"strings"
	"testing"
)

func TestDecodeDocumented(t *testing.T) {
	for _, path := range []string{goldenPretty, goldenCompact} {
		ev, err := Decode(readFile(t, path))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if ev.ShardID != "shardId-0000000000" || ev.Tag != "latest" || ev.StreamName != "dis-swtest" ||
			ev.Message.MillisBehindLatest != "" {
			t.Errorf("%s: top level = %+v", path, ev)
		}
		if len(ev.Message.Records) != len(documentedRecords) {
			t.Fatalf("%s: %d records, want %d", path, len(ev.Message.Records), len(documentedRecords))
		}
		for i, r := range ev.Message.Records {
			if string(r.Data) != documentedRecords[i] || r.SequenceNumber != string(rune('0'+i)) ||
				r.PartitionKey != "shardId_0000000000" {
				t.Errorf("%s: record %d = %q %q %q", path, i, r.PartitionKey, r.Data, r.SequenceNumber)
			}
		}
		c, err := ParseCursor(ev.Message.NextPartitionCursor)
		if err != nil {
			t.Fatal(err)
		}
		if c != documentedCursorValue {
			t.Errorf("%s: cursor = %+v, want %+v", path, c, documentedCursorValue)
		}
	}
}

func TestDecodeSpellings(t *testing.T) {
	tests := []struct {
		name, in            string
		wantCursor, wantLag string
	}{
		{"documented", `{"Message":{"next_partition_cursor":"c","millis_behind_latest":"5"}}`, "c", "5"},
		{"huawei", `{"Message":{"next_patition_cursor":"c","millisBehindLatest":"5"}}`, "c", "5"},
		{"both, documented wins", `{"Message":{"next_patition_cursor":"h","next_partition_cursor":"d"}}`, "d", ""},
		{"both, documented empty", `{"Message":{"next_patition_cursor":"h","next_partition_cursor":""}}`, "h", ""},
		{"case-insensitive", `{"shardid":"s","MESSAGE":{"Next_Partition_Cursor":"c"},"tag":"t","streamname":"n"}`, "c", ""},
	}
	for _, tt := range tests {
		ev, err := Decode([]byte(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if ev.Message.NextPartitionCursor != tt.wantCursor || ev.Message.MillisBehindLatest != tt.wantLag {
			t.Errorf("%s: cursor %q lag %q, want %q %q", tt.name, ev.Message.NextPartitionCursor,
				ev.Message.MillisBehindLatest, tt.wantCursor, tt.wantLag)
		}
	}
	ev, _ := Decode([]byte(tests[4].in))
	want := &TriggerEvent{ShardID: "s", Message: Message{NextPartitionCursor: "c"}, Tag: "t", StreamName: "n"}
	if !reflect.DeepEqual(ev, want) {
		t.Errorf("case-insensitive decode = %+v, want %+v", ev, want)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "empty input"},
		{"blank", " \n", "empty input"},
		{"array", "[]", "want a JSON object, input starts with '['"},
		{"null", "null", "want a JSON object"},
		{"syntax", `{"ShardID":}`, "not JSON at byte"},
		{"truncated", `{"ShardID":"x"`, "not JSON"},
		{"trailing", `{} x`, "not JSON"},
		{"number seq", `{"Message":{"records":[{"sequence_number":3}]}}`, "Message.records.sequence_number: JSON number at byte"},
		{"bad base64", `{"Message":{"records":[{"data":"@@"}]}}`, "Message.records[].data is not standard base64"},
		{"string message", `{"Message":"x"}`, "Message: JSON string"},
	}
	for _, tt := range tests {
		_, err := Decode([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Decode error = %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, path := range []string{goldenPretty, goldenCompact, goldenHuawei} {
		f.Add(readFile(f, path))
	}
	f.Add([]byte(`{"Message":{"records":[{"data":null}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := Decode(data)
		if err != nil {
			return
		}
		for _, d := range []Dialect{DialectDocumented, DialectHuaweiSDK} {
			again, err := Decode(AppendEvent(nil, ev, d))
			if err != nil {
				t.Fatalf("re-encoded event (%v) does not decode: %v", d, err)
			}
			if !sameEvent(ev, again) {
				t.Fatalf("re-encoded event (%v) differs:\n%+v\n%+v", d, ev, again)
			}
		}
	})
}

// sameEvent compares events, treating nil and empty slices alike.
func sameEvent(a, b *TriggerEvent) bool {
	if a.ShardID != b.ShardID || a.Tag != b.Tag || a.StreamName != b.StreamName ||
		a.Message.NextPartitionCursor != b.Message.NextPartitionCursor ||
		a.Message.MillisBehindLatest != b.Message.MillisBehindLatest ||
		len(a.Message.Records) != len(b.Message.Records) {
		return false
	}
	for i, r := range a.Message.Records {
		s := b.Message.Records[i]
		if r.PartitionKey != s.PartitionKey || r.SequenceNumber != s.SequenceNumber || string(r.Data) != string(s.Data) {
			return false
		}
	}
	return true
}

func BenchmarkDecode(b *testing.B) {
	batch, keys, data := benchBatch()
	buf := appendBench(nil, batch, keys, data)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(buf); err != nil {
			b.Fatal(err)
		}
	}
}
