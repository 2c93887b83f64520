package disloadtest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/inproc"
)

func TestContextGetters(t *testing.T) {
	c := NewContext(t)
	c.UserData = map[string]string{"region": "eu-de"}
	c.AccessKey, c.SecretKey, c.Token = "ak", "sk", "tok"
	c.SecurityAccessKey, c.SecuritySecretKey, c.SecurityToken = "sak", "ssk", "stok"
	c.Package, c.ProjectID = "pkg", "proj"
	var rc inproc.RuntimeContext = c
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"request id", rc.GetRequestID(), "00000000-0000-4000-8000-000000000001"},
		{"function name", rc.GetFunctionName(), "TestContextGetters"},
		{"version", rc.GetVersion(), "latest"},
		{"memory", rc.GetMemorySize(), 128},
		{"cpu", rc.GetCPUNumber(), 1},
		{"running time", rc.GetRunningTimeInSeconds(), 3},
		{"remaining time", rc.GetRemainingTimeInMilliSeconds(), 3000},
		{"user data", rc.GetUserData("region"), "eu-de"},
		{"missing user data", rc.GetUserData("nope"), ""},
		{"package", rc.GetPackage(), "pkg"},
		{"project", rc.GetProjectID(), "proj"},
		{"access key", rc.GetAccessKey(), "ak"},
		{"secret key", rc.GetSecretKey(), "sk"},
		{"security access key", rc.GetSecurityAccessKey(), "sak"},
		{"security secret key", rc.GetSecuritySecretKey(), "ssk"},
		{"token", rc.GetToken(), "tok"},
		{"security token", rc.GetSecurityToken(), "stok"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestContextDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := NewContext(t)
		c.Deadline = time.Now().Add(1500 * time.Millisecond)
		time.Sleep(500 * time.Millisecond)
		if got := c.GetRemainingTimeInMilliSeconds(); got != 1000 {
			t.Errorf("remaining = %d ms, want 1000", got)
		}
		time.Sleep(2 * time.Second)
		if got := c.GetRemainingTimeInMilliSeconds(); got != 0 {
			t.Errorf("remaining past the deadline = %d ms, want 0", got)
		}
	})
}

func TestContextLogger(t *testing.T) {
	c := NewContext(t)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() { c.GetLogger().Logf("call %d: %s", i, "ok") })
	}
	wg.Wait()
	got := c.Lines()
	slices.Sort(got)
	want := []string{"call 0: ok", "call 1: ok", "call 2: ok", "call 3: ok"}
	if !slices.Equal(got, want) {
		t.Errorf("lines %q, want %q", got, want)
	}
	got[0] = "changed"
	if c.Lines()[0] == "changed" {
		t.Error("Lines returned the context's own slice")
	}
	var zero Context // no test attached: lines are still kept
	zero.Logf("x=%d", 1)
	if fmt.Sprint(zero.Lines()) != "[x=1]" {
		t.Errorf("zero Context lines %q", zero.Lines())
	}
}
