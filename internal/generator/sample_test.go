package generator

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/disload/disload/internal/golden"
)

func TestSampleGolden(t *testing.T) {
	for _, k := range Kinds {
		got, err := sampleKind(k, 1)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(got, &m); err != nil || m["type"] != string(k) {
			t.Errorf("%s sample: type %v, %v", k, m["type"], err)
		}
		again, _ := sampleKind(k, 1)
		if !bytes.Equal(got, again) {
			t.Errorf("%s: two samples with seed 1 differ", k)
		}
		golden.Check(t, filepath.Join("testdata", "sample_"+string(k)+".json"), append(got, '\n'))
	}
}

func TestSampleErrors(t *testing.T) {
	if _, err := sampleKind("nope", 1); err == nil {
		t.Error("no error for an unknown kind")
	}
	if _, err := sampleTemplate("{{", 1); err == nil {
		t.Error("no error for a broken template")
	}
	got, err := sampleTemplate(`{"city":"{{City}}"}`, 3)
	if err != nil || !bytes.Contains(got, []byte(`"city": `)) {
		t.Errorf("sampleTemplate = %s, %v", got, err)
	}
	if got, err := sampleTemplate(`just {{City}}`, 3); err != nil || !bytes.Contains(got, []byte(`"raw": "just `)) {
		t.Errorf("text template sample = %s, %v; want the text in a raw field", got, err)
	}
}
