package main

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestReport(t *testing.T) {
	var r report
	r.printf("# title\n")
	r.table([]string{"a", "b"}, [][]string{{"1", f2(2)}, {f0(3.4), f1(5.55)}})
	r.verdict(true, "ratio %.2f×", 1.25)
	r.verdict(false, "error %s", pct(99, 100))
	r.met(true, "within %d×", 2)
	r.met(false, "p99 %.2f×", 11.76)
	r.goal(true, "disload / wrk = %.2f×", 1.01)
	r.goal(false, "disload / wrk = %.2f×", 0.76)
	r.commands([]string{"cmd one", "cmd two", "cmd one"})
	var out strings.Builder
	if err := r.writeTo(&out); err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/report.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Errorf("report:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestLoadAvgAndSection(t *testing.T) {
	if la := loadAvg(); len(strings.Fields(la)) != 3 {
		t.Errorf("loadAvg() = %q, want three figures", la)
	}
	var r report
	r.section("Closed loop")
	if s := r.b.String(); !strings.Contains(s, "## Closed loop") || !strings.Contains(s, "_load average at start: ") {
		t.Errorf("section wrote %q", s)
	}
}
