package inproc

import (
	"context"
	"regexp"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/internal/harness"
)

// seen is what a handler read from its context.
type seen struct {
	reqID, reqIDAgain                      string
	remaining, running                     int
	access, secret, secAccess, secSecret   string
	name, user, missing, version, pkg, pid string
	token, secToken                        string
	memory, cpu                            int
}

func recorder(out *seen, sleep time.Duration) Handler {
	return func(_ []byte, c RuntimeContext) (any, error) {
		time.Sleep(sleep)
		*out = seen{
			reqID: c.GetRequestID(), reqIDAgain: c.GetRequestID(),
			remaining: c.GetRemainingTimeInMilliSeconds(), running: c.GetRunningTimeInSeconds(),
			access: c.GetAccessKey(), secret: c.GetSecretKey(),
			secAccess: c.GetSecurityAccessKey(), secSecret: c.GetSecuritySecretKey(),
			name: c.GetFunctionName(), user: c.GetUserData("k"), missing: c.GetUserData("nope"),
			version: c.GetVersion(), pkg: c.GetPackage(), pid: c.GetProjectID(),
			token: c.GetToken(), secToken: c.GetSecurityToken(),
			memory: c.GetMemorySize(), cpu: c.GetCPUNumber(),
		}
		return "ok", nil
	}
}

func TestRuntimeContextGetters(t *testing.T) {
	opts := Options{
		FunctionName: "fn", Version: "v2", Package: "pkg", ProjectID: "proj", MemoryMB: 256, CPU: 2,
		Timeout: 5 * time.Second, UserData: map[string]string{"k": "v"},
		AccessKey: "ak", SecretKey: "sk", SecurityAccessKey: "sak", SecuritySecretKey: "ssk",
		Token: "tok", SecurityToken: "stok",
	}
	synctest.Test(t, func(t *testing.T) {
		var got seen
		tgt := newTarget("getters", recorder(&got, time.Second), opts)
		tgt.Invoke(context.Background(), &harness.Event{Payload: []byte("{}")})
		want := seen{
			reqID: got.reqID, reqIDAgain: got.reqID, remaining: 4000, running: 5,
			access: "ak", secret: "sk", secAccess: "sak", secSecret: "ssk",
			name: "fn", user: "v", version: "v2", pkg: "pkg", pid: "proj", token: "tok", secToken: "stok",
			memory: 256, cpu: 2,
		}
		if got != want {
			t.Errorf("the handler saw\n%+v\nwant\n%+v", got, want)
		}
		uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
		first := got.reqID
		tgt.Invoke(context.Background(), &harness.Event{Payload: []byte("{}")})
		if !uuid.MatchString(first) || !uuid.MatchString(got.reqID) || first == got.reqID {
			t.Errorf("request ids %q, %q; want two different UUIDs", first, got.reqID)
		}
	})
}

func TestRuntimeContextDefaultsAndDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var got seen
		tgt := newTarget("defaults", recorder(&got, 500*time.Millisecond), Options{})
		defer tgt.Close()
		ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
		defer cancel()
		tgt.Invoke(ctx, &harness.Event{Payload: []byte("{}")})
		if got.name != "defaults" || got.version != "latest" || got.running != 3 || got.remaining != 1500 || got.missing != "" {
			t.Errorf("name %q, version %q, running %d, remaining %d; want defaults, latest, 3, 1500 (from the deadline)",
				got.name, got.version, got.running, got.remaining)
		}
	})
}

func TestRemainingTimeNeverNegative(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var got seen
		newTarget("late", recorder(&got, 5*time.Second), Options{Timeout: time.Second}).
			Invoke(context.Background(), &harness.Event{Payload: []byte("{}")})
		if got.remaining != 0 {
			t.Errorf("remaining %d after the timeout; want 0", got.remaining)
		}
	})
}
