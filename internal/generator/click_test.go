package generator

import (
	"strings"
	"testing"
)

// splitURL splits a referrer into host and path.
func splitURL(u string) (host, path string) {
	_, rest, _ := strings.Cut(u, "://")
	host, path, _ = strings.Cut(rest, "/")
	return host, "/" + path
}

func clickRecords(t *testing.T, n int) []rec {
	return jsonRecords(t, Config{Seed: 11, Partitions: 2, BatchSize: 50, KeyCount: 300, KeySkew: 1.1,
		Kinds: []KindWeight{{Kind: KindClick, Weight: 1}}}, n)
}

// session is what the funnel test remembers of a session.
type session struct {
	user         string
	events       []string
	lastProduct  string
	cartAdded    bool
	ended        bool
	lastTS, hits int
	lastPage     string
}

func TestClickFunnel(t *testing.T) {
	sessions := map[string]*session{}
	counts, hosts := map[string]int{}, map[string]bool{}
	for i, r := range clickRecords(t, 400) {
		id, ev := r.str("session_id"), r.str("event")
		counts[ev]++
		s := sessions[id]
		if s == nil {
			s = &session{user: r.key}
			sessions[id] = s
			if ev != "view" || r.num("hit") != 1 {
				t.Fatalf("record %d: session %s starts with %s, hit %v", i, id, ev, r.fields["hit"])
			}
		}
		if s.hits > 0 {
			host, _ := splitURL(r.str("referrer"))
			hosts[host] = true
		}
		if err := s.step(r); err != "" {
			t.Fatalf("record %d: session %s after %v: %s: %v", i, id, s.events, err, r.fields)
		}
	}
	if len(sessions) < 100 || len(hosts) != 1 {
		t.Errorf("%d sessions, internal referrers on hosts %v: want many sessions on one site", len(sessions), hosts)
	}
	// Abandonment at every step: each funnel stage is reached less often.
	stages := []string{"click", "add_to_cart", "checkout", "purchase"}
	for i, st := range stages {
		if counts[st] == 0 {
			t.Errorf("no %s event in 20,000 clicks", st)
		}
		if i > 0 && counts[st] >= counts[stages[i-1]] {
			t.Errorf("%d %s events, not fewer than %d %s", counts[st], st, counts[stages[i-1]], stages[i-1])
		}
	}
}

func path(r rec) string {
	_, p := splitURL(r.str("referrer"))
	return p
}

// step applies one record to the session and reports a funnel violation.
func (s *session) step(r rec) string {
	ev, prev := r.str("event"), ""
	if len(s.events) > 0 {
		prev = s.events[len(s.events)-1]
	}
	ts := int(parseTS(r.str("ts")))
	switch {
	case r.key != s.user:
		return "session changed user"
	case s.ended:
		return "event after the session's purchase"
	case int(r.num("hit")) != s.hits+1:
		return "hit numbers not consecutive"
	case ts < s.lastTS:
		return "time went backwards"
	case s.hits > 0 && !strings.HasPrefix(r.str("referrer"), "https://www.") || s.hits > 0 && path(r) != s.lastPage:
		return "referrer is not the previous page"
	case ev == "click" && r.str("product_id") == "":
		return "click without product"
	case ev == "click" && r.str("page") != "/product/"+r.str("product_id"):
		return "click does not open its product's page"
	case ev == "add_to_cart" && (prev != "click" && prev != "add_to_cart" || r.str("product_id") != s.lastProduct):
		return "add_to_cart not right after a click on its product"
	case ev == "checkout" && !s.cartAdded:
		return "checkout without add_to_cart"
	case ev == "purchase" && prev != "checkout":
		return "purchase not right after checkout"
	case r.str("user_id") != r.key || r.str("ua") == "" || r.str("device") == "":
		return "user, agent or device missing"
	}
	s.events = append(s.events, ev)
	s.lastPage = r.str("page")
	s.hits++
	s.lastTS = ts
	if ev == "click" {
		s.lastProduct = r.str("product_id")
	}
	s.cartAdded = s.cartAdded || ev == "add_to_cart"
	s.ended = ev == "purchase"
	return ""
}

func TestClickUserTraitsLast(t *testing.T) {
	traits := map[string]string{}
	for _, r := range clickRecords(t, 100) {
		tr := r.str("ip") + "|" + r.str("country") + "|" + r.str("ua") + "|" + r.str("device")
		if old, ok := traits[r.key]; ok && old != tr {
			t.Fatalf("user %s changed traits: %s then %s", r.key, old, tr)
		}
		traits[r.key] = tr
	}
}

func TestDeviceOf(t *testing.T) {
	for _, c := range []struct {
		ua   string
		want uint8
	}{
		{"Mozilla/5.0 (iPad; CPU OS 7_0 like Mac OS X)", 2},
		{"Mozilla/5.0 (iPhone; CPU iPhone OS 7_3_3 like Mac OS X) Mobile/8B116", 1},
		{"Mozilla/5.0 (Linux; Android 10) Chrome/90.0", 1},
		{"Mozilla/5.0 (Windows NT 5.2; en-US; rv:1.9.3.20) Gecko/2022-09-19 Firefox/36.0", 0},
	} {
		if got := deviceOf(c.ua); got != c.want {
			t.Errorf("deviceOf(%q) = %d, want %d", c.ua, got, c.want)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"Bedding and Linens": "bedding-and-linens",
		"health, beauty & care": "health-beauty-care", "  ": ""} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}
