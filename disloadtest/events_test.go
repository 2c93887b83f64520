package disloadtest

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/internal/golden"
	"github.com/disload/disload/internal/scenarios"
)

// TestEventsMatchGen checks that Events gives the events `disload gen`
// wrote (testdata/default.jsonl: `disload gen default -n 5`), byte for byte.
func TestEventsMatchGen(t *testing.T) {
	got := Events(t, "default", 5)
	if golden.Update() {
		golden.Check(t, "testdata/default.jsonl", append(bytes.Join(got, []byte("\n")), '\n'))
	}
	want := Corpus(t, os.DirFS("testdata"), "default.jsonl")
	if len(got) != len(want) {
		t.Fatalf("%d events, want %d", len(got), len(want))
	}
	for i := range got {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("event %d:\n got %.120s\nwant %.120s", i, got[i], want[i])
		}
	}
}

func TestEvents(t *testing.T) {
	for _, tc := range []struct {
		scenario   string
		n, records int
		stream     string
	}{
		{"", 3, 10, "dis-clickstream"},
		{"default", 4, 10, "dis-clickstream"},
		{"transactions", 2, 0, ""},
		{"testdata/small.yaml", 6, 3, "dis-payments"},
		{"default", 0, 0, ""},
	} {
		events := Events(t, tc.scenario, tc.n)
		if len(events) != tc.n {
			t.Fatalf("Events(%q, %d): %d events", tc.scenario, tc.n, len(events))
		}
		for i, e := range events {
			if p := dis.Validate(e); len(p) > 0 {
				t.Errorf("Events(%q)[%d]: %v", tc.scenario, i, p)
			}
			ev := Decode(t, e)
			if tc.records > 0 && len(ev.Message.Records) != tc.records {
				t.Errorf("Events(%q)[%d]: %d records, want %d", tc.scenario, i, len(ev.Message.Records), tc.records)
			}
			if tc.stream != "" && ev.StreamName != tc.stream {
				t.Errorf("Events(%q)[%d]: stream %q, want %q", tc.scenario, i, ev.StreamName, tc.stream)
			}
		}
	}
}

func TestEventsDeterministicAndIndependent(t *testing.T) {
	a, b := Events(t, "mixed", 20), Events(t, "mixed", 20)
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Fatalf("event %d differs between two calls", i)
		}
	}
	second := bytes.Clone(a[1])
	_ = append(a[0], "appended past the end"...)
	if !bytes.Equal(a[1], second) {
		t.Errorf("appending to event 0 changed event 1")
	}
}

func TestEventsFromOtherSettings(t *testing.T) {
	sc, err := scenarios.Builtin("default")
	if err != nil {
		t.Fatal(err)
	}
	sc = sc.Clone()
	sc.Batch.Size, sc.Seed = 1, 99
	events, err := eventsFrom(sc, 3)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(Decode(t, events[0]).Message.Records); n != 1 {
		t.Errorf("batch size 1: %d records", n)
	}
	if bytes.Equal(events[0], Events(t, "default", 1)[0]) {
		t.Errorf("seed 99 made the same first event as seed 42")
	}
}

func TestEventsFromErrors(t *testing.T) {
	sc := scenarios.Default()
	broken := sc.Clone()
	broken.Records.Keys.Skew = -1
	for _, tc := range []struct {
		name string
		sc   *scenarios.Scenario
		n    int
		want string
	}{
		{"nil scenario", nil, 1, "no scenario"},
		{"negative n", sc, -1, "n = -1: must not be negative"},
		{"bad generator config", broken, 1, "KeySkew: -1"},
	} {
		if _, err := eventsFrom(tc.sc, tc.n); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func TestEventsFailsTheTest(t *testing.T) {
	for _, tc := range []struct {
		scenario string
		n        int
		want     string
	}{
		{"no-such-scenario", 1, `disloadtest: scenario "no-such-scenario"`},
		{"testdata/missing.yaml", 1, `scenario "testdata/missing.yaml"`},
		{"default", -2, "must not be negative"},
	} {
		msg := fails(func(tb testing.TB) { Events(tb, tc.scenario, tc.n) })
		if !strings.Contains(msg, tc.want) {
			t.Errorf("Events(%q, %d) failed with %q, want %q", tc.scenario, tc.n, msg, tc.want)
		}
	}
}

func TestDecode(t *testing.T) {
	documented, err := os.ReadFile("../dis/testdata/documented-event.json")
	if err != nil {
		t.Fatal(err)
	}
	ev := Decode(t, documented)
	if got := string(ev.Message.Records[2].Data); got != "FunctionStage" {
		t.Errorf("record 2 = %q, want FunctionStage", got)
	}
	if msg := fails(func(tb testing.TB) { Decode(tb, []byte("not json")) }); !strings.Contains(msg, `disloadtest: decode "not json"`) {
		t.Errorf("Decode(not json) failed with %q", msg)
	}
}
