package generator

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/brianvoe/gofakeit/v6"
)

// templateExcluded are the Faker methods gofakeit's Template leaves out of
// its function map.
var templateExcluded = []string{"RandomMapKey", "SQL", "Template"}

// templateFuncs builds the function map of gofakeit v6's Template for the
// faker f: every Faker method with a result, plus gofakeit's helpers
// (ToUpper, ToLower, IntRange, ToInt, ToFloat, ToString, ToDate, SliceAny,
// SliceString, SliceUInt, SliceInt, SliceF32). For reproducible output the
// functions that read the wall clock in gofakeit (PastDate, FutureDate, and
// ToDate on a bad date) use the record's virtual time from now() instead, and
// JSONString quotes a value as a JSON string.
//
// The functions whose work grows with an argument are bounded (see
// boundedFuncs) and call stop first: its error ends the rendering.
func templateFuncs(f *gofakeit.Faker, now func() time.Time, stop func() error) template.FuncMap {
	m := template.FuncMap{}
	v := reflect.ValueOf(f)
	for i := range v.NumMethod() {
		meth := v.Type().Method(i)
		if slices.Contains(templateExcluded, meth.Name) || meth.Type.NumOut() == 0 {
			continue
		}
		m[meth.Name] = v.Method(i).Interface()
	}
	for name, fn := range templateHelpers {
		m[name] = fn
	}
	for name, fn := range boundedFuncs(f, stop) {
		m[name] = fn
	}
	m["PastDate"] = func() time.Time { return now().Add(-time.Duration(f.Number(1, 12)) * time.Hour) }
	m["FutureDate"] = func() time.Time { return now().Add(time.Duration(f.Number(1, 12)) * time.Hour) }
	m["ToDate"] = func(s string) time.Time {
		if d, err := time.Parse(time.DateOnly, s); err == nil {
			return d
		}
		return now()
	}
	return m
}

// templateHelpers are gofakeit's non-Faker template functions (rewritten
// here with the same behaviour) and JSONString.
var templateHelpers = template.FuncMap{
	"ToUpper":     strings.ToUpper,
	"ToLower":     strings.ToLower,
	"ToInt":       toInt,
	"ToFloat":     toFloat,
	"ToString":    toString,
	"SliceAny":    func(a ...any) []any { return a },
	"SliceString": func(a ...string) []string { return a },
	"SliceUInt":   func(a ...uint) []uint { return a },
	"SliceInt":    func(a ...int) []int { return a },
	"SliceF32":    func(a ...float32) []float32 { return a },
	"JSONString":  func(v any) string { return string(appendJSONString(nil, fmt.Sprint(v))) },
}

func toInt(v any) int {
	switch x := v.(type) {
	case string:
		i, _ := strconv.Atoi(x)
		return i
	case float64:
		return int(x)
	case float32:
		return int(x)
	case int:
		return x
	}
	return 0
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case string:
		f, _ := strconv.ParseFloat(x, 64)
		return f
	case float64:
		return x
	case float32:
		return float64(x)
	case int:
		return float64(x)
	}
	return 0
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	case int:
		return strconv.Itoa(x)
	}
	return ""
}
