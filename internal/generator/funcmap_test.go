package generator

import (
	"testing"
	"time"

	"github.com/brianvoe/gofakeit/v6"
)

// Our parsed-once templates render exactly what gofakeit's own Template
// renders with a faker of the same seed.
func TestTemplateMatchesGofakeit(t *testing.T) {
	for _, tmpl := range []string{
		`{{FirstName}} {{LastName}} <{{Email}}>`,
		`{"id":"{{UUID}}","n":{{Number 1 100}},"price":{{Price 1 50}},"ok":{{Bool}}}`,
		`{{ToUpper (Word)}} {{ToInt "42"}} {{ToFloat 1.5}} {{ToString 7}} {{range IntRange 1 3}}{{.}}{{end}}`,
		`{{RandomString (SliceString "a" "b" "c")}} {{Weighted (SliceAny "x" "y") (SliceF32 1 3)}} {{len (SliceInt 1 2)}} {{len (SliceUInt 1)}}`,
	} {
		ours, err := renderOnce(tmpl, 99)
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := gofakeit.NewUnlocked(99).Template(tmpl, &gofakeit.TemplateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if string(ours) != theirs {
			t.Errorf("template %q:\nours     %q\ngofakeit %q", tmpl, ours, theirs)
		}
	}
}

func TestTemplateClockIsVirtual(t *testing.T) {
	now := time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)
	m := templateFuncs(gofakeit.NewUnlocked(1), func() time.Time { return now }, func() error { return nil })
	past := m["PastDate"].(func() time.Time)()
	future := m["FutureDate"].(func() time.Time)()
	if d := now.Sub(past); d < time.Hour || d > 12*time.Hour {
		t.Errorf("PastDate is %v before the record", d)
	}
	if d := future.Sub(now); d < time.Hour || d > 12*time.Hour {
		t.Errorf("FutureDate is %v after the record", d)
	}
	toDate := m["ToDate"].(func(string) time.Time)
	if got := toDate("not a date"); !got.Equal(now) {
		t.Errorf("ToDate(bad) = %v, want the record time", got)
	}
	if got := toDate("2024-02-29"); got.Format(time.DateOnly) != "2024-02-29" {
		t.Errorf("ToDate(2024-02-29) = %v", got)
	}
	for _, name := range templateExcluded {
		if m[name] != nil {
			t.Errorf("%s is in the function map", name)
		}
	}
}

func TestTemplateConversions(t *testing.T) {
	for _, c := range []struct {
		in   any
		i    int
		f    float64
		text string
	}{
		{"12", 12, 12, "12"}, {2.5, 2, 2.5, "2.5"}, {float32(1.5), 1, 1.5, "1.5"}, {7, 7, 7, "7"}, {true, 0, 0, ""}, {"x", 0, 0, "x"},
	} {
		if toInt(c.in) != c.i || toFloat(c.in) != c.f || toString(c.in) != c.text {
			t.Errorf("%v: %d %v %q", c.in, toInt(c.in), toFloat(c.in), toString(c.in))
		}
	}
	if got := templateHelpers["JSONString"].(func(any) string)(`a "b"`); got != `"a \"b\""` {
		t.Errorf("JSONString = %s", got)
	}
}
