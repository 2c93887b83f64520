package scenarios

import (
	"errors"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  Error
		want string
	}{
		{Error{File: "a.yaml", Line: 3, Col: 5, Field: "load.rate", Msg: "bad"}, "a.yaml:3:5: load.rate: bad"},
		{Error{Field: "load.rate", Msg: "bad"}, "load.rate: bad"},
		{Error{File: "a.yaml", Msg: "syntax error: x"}, "a.yaml: syntax error: x"},
		{Error{File: "a.yaml", Line: 1, Col: 1, Msg: "m"}, "a.yaml:1:1: m"},
		{Error{Msg: "m"}, "m"},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%+v.Error() = %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestErrorList(t *testing.T) {
	a := &Error{File: "f", Line: 2, Col: 1, Msg: "two"}
	b := &Error{File: "f", Line: 1, Col: 9, Msg: "one"}
	l := ErrorList{a, b, a}.sorted()
	if got, want := l.Error(), "f:1:9: one\nf:2:1: two"; got != want {
		t.Errorf("sorted list = %q, want %q", got, want)
	}
	var e *Error
	if !errors.As(error(l), &e) || e != b {
		t.Errorf("errors.As found %v, want the first problem", e)
	}
	if ErrorList(nil).err() != nil {
		t.Error("empty list is not a nil error")
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"rate", "duration", "partition_type", "concurrency", "on_full", "mode"}
	tests := []struct{ word, want string }{
		{"ratee", "rate"},
		{"Rate", "rate"},
		{"partitionType", "partition_type"},
		{"partition-type", "partition_type"},
		{"duraton", "duration"},
		{"concurency", "concurrency"},
		{"onfull", "on_full"},
		{"xyz", ""},
		{"m", ""},
		{"speed", ""},
	}
	for _, tc := range tests {
		if got := closest(tc.word, known); got != tc.want {
			t.Errorf("closest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
	if got := suggest("ratee", known); got != `; did you mean "rate"?` {
		t.Errorf("suggest = %q", got)
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"rate", "ratee", 1}, {"µs", "us", 1},
	}
	for _, tc := range tests {
		if got := distance(tc.a, tc.b); got != tc.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestOneLine(t *testing.T) {
	if got := oneLine("a\nb\r\n  c"); got != "a b c" {
		t.Errorf("oneLine = %q", got)
	}
}
