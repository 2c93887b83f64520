package function

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/harness"
)

// TestLanguageFaults: a Python handler past the function timeout is a
// timeout with its instance killed and restarted; one whose process dies
// mid-call is a crash, restarted; the next call succeeds either way.
func TestLanguageFaults(t *testing.T) {
	needTool(t, "python3", "python")
	for _, tc := range []struct {
		name, event string
		class       harness.Class
	}{
		{"timeout", `{"sleep": 5}`, ClassTimeout},
		{"crash", `{"exit": 7}`, ClassCrash},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPool(t, Options{Runtime: RuntimePython, Path: "testdata/faults", Timeout: time.Second,
				Instances: Instances{Min: 1, Max: 1}})
			start(t, p)
			if o := p.Invoke(t.Context(), &harness.Event{Payload: []byte(tc.event)}); o.Class != tc.class {
				t.Fatalf("faulty call: %+v, want class %s", o, tc.class)
			}
			if o := p.Invoke(t.Context(), &harness.Event{Payload: []byte(`{}`)}); o.Class != "" {
				t.Fatalf("call after the fault: %+v", o)
			}
			if n := p.Stats().ColdStarts; n != 2 {
				t.Errorf("cold starts %d, want 2 (the instance restarted once)", n)
			}
		})
	}
}

// TestRuntimeAPIRequests: what the runtime API answers a bootstrap's
// requests, without a process.
func TestRuntimeAPIRequests(t *testing.T) {
	rt := &customRuntime{cfg: &config{Options: Options{ConcurrencyPerInstance: 1, MaxRespBodySize: 8}}}
	lf, err := rt.newLife("")
	if err != nil {
		t.Fatal(err)
	}
	a := lf.(*apiServer)
	defer a.release()
	h := http.Header{}
	h.Set(requestIDKey, "id-1")
	h.Set("X-Cff-Access-Key", "AK")
	call := a.invoke(&InvokeRequest{Payload: []byte(`{"e":1}`), Header: h})
	for _, tc := range []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"GET", apiNext, "", 200, `{"e":1}`},
		{"POST", apiResponse + "unknown", "x", 404, "no event in progress with request id unknown"},
		{"PUT", apiNext, "", 404, "no such runtime API call"},
		{"POST", apiResponse + "id-1", "more than 8 bytes", 200, ""},
	} {
		w := httptest.NewRecorder()
		a.ServeHTTP(w, httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body)))
		if w.Code != tc.status || !strings.Contains(w.Body.String(), tc.want) {
			t.Errorf("%s %s: %d %q, want %d %q", tc.method, tc.path, w.Code, w.Body.String(), tc.status, tc.want)
		}
		if tc.path == apiNext && tc.method == "GET" && (w.Header().Get("X-Cff-Request-Id") != "id-1" || w.Header().Get("X-Cff-Access-Key") != "AK") {
			t.Errorf("GET: headers %v", w.Header())
		}
	}
	<-call.Done
	if class, _ := Classify(0, call.Error); class != ClassTooLarge {
		t.Errorf("a 17-byte answer over an 8-byte limit: %v", call.Error)
	}
	a.release()
	late := a.invoke(&InvokeRequest{Payload: []byte(`{}`), Header: h})
	<-late.Done
	if class, _ := Classify(0, late.Error); class != ClassCrash {
		t.Errorf("a call after the life ended: %v", late.Error)
	}
}
