package dis

import (
	"strings"
	"testing"

	"github.com/disload/disload/internal/jsonwalk"
)

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		msg  string
	}{
		{"0", 0, ""},
		{"42", 42, ""},
		{"9223372036854775807", 9223372036854775807, ""},
		{"9223372036854775808", 0, "out of range"},
		{"", 0, "want a decimal"},
		{"007", 0, "leading zeros"},
		{"+1", 0, "want a decimal"},
		{"1.0", 0, "want a decimal"},
		{" 1", 0, "want a decimal"},
	}
	for _, tt := range tests {
		got, msg := parseDecimal(tt.in)
		if got != tt.want || (tt.msg == "") != (msg == "") || !strings.Contains(msg, tt.msg) {
			t.Errorf("parseDecimal(%q) = %d, %q, want %d, %q", tt.in, got, msg, tt.want, tt.msg)
		}
	}
}

func TestMatchKey(t *testing.T) {
	names := []string{"ShardID", "Tag", "tag"}
	tests := []struct{ key, want string }{
		{"ShardID", "ShardID"},
		{"shardid", "ShardID"},
		{"SHARDID", "ShardID"},
		{"tag", "tag"}, // an exact match wins over a folded one
		{"TAG", "Tag"},
		{"Shard_ID", ""},
		{"\u212aey", ""}, // Kelvin sign folds to k, not to anything here
	}
	for _, tt := range tests {
		if got := jsonwalk.MatchKey(tt.key, names); got != tt.want {
			t.Errorf("jsonwalk.MatchKey(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
	if got := jsonwalk.MatchKey("\u212aey", []string{"key"}); got != "key" {
		t.Errorf("Kelvin-sign key did not fold like encoding/json: %q", got)
	}
}

func TestArticleAndJoin(t *testing.T) {
	for in, want := range map[string]string{"object": "an object", "array": "an array", "null": "null", "string": "a string"} {
		if got := jsonwalk.Article(in); got != want {
			t.Errorf("jsonwalk.Article(%q) = %q, want %q", in, got, want)
		}
	}
	if jsonwalk.JoinPath("", "Tag") != "Tag" || jsonwalk.JoinPath("Message", "records") != "Message.records" {
		t.Error("joinPath")
	}
}

// TestValidateSizeLimits: a record's data over 1 MiB and an event over
// 6 MB are problems; data at the limit is not (issue 14.8).
func TestValidateSizeLimits(t *testing.T) {
	event := func(records ...[]byte) []byte {
		b := &Batch{Partition: 0, StreamName: "s", Tag: "latest", NextSequence: int64(len(records)), CursorTimestamp: 1}
		ev := AppendEventHead(nil, b)
		for i, r := range records {
			ev = AppendRecord(ev, i, "k", r, int64(i))
		}
		return AppendEventTail(ev, b)
	}
	big := make([]byte, MaxRecordData)
	tests := []struct {
		name string
		data []byte
		want []string
	}{
		{"at the record limit", event(big), nil},
		{"over the record limit", event(append(big, 1)), []string{"Message.records[0].data: 1048577 bytes of data, above DIS's record limit"}},
		{"over the event limit", event(big, big, big, big, big, big),
			[]string{": the event is ", "above the 6291456 bytes (6 MB)"}},
	}
	for _, tc := range tests {
		var got []string
		for _, p := range Validate(tc.data) {
			got = append(got, p.Error())
		}
		all := strings.Join(got, "\n")
		if (len(tc.want) == 0) != (len(got) == 0) {
			t.Errorf("%s: problems %q, want %q", tc.name, got, tc.want)
		}
		for _, w := range tc.want {
			if !strings.Contains(": "+all, w) {
				t.Errorf("%s: problems %q lack %q", tc.name, got, w)
			}
		}
	}
}
