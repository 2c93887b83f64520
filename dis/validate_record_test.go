package dis

import (
	"strings"
	"testing"
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
		if got := matchKey(tt.key, names); got != tt.want {
			t.Errorf("matchKey(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
	if got := matchKey("\u212aey", []string{"key"}); got != "key" {
		t.Errorf("Kelvin-sign key did not fold like encoding/json: %q", got)
	}
}

func TestArticleAndJoin(t *testing.T) {
	for in, want := range map[string]string{"object": "an object", "array": "an array", "null": "null", "string": "a string"} {
		if got := article(in); got != want {
			t.Errorf("article(%q) = %q, want %q", in, got, want)
		}
	}
	if joinPath("", "Tag") != "Tag" || joinPath("Message", "records") != "Message.records" {
		t.Error("joinPath")
	}
}
