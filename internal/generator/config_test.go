package generator

import "testing"

func TestEveryKindAndEncodingIsAccepted(t *testing.T) {
	for _, k := range Kinds {
		for _, enc := range []Encoding{EncodingJSON, EncodingCSV, EncodingText} {
			kw := KindWeight{Kind: k, Weight: 2.5}
			if k == KindCustom {
				kw.Template = `{"k":"{{.Key}}"}`
			}
			cfg := Config{Kinds: []KindWeight{kw}, Encoding: enc, KeyCount: 10}
			if err := cfg.Validate(); err != nil {
				t.Errorf("%s/%s: %v", k, enc, err)
			}
			if _, ok := kindIDs[k]; !ok {
				t.Errorf("%s has no kind id", k)
			}
			if _, ok := encIDs[enc]; !ok {
				t.Errorf("%s has no encoding id", enc)
			}
		}
	}
}
