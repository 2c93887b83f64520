package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/disload/disload/internal/cost"
	"github.com/disload/disload/internal/reports/reportstest"
)

func TestWriteCost(t *testing.T) {
	s := reportstest.Cost(30, 100, 300, 3, cost.Default())
	var buf bytes.Buffer
	if err := (view{s}).writeCost(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"invocations", "GB-s", "per M records USD", "0.75", cost.DefaultSource} {
		if !strings.Contains(out, want) {
			t.Errorf("cost table lacks %q:\n%s", want, out)
		}
	}
}
