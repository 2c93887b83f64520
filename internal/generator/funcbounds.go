package generator

import (
	"cmp"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/brianvoe/gofakeit/v6"
)

// Limits of custom record templates, so that a template cannot eat the
// machine: a rendering stops at the DIS record limit, the template
// functions that make something n times long refuse an n no record could
// hold, and CheckTemplate refuses a template slower than MaxRenderTime.
const (
	// MaxTemplateCount bounds the count arguments of template functions
	// (IntRange's length, Sentence's words, DigitN's digits, ...): more
	// than a 1 MiB record can hold at two bytes each.
	MaxTemplateCount = MaxRecordSize / 2
	// MaxTemplatePixels bounds Image's width × height (4 bytes a pixel:
	// 1 MiB).
	MaxTemplatePixels = MaxRecordSize / 4
	// MaxRenderTime is the longest one record may take to render when a
	// template is checked; a slower template could not feed a load test.
	MaxRenderTime = 500 * time.Millisecond
)

// errRecordTooLarge stops a rendering that outgrows a DIS record.
var errRecordTooLarge = fmt.Errorf("renders more than %d bytes (1 MiB, the DIS record limit)", MaxRecordSize)

// errAbandoned stops a rendering whose check has given up waiting.
var errAbandoned = errors.New("rendering abandoned: too slow")

// appendWriter is an io.Writer appending to a byte slice, up to
// MaxRecordSize bytes.
type appendWriter struct {
	b         []byte
	abandoned *atomic.Bool // set when nobody waits for the rendering any more
}

// Write appends p, or fails once the record would pass the DIS limit.
func (a *appendWriter) Write(p []byte) (int, error) {
	if a.abandoned != nil && a.abandoned.Load() {
		return 0, errAbandoned
	}
	if len(a.b)+len(p) > MaxRecordSize {
		return 0, errRecordTooLarge
	}
	a.b = append(a.b, p...)
	return len(p), nil
}

// countArg checks a count argument of a template function.
func countArg(fn string, n, limit int) error {
	if n < 0 || n > limit {
		return fmt.Errorf("%s: count %d is outside 0..%d (a DIS record holds at most 1 MiB)", fn, n, limit)
	}
	return nil
}

// boundedProduct is a*b*c, saturating above limit (the arguments are >= 0).
func boundedProduct(limit int, ns ...int) int {
	p := 1
	for _, n := range ns {
		if n != 0 && p > limit/n {
			return limit + 1
		}
		p *= n
	}
	return p
}

// boundedFuncs replaces the template functions whose work grows with an
// argument by versions that call stop and check the argument first.
func boundedFuncs(f *gofakeit.Faker, stop func() error) map[string]any {
	words := func(name string, fn func(int) string) func(int) (string, error) {
		return func(n int) (string, error) {
			if err := cmp.Or(stop(), countArg(name, n, MaxTemplateCount)); err != nil {
				return "", err
			}
			return fn(n), nil
		}
	}
	paragraphs := func(name string, fn func(int, int, int, string) string) func(int, int, int, string) (string, error) {
		return func(p, s, w int, sep string) (string, error) {
			if err := stop(); err != nil {
				return "", err
			}
			if p < 0 || s < 0 || w < 0 || boundedProduct(MaxTemplateCount, p, s, w) > MaxTemplateCount {
				return "", fmt.Errorf("%s: %d paragraphs × %d sentences × %d words is outside 0..%d words", name, p, s, w, MaxTemplateCount)
			}
			return fn(p, s, w, sep), nil
		}
	}
	letters := func(name string, fn func(uint) string) func(uint) (string, error) {
		return func(n uint) (string, error) {
			if err := stop(); err != nil {
				return "", err
			}
			if n > MaxTemplateCount {
				return "", countArg(name, MaxTemplateCount+1, MaxTemplateCount)
			}
			return fn(n), nil
		}
	}
	return map[string]any{
		"IntRange": func(start, end int) ([]int, error) {
			if err := stop(); err != nil {
				return nil, err
			}
			return intRange(start, end)
		},
		"Sentence":            words("Sentence", f.Sentence),
		"HipsterSentence":     words("HipsterSentence", f.HipsterSentence),
		"LoremIpsumSentence":  words("LoremIpsumSentence", f.LoremIpsumSentence),
		"Paragraph":           paragraphs("Paragraph", f.Paragraph),
		"HipsterParagraph":    paragraphs("HipsterParagraph", f.HipsterParagraph),
		"LoremIpsumParagraph": paragraphs("LoremIpsumParagraph", f.LoremIpsumParagraph),
		"DigitN":              letters("DigitN", f.DigitN),
		"LetterN":             letters("LetterN", f.LetterN),
		"Dice": func(n uint, sides []uint) ([]uint, error) {
			if err := stop(); err != nil {
				return nil, err
			}
			if n > MaxTemplateCount {
				return nil, countArg("Dice", MaxTemplateCount+1, MaxTemplateCount)
			}
			return f.Dice(n, sides), nil
		},
		"Password": func(lower, upper, numeric, special, space bool, n int) (string, error) {
			if err := cmp.Or(stop(), countArg("Password", n, MaxTemplateCount)); err != nil {
				return "", err
			}
			return f.Password(lower, upper, numeric, special, space, n), nil
		},
		"Image":     imageFunc("Image", f.Image, stop),
		"ImageJpeg": imageFunc("ImageJpeg", f.ImageJpeg, stop),
		"ImagePng":  imageFunc("ImagePng", f.ImagePng, stop),
	}
}

