package scenarios

import (
	"strings"
	"testing"
)

func TestRedacted(t *testing.T) {
	s := loadTestdata(t, "http.yaml")
	r := s.Redacted()
	want := map[string]string{"X-Api-Key": "${DISLOAD_TEST_TOKEN}", "Authorization": "REDACTED", "X-Plain": "cost $$5"}
	for k, v := range want {
		if r.Target.Headers[k] != v {
			t.Errorf("redacted header %s = %q, want %q", k, r.Target.Headers[k], v)
		}
	}
	if strings.Contains(r.Target.URL, "pw") {
		t.Errorf("redacted URL %q shows the password", r.Target.URL)
	}
	if s.Target.Headers["X-Api-Key"] != "tok-123" || !strings.Contains(s.Target.URL, "pw") {
		t.Error("Redacted changed the original scenario")
	}
}

// TestRedactedHeadersAnyName: a header's literal value is redacted
// whatever its name (headers carry credentials under names of any kind);
// a ${VAR} reference is shown as written.
func TestRedactedHeadersAnyName(t *testing.T) {
	s := Default()
	s.Target = Target{Type: TargetRPC, Addr: "127.0.0.1:1", Headers: map[string]string{
		"X-Session": "s3cr3t", "X-Ref": "from-env"}, Raw: map[string]string{"headers.X-Ref": "${REF}"}}
	r := s.Redacted().Target.Headers
	if r["X-Session"] != "REDACTED" || r["X-Ref"] != "${REF}" {
		t.Errorf("redacted headers %v, want X-Session REDACTED and X-Ref ${REF}", r)
	}
}

func TestRedactedFunctionEnv(t *testing.T) {
	s := loadTestdata(t, "function.yaml")
	r := s.Redacted()
	if r.Target.Env["TOKEN"] != "${DISLOAD_TEST_TOKEN}" || r.Target.Env["LOG_LEVEL"] != "debug" {
		t.Errorf("redacted env = %v", r.Target.Env)
	}
}

func TestSensitive(t *testing.T) {
	for name, want := range map[string]bool{
		"Authorization": true, "X-Api-Key": true, "X-CFF-Auth-Token": true, "DB_PASSWORD": true,
		"Cookie": true, "Content-Type": false, "LOG_LEVEL": false, "region": false,
	} {
		if sensitive(name) != want {
			t.Errorf("sensitive(%q) = %v, want %v", name, !want, want)
		}
	}
}

func TestClone(t *testing.T) {
	s := loadTestdata(t, "function.yaml")
	c := s.Clone()
	c.Records.Kinds[0].Weight = 42
	c.Load.Stages[0].Duration = 1
	c.Thresholds[0] = "x"
	c.Target.Args[0] = "x"
	c.Target.Env["LOG_LEVEL"] = "x"
	c.Target.Userdata["region"] = "x"
	c.Target.Raw["env.TOKEN"] = "x"
	if s.Records.Kinds[0].Weight == 42 || s.Load.Stages[0].Duration == 1 || s.Thresholds[0] == "x" ||
		s.Target.Args[0] == "x" || s.Target.Env["LOG_LEVEL"] == "x" || s.Target.Userdata["region"] == "x" ||
		s.Target.Raw["env.TOKEN"] == "x" {
		t.Error("Clone shares memory with the original")
	}
}
