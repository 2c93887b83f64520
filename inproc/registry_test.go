package inproc

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func init() {
	Register("test-custom", func([]byte, RuntimeContext) (any, error) { return "custom", nil })
}

func TestRegisterLookupNames(t *testing.T) {
	got, ok := Lookup("test-custom")
	if !ok || got == nil {
		t.Fatalf("Lookup(test-custom) = %v, %v; want the handler", got, ok)
	}
	if _, ok := Lookup("nope"); ok {
		t.Errorf("Lookup(nope) found a handler")
	}
	names := Names()
	if !slices.IsSorted(names) {
		t.Errorf("Names() = %q; want sorted", names)
	}
	for _, n := range []string{"decode", "json", "noop", "test-custom"} {
		if !slices.Contains(names, n) {
			t.Errorf("Names() = %q; want it to contain %q", names, n)
		}
	}
}

func TestRegisterPanicsOnProgrammerErrors(t *testing.T) {
	h := func([]byte, RuntimeContext) (any, error) { return "x", nil }
	for _, tc := range []struct {
		name string
		h    Handler
		want string
	}{
		{"noop", h, `handler "noop" registered twice`},
		{"", h, `invalid handler name ""`},
		{"sleep", h, `invalid handler name "sleep"`},
		{"sleep:5ms", h, `invalid handler name "sleep:5ms"`},
		{"two words", h, `invalid handler name "two words"`},
		{"nilhandler", nil, `Register("nilhandler"): nil handler`},
	} {
		func() {
			defer func() {
				if v := recover(); v == nil || !strings.Contains(fmt.Sprint(v), tc.want) {
					t.Errorf("Register(%q) panicked with %v; want %q", tc.name, v, tc.want)
				}
			}()
			Register(tc.name, tc.h)
		}()
	}
}
