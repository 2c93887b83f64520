package generator

import (
	"strings"
	"testing"
)

func TestFieldSpellings(t *testing.T) {
	for _, f := range []*field{fUserID, fTs, fPad, fLatencyMS, fCardLast4} {
		name := strings.TrimSuffix(strings.TrimPrefix(f.key[encJSON], `,"`), `":`)
		if !isPlain(name) || name == "" || f.key[encCSV] != "," || f.key[encText] != " "+name+"=" || f.open[encJSON] != f.key[encJSON]+`"` {
			t.Errorf("field %q spelled %q / %q", name, f.key, f.open)
		}
	}
}
