package runner

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestStaleConnectionsInSummary: against a server that drops idle
// keep-alive connections faster than the rate reuses them, no event fails,
// the resends are in summary.json (connections.stale_retries), and the
// engine's figures are there too.
func TestStaleConnectionsInSummary(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
	}))
	srv.Config.IdleTimeout = 100 * time.Millisecond
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.Start()
	defer srv.Close()
	sc := scenario(t, "name: t\ntarget: "+srv.URL+"\nload: {rate: 4/s, max_events: 5}\n")
	res, err := Run(context.Background(), Options{Scenario: sc})
	if err != nil {
		t.Fatal(err)
	}
	s := res.Summary
	if s.Events.Failed != 0 || s.Events.OK != 5 {
		t.Errorf("events %+v (errors %v); want 5 ok", s.Events, s.ErrorSamples)
	}
	if s.Connections.StaleRetries == 0 {
		t.Errorf("connections.stale_retries 0; want the resends counted")
	}
	if s.Scheduled != 5 || s.Unsent != 0 || s.Abandoned != 0 {
		t.Errorf("scheduled %d unsent %d abandoned %d; want 5, 0, 0", s.Scheduled, s.Unsent, s.Abandoned)
	}
}
