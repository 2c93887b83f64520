package scenarios

import (
	"strings"
	"testing"
)

// enumCase checks one enum type: its values pass checkEnum and print as
// themselves, an unknown value is refused naming every value.
func enumCase[T enum[T]](t *testing.T) {
	t.Helper()
	var zero T
	vals := zero.Values()
	if len(vals) < 2 {
		t.Fatalf("%s: values %v, want at least two", zero.what(), vals)
	}
	names := make([]string, len(vals))
	for i, v := range vals {
		c := &checker{}
		checkEnum(c, "f", v)
		if len(c.probs) != 0 || !valid(v) {
			t.Errorf("%s %q refused: %v", v.what(), v, c.probs)
		}
		names[i] = string(v)
	}
	c := &checker{}
	checkEnum(c, "f", T("bogus"))
	want := `unknown ` + zero.what() + ` "bogus" (want ` + strings.Join(names, ", ") + ")"
	if len(c.probs) != 1 || !strings.HasPrefix(c.probs[0].msg, want) || valid(T("bogus")) {
		t.Errorf("bogus %s: %v, want %q", zero.what(), c.probs, want)
	}
}

func TestEnums(t *testing.T) {
	for _, tc := range []func(*testing.T){
		enumCase[PartitionType], enumCase[Dialect], enumCase[Mode], enumCase[OnFull], enumCase[Iterator],
		enumCase[OnFailure], enumCase[WriteLimit], enumCase[TargetType], enumCase[InvokeType],
	} {
		tc(t)
	}
}
