package scenarios

import (
	"strings"
	"testing"
)

func TestExpandEnv(t *testing.T) {
	env := map[string]string{"KEY": "s3cret", "EMPTY": "", "A_1": "x"}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	tests := []struct{ in, want, err string }{
		{"plain", "plain", ""},
		{"${KEY}", "s3cret", ""},
		{"Bearer ${KEY}!", "Bearer s3cret!", ""},
		{"${A_1}${KEY}", "xs3cret", ""},
		{"${EMPTY}", "", ""},
		{"$$", "$", ""},
		{"$${KEY}", "${KEY}", ""},
		{"cost $5", "cost $5", ""},
		{"end$", "end$", ""},
		{"$KEY", "$KEY", ""},
		{"${MISSING}", "", "environment variable MISSING is not set"},
		{"${KEY", "", "unterminated ${"},
		{"Bearer t0psecret ${KEY", "", "unterminated ${ at byte 17: no closing }"},
		{"${}", "", "bad variable name"},
		{"${1X}", "", "bad variable name"},
		{"${a-b}", "", "bad variable name"},
	}
	for _, tc := range tests {
		got, err := expandEnv(tc.in, lookup)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("expandEnv(%q) = %q, %v; want error %q", tc.in, got, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("expandEnv(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		case err != nil && strings.Contains(err.Error(), "t0psecret"):
			t.Errorf("expandEnv(%q): error %q shows the value", tc.in, err)
		}
	}
}
