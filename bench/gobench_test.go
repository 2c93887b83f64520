package main

import (
	"slices"
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	got := quote([]string{"test", "-run", "^$", "-bench", "PoolNoop|BareRPC", "./dis"})
	want := []string{"test", "-run", "'^$'", "-bench", "'PoolNoop|BareRPC'", "./dis"}
	if !slices.Equal(got, want) {
		t.Errorf("quote = %q, want %q", got, want)
	}
}

func TestSeenName(t *testing.T) {
	rows := [][]string{{"AppendEvent100", "1", "2"}}
	if !seenName(rows, "BenchmarkAppendEvent100") || seenName(rows, "BenchmarkJSONMarshal100") {
		t.Error("seenName")
	}
}

func TestMachine(t *testing.T) {
	if m := machine(); !strings.Contains(m, "CPUs") {
		t.Errorf("machine() = %q", m)
	}
	if !strings.HasPrefix(goVersion(), "go") {
		t.Errorf("goVersion() = %q", goVersion())
	}
}