// imageFunc bounds an image function's width × height.
func imageFunc[T any](name string, fn func(int, int) T, stop func() error) func(int, int) (T, error) {
	return func(w, h int) (T, error) {
		var zero T
		if err := stop(); err != nil {
			return zero, err
		}
		if w < 0 || h < 0 || boundedProduct(MaxTemplatePixels, w, h) > MaxTemplatePixels {
			return zero, fmt.Errorf("%s: %d × %d pixels is outside 0..%d", name, w, h, MaxTemplatePixels)
		}
		return fn(w, h), nil
	}
}

// intRange is the IntRange helper: the numbers start..end, at most
// MaxTemplateCount of them.
func intRange(start, end int) ([]int, error) {
	if end >= start && (end-start < 0 || end-start >= MaxTemplateCount) {
		return nil, fmt.Errorf("IntRange %d %d: more than %d numbers", start, end, MaxTemplateCount)
	}
	out := []int{}
	for i := start; i <= end; i++ {
		out = append(out, i)
		if i == end { // end may be the largest int
			break
		}
	}
	return out, nil
}

// checkCache remembers CheckTemplate's verdicts, so that a scenario's
// several checks of one template render it once.
var checkCache struct {
	sync.Mutex
	m map[string]error
}

// maxCheckCache bounds the verdicts kept.
const maxCheckCache = 256

// cachedCheck returns check(tmpl), computed once per template.
func cachedCheck(tmpl string, check func(string) error) error {
	checkCache.Lock()
	err, ok := checkCache.m[tmpl]
	checkCache.Unlock()
	if ok {
		return err
	}
	err = check(tmpl)
	checkCache.Lock()
	defer checkCache.Unlock()
	if checkCache.m == nil || len(checkCache.m) >= maxCheckCache {
		checkCache.m = map[string]error{}
	}
	checkCache.m[tmpl] = err
	return err
}

// renderTimed renders a template like renderOnce, giving up after
// MaxRenderTime. An abandoned rendering stops at its next write; one that
// loops without writing runs on in the background (the command then
// exits on the error).
func renderTimed(src string, seed int64) ([]byte, error) {
	type result struct {
		out []byte
		err error
	}
	abandoned := &atomic.Bool{}
	done := make(chan result, 1)
	go func() {
		out, err := render(src, seed, abandoned)
		done <- result{out, err}
	}()
	timer := time.NewTimer(MaxRenderTime)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.out, r.err
	case <-timer.C:
		abandoned.Store(true)
		return nil, fmt.Errorf("one record takes over %v to render (a template must be fast enough to feed a load test)", MaxRenderTime)
	}
}
