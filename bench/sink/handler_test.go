package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestSinkHandler(t *testing.T) {
	s := newSink(0)
	for _, body := range []string{"", `{"a":1}`, strings.Repeat("x", 5000)} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body)))
		if rec.Code != 200 || rec.Body.String() != "ok" {
			t.Errorf("POST %d bytes: %d %q", len(body), rec.Code, rec.Body.String())
		}
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/_sink/stats", nil))
	var st Stats
	if err := json.Unmarshal(rec.Body.Bytes(), &st); err != nil {
		t.Fatal(err)
	}
	if st.Requests != 3 || st.Bytes != 5007 || st.P99us <= 0 || st.Maxus < st.P50us {
		t.Errorf("stats %+v: want 3 requests, 5007 bytes", st)
	}
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/_sink/reset", nil))
	if rec.Code != http.StatusNoContent || s.stats().Requests != 0 || s.stats().Bytes != 0 {
		t.Errorf("reset: %d, then %+v", rec.Code, s.stats())
	}
}

func TestSinkDelay(t *testing.T) {
	s := newSink(2 * time.Millisecond)
	s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/", nil))
	if st := s.stats(); st.P50us < 2000 {
		t.Errorf("service time %g µs with a 2 ms delay", st.P50us)
	}
}
