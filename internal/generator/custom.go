package generator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"text/template"
	"time"

	"github.com/brianvoe/gofakeit/v6"
)

// Custom records are rendered from a user's text/template with gofakeit v6's
// template functions (see templateFuncs) and TemplateData as the dot:
//
//	{"order":"{{UUID}}","user":"{{.Key}}","amount":{{Price 1 500}},"at":"{{.Timestamp}}"}
//
// Encoding json expects the template to render one JSON object; "type":
// "custom" is put first unless the template writes a top-level "type"
// itself. A rendering that is not a JSON object becomes
// {"type":"custom","raw":"<the text>"}. Encoding csv writes "custom," and
// the rendering; text writes the rendering as it is. (Unlike gofakeit's
// Template, the two characters \n are kept as they are, so JSON escapes
// survive.)

// ExampleTemplate is a custom record template, used by sample.
const ExampleTemplate = `{"order_id":"{{UUID}}","customer":"{{.Key}}","email":"{{Email}}",` +
	`"item":{{JSONString ProductName}},"quantity":{{Number 1 5}},"price":{{Price 2 300}},"at":"{{.Timestamp}}"}`

// TemplateData is the dot of a custom record template.
type TemplateData struct {
	Key       string    // the record's partition key
	Partition int       // the partition it lands on
	Sequence  int64     // its sequence number
	Time      time.Time // its virtual time
	Timestamp string    // Time as RFC 3339 UTC with milliseconds
}

// customGen renders custom records on one partition with its own faker.
type customGen struct {
	tmpl       *template.Template
	data       TemplateData
	out        appendWriter
	injectType bool
}

// newCustomGen parses src for a partition whose faker is seeded by seed;
// injectType is !hasTypeKey(src), judged once per Source.
func newCustomGen(src string, seed int64, injectType bool) (*customGen, error) {
	g, err := parseCustom(src, seed)
	if err != nil {
		return nil, err
	}
	g.injectType = injectType
	return g, nil
}

// hasTypeKey reports whether a template renders a top-level "type" key,
// judged from one rendering with a throw-away faker.
func hasTypeKey(src string) bool {
	out, err := renderOnce(src, 1)
	if err != nil {
		return false
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(out, &top) != nil {
		return false
	}
	_, ok := top["type"]
	return ok
}

func (g *customGen) record(c *recCtx) bool {
	t := time.Unix(0, c.now).UTC()
	g.data = TemplateData{Key: c.key, Partition: c.part, Sequence: c.seq, Time: t,
		Timestamp: string(c.ts.appendTS(nil, c.now))}
	g.out.b = g.out.b[:0]
	if err := g.tmpl.Execute(&g.out, &g.data); err != nil {
		g.out.b = append(g.out.b[:0], "template error: "...)
		g.out.b = append(g.out.b, err.Error()...)
	}
	w := c.w
	w.start = len(w.b)
	switch w.enc {
	case encCSV:
		w.b = append(w.b, "custom,"...)
		w.b = append(w.b, g.out.b...)
	case encText:
		w.b = append(w.b, g.out.b...)
	default:
		g.writeJSON(w)
	}
	return false
}

// writeJSON writes the rendering as a JSON object without its closing brace.
func (g *customGen) writeJSON(w *recWriter) {
	out := bytes.TrimSpace(g.out.b)
	if len(out) < 2 || out[0] != '{' || !json.Valid(out) {
		w.begin("custom")
		w.str(fRaw, string(g.out.b))
		return
	}
	inner := bytes.TrimSpace(out[1 : len(out)-1])
	if !g.injectType && len(inner) > 0 {
		w.b = append(w.b, '{')
		w.b = append(w.b, inner...)
		return
	}
	w.begin("custom")
	if len(inner) > 0 {
		w.b = append(w.b, ',')
		w.b = append(w.b, inner...)
	}
}

// CheckTemplate reports whether tmpl can render custom records: it must be
// non-empty, parse with gofakeit's template functions and render without
// error (within the limits: MaxRecordSize, MaxTemplateCount,
// MaxTemplatePixels, MaxRenderTime per record), and a rendering that
// starts with '{' must be a valid JSON object.
func CheckTemplate(tmpl string) error {
	return cachedCheck(tmpl, checkTemplate)
}

// checkTemplate is CheckTemplate without the cache.
func checkTemplate(tmpl string) error {
	if strings.TrimSpace(tmpl) == "" {
		return errors.New("template is empty")
	}
	for seed := int64(1); seed <= 3; seed++ {
		out, err := renderTimed(tmpl, seed)
		if err != nil {
			return err
		}
		if bytes.HasPrefix(bytes.TrimSpace(out), []byte("{")) {
			if err := checkObject(out); err != nil {
				return err
			}
		}
	}
	return nil
}

// renderOnce renders a template with a faker seeded by seed and sample data.
func renderOnce(src string, seed int64) ([]byte, error) {
	return render(src, seed, nil)
}

// render is renderOnce whose writes fail once abandoned is set.
func render(src string, seed int64, abandoned *atomic.Bool) ([]byte, error) {
	g, err := parseCustom(src, seed)
	if err != nil {
		return nil, err
	}
	g.out.abandoned = abandoned
	g.data = TemplateData{Key: "key-000001", Time: defaultStart, Timestamp: defaultStart.Format("2006-01-02T15:04:05.000Z")}
	if err := g.tmpl.Execute(&g.out, &g.data); err != nil {
		return nil, err
	}
	return g.out.b, nil
}

// parseCustom parses src with the function map of a faker seeded by seed.
func parseCustom(src string, seed int64) (*customGen, error) {
	g := &customGen{}
	f := gofakeit.NewUnlocked(seed)
	t, err := template.New("custom").Funcs(templateFuncs(f, func() time.Time { return g.data.Time }, g.stopped)).Parse(src)
	if err != nil {
		return nil, err
	}
	g.tmpl = t
	return g, nil
}

// stopped is errAbandoned once nobody waits for the rendering any more.
func (g *customGen) stopped() error {
	if a := g.out.abandoned; a != nil && a.Load() {
		return errAbandoned
	}
	return nil
}

// checkObject reports whether out is one JSON object.
func checkObject(out []byte) error {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(out, &top); err != nil {
		const limit = 120
		shown := string(out)
		if len(shown) > limit {
			shown = shown[:limit] + "..."
		}
		return fmt.Errorf("renders invalid JSON (%v): %s", err, shown)
	}
	return nil
}

func (g *customGen) touch(int) byte { return 0 }
