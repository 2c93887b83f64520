package generator

import (
	"strings"
	"testing"
)

// TestTemplateLimits: templates that would eat memory or time are refused
// by CheckTemplate with the limit they hit (issue 14.6).
func TestTemplateLimits(t *testing.T) {
	tests := []struct{ name, tmpl, err string }{
		{"huge IntRange", `{{range IntRange 1 1000000000}}x{{end}}`, "IntRange 1 1000000000: more than 524288 numbers"},
		{"overflowing IntRange", `{{range IntRange -9223372036854775807 9223372036854775807}}{{end}}`, "more than 524288 numbers"},
		{"huge Sentence", `{{Sentence 50000000}}`, "Sentence: count 50000000 is outside 0..524288"},
		{"negative Sentence", `{{Sentence -1}}`, "Sentence: count -1 is outside"},
		{"huge Paragraph", `{{Paragraph 1000 1000 1000 " "}}`, "Paragraph: 1000 paragraphs × 1000 sentences × 1000 words"},
		{"huge LetterN", `{{LetterN 100000000}}`, "LetterN: count 524289 is outside"},
		{"huge Password", `{{Password true true true true false 100000000}}`, "Password: count 100000000"},
		{"huge Image", `{{ImagePng 100000 100000}}`, "ImagePng: 100000 × 100000 pixels"},
		{"over the record limit", `{{range IntRange 1 2000}}` + strings.Repeat("x", 1000) + `{{end}}`, "renders more than 1048576 bytes"},
		{"too slow", `{{$r := IntRange 1 500000}}{{range $r}}{{$s := Sentence 200}}{{end}}`, "takes over 500ms to render"},
		{"at the limits", `{{range IntRange 1 3}}{{Sentence 5}} {{LetterN 3}}{{end}}{{Paragraph 1 2 3 "\n"}}`, ""},
	}
	for _, tc := range tests {
		err := checkTemplate(tc.tmpl)
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%s: CheckTemplate(%q) = %v, want an error containing %q", tc.name, tc.tmpl, err, tc.err)
		}
	}
}

// TestRecordStopsAtTheLimit: a record whose rendering outgrows 1 MiB at
// run time becomes a short "template error" record instead.
func TestRecordStopsAtTheLimit(t *testing.T) {
	g, err := newCustomGen(`{{range IntRange 1 500000}}{{LetterN 10}}{{end}}`, 1, true)
	if err != nil {
		t.Fatal(err)
	}
	w := &recWriter{enc: encText}
	g.record(&recCtx{w: w, key: "k", ts: &tsFormatter{}})
	if len(w.b) > 1024 || !strings.Contains(string(w.b), "template error") || !strings.Contains(string(w.b), "1 MiB") {
		t.Errorf("record of %d bytes: %.200q", len(w.b), w.b)
	}
}

func TestBoundedProduct(t *testing.T) {
	for _, tc := range []struct {
		ns   []int
		want int
	}{
		{[]int{2, 3, 4}, 24}, {[]int{0, 1 << 40}, 0}, {[]int{1 << 40, 1 << 40}, 101}, {nil, 1},
	} {
		if got := boundedProduct(100, tc.ns...); got != tc.want {
			t.Errorf("boundedProduct(100, %v) = %d, want %d", tc.ns, got, tc.want)
		}
	}
}
