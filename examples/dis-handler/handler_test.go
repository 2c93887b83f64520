package dishandler

import (
	"bytes"
	"embed"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/disload/disload/disloadtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixtures holds a corpus made with
//
//	go run ../../cmd/disload gen clicks -n 20 --batch 10 -o testdata/clicks.jsonl
//
//go:embed testdata/clicks.jsonl
var fixtures embed.FS

// call runs the handler and returns its Funnel, failing the test on an
// error.
func call(t *testing.T, ctx RuntimeContext, payload []byte) *Funnel {
	t.Helper()
	res, err := DisTest(payload, ctx)
	if err != nil {
		t.Fatalf("DisTest: %v (result %v)", err, res)
	}
	f, ok := res.(*Funnel)
	if !ok {
		t.Fatalf("DisTest answered %T %v, want a *Funnel", res, res)
	}
	return f
}

// TestDisTestOnGeneratedClicks checks the handler's counts against the
// records as disload decodes them, on 30 batches of 100 clicks.
func TestDisTestOnGeneratedClicks(t *testing.T) {
	ctx := disloadtest.NewContext(t)
	total := map[string]int{}
	for i, payload := range disloadtest.Events(t, "clicks", 30) {
		got := call(t, ctx, payload)
		want := map[string]int{}
		for _, r := range disloadtest.Decode(t, payload).Message.Records {
			var c click
			if err := json.Unmarshal(r.Data, &c); err != nil {
				t.Fatal(err)
			}
			want[c.Event]++
			total[c.Event]++
		}
		if got.Records != 100 || got.Skipped != 0 || !equal(got.Steps, want) || got.Purchases != want["purchase"] {
			t.Errorf("event %d: %+v, want 100 records with steps %v", i, got, want)
		}
	}
	if total["view"] <= total["purchase"] || total["purchase"] == 0 {
		t.Errorf("3000 clicks with funnel %v: want purchases, and more views than purchases", total)
	}
	if lines := ctx.Lines(); len(lines) != 30 || !strings.HasPrefix(lines[0], "payload:StreamName=dis-clickstream ShardID=shardId-") {
		t.Errorf("logged %d lines, first %q", len(lines), lines[0])
	}
}

// TestDisTestSkipsOtherKinds runs the mixed stream: clicks, transactions,
// logs and locations.
func TestDisTestSkipsOtherKinds(t *testing.T) {
	ctx := disloadtest.NewContext(t)
	skipped := 0
	for _, payload := range disloadtest.Events(t, "mixed", 5) {
		f := call(t, ctx, payload)
		clicks := 0
		for _, n := range f.Steps {
			clicks += n
		}
		if clicks+f.Skipped != f.Records {
			t.Errorf("%d clicks + %d skipped != %d records", clicks, f.Skipped, f.Records)
		}
		skipped += f.Skipped
	}
	if skipped == 0 {
		t.Error("no record of the mixed stream was skipped")
	}
}

// TestDisTestCorpus compares the handler's answers on the fixture corpus
// with testdata/funnels.golden (go test -update rewrites it).
func TestDisTestCorpus(t *testing.T) {
	ctx := disloadtest.NewContext(t)
	var out bytes.Buffer
	for _, payload := range disloadtest.Corpus(t, fixtures, "testdata/clicks.jsonl") {
		line, err := json.Marshal(call(t, ctx, payload))
		if err != nil {
			t.Fatal(err)
		}
		out.Write(append(line, '\n'))
	}
	const golden = "testdata/funnels.golden"
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("answers differ from %s:\n%s", golden, out.Bytes())
	}
}

func TestDisTestInvalid(t *testing.T) {
	documented, err := os.ReadFile("testdata/documented-event.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, payload, err string
	}{
		{"not JSON", `welcome`, "invalid character 'w'"},
		{"records not a list", `{"Message":{"records":{}}}`, "cannot unmarshal object"},
		{"bad base64", `{"Message":{"records":[{"data":"!!","sequence_number":"7"}]}}`, "record 0 (sequence_number 7): data: illegal base64"},
		{"the documented example's records", string(documented), "record 0 (sequence_number 0): not a JSON record"},
	} {
		ctx := disloadtest.NewContext(t)
		res, err := DisTest([]byte(tc.payload), ctx)
		if res != "invalid data" || err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: DisTest = %v, %v; want invalid data, %q", tc.name, res, err, tc.err)
		}
		if lines := ctx.Lines(); len(lines) == 0 || !strings.Contains(lines[len(lines)-1], tc.err) {
			t.Errorf("%s: logged %q, want the error", tc.name, lines)
		}
	}
}

func equal(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
