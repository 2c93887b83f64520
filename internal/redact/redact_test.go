package redact

import (
	"strings"
	"testing"
)

func TestURL(t *testing.T) {
	cases := []struct{ in, want string }{
		{"http://127.0.0.1:8080/invoke", "http://127.0.0.1:8080/invoke"},
		{"https://h/p?api_key=sk-live-1&page=2", "https://h/p?api_key=xxxxx&page=xxxxx"},
		{"https://user:s3cret@h:443/p", "https://user:xxxxx@h:443/p"},
		{"https://ghp_token@h/p", "https://xxxxx@h/p"},
		{"https://u:pa/ss@h/p?k=v#frag", "https://u:xxxxx@h/p?k=xxxxx#frag"},
		{"https://u:p%40ss@h/p", "https://u:xxxxx@h/p"},
		{"https://h?flag&k=", "https://h?flag&k="},
		{"https://h/a@b", "https://h/a@b"},
		{"inproc:sleep:1ms", "inproc:sleep:1ms"},
		{"function:./bin/handler", "function:./bin/handler"},
		{"rpc://127.0.0.1:8000", "rpc://127.0.0.1:8000"},
		{"http://[::1", "http://[::1"},
		{"http://u:p@[::1/x?k=v", "http://u:xxxxx@[::1/x?k=xxxxx"},
	}
	for _, c := range cases {
		got := URL(c.in)
		if got != c.want {
			t.Errorf("URL(%q) = %q, want %q", c.in, got, c.want)
		}
		if again := URL(got); again != got {
			t.Errorf("URL(%q) = %q: masking twice changes it", got, again)
		}
	}
}

func TestText(t *testing.T) {
	in := `Post "https://u:pw@api.example.com/x?api_key=sk-live-9": dial tcp: refused; see http://h/doc`
	want := `Post "https://u:xxxxx@api.example.com/x?api_key=xxxxx": dial tcp: refused; see http://h/doc`
	if got := Text(in); got != want {
		t.Errorf("Text:\n got %s\nwant %s", got, want)
	}
	yaml := "target: {type: http, url: 'https://h/p?token=abc'}\n"
	if got := Text(yaml); strings.Contains(got, "abc") {
		t.Errorf("Text(%q) = %q: the token is still there", yaml, got)
	}
}

// FuzzURL: no input panics, masking is idempotent, and a value after
// "=" in a query never survives.
func FuzzURL(f *testing.F) {
	for _, s := range []string{"https://u:p@h/p?k=v", "x://@@?=&=#?", "https://h/p?a=SECRET#x?b=c", "://"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := URL(s)
		if URL(got) != got {
			t.Fatalf("URL(%q) = %q, and again %q", s, got, URL(got))
		}
		if strings.Contains(s, "?k=SECRET") && strings.Contains(got, "SECRET") && !strings.Contains(s, "#") {
			t.Fatalf("URL(%q) = %q keeps the query value", s, got)
		}
		_ = Text(s)
	})
}
