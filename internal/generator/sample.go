package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// sampleRecords is how many records sample looks through for one that
// shows the kind well (a click with a product, an approved payment, ...).
const sampleRecords = 200

// sampleKind returns one record of a kind as indented JSON, for
// documentation (testdata/sample_*.json); custom records use
// ExampleTemplate. The same seed gives the same sample.
func sampleKind(kind Kind, seed int64) ([]byte, error) {
	tmpl := ""
	if kind == KindCustom {
		tmpl = ExampleTemplate
	}
	return sample(KindWeight{Kind: kind, Weight: 1, Template: tmpl}, seed)
}

// sampleTemplate returns one record rendered from a custom template as
// indented JSON.
func sampleTemplate(tmpl string, seed int64) ([]byte, error) {
	return sample(KindWeight{Kind: KindCustom, Weight: 1, Template: tmpl}, seed)
}

func sample(kw KindWeight, seed int64) ([]byte, error) {
	s, err := New(Config{Seed: seed, Kinds: []KindWeight{kw}, KeyCount: 100})
	if err != nil {
		return nil, err
	}
	ps := s.PartitionStream(0)
	var best []byte
	for range sampleRecords {
		data, _, _ := ps.NextRecord(nil)
		if best == nil || showsWell(kw.Kind, data) {
			best = data
		}
		if showsWell(kw.Kind, data) {
			break
		}
	}
	var out bytes.Buffer
	if err := json.Indent(&out, best, "", "  "); err != nil {
		return nil, fmt.Errorf("sample %s record is not JSON: %w", kw.Kind, err)
	}
	return out.Bytes(), nil
}

// showsWell picks samples that carry a kind's optional fields.
func showsWell(k Kind, data []byte) bool {
	switch k {
	case KindClick:
		return bytes.Contains(data, []byte(`"event":"add_to_cart"`))
	case KindTransaction:
		return bytes.Contains(data, []byte(`"status":"approved"`))
	case KindLog:
		return bytes.Contains(data, []byte(`"source":"access"`))
	}
	return true
}
