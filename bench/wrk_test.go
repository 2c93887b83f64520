package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseWrk(t *testing.T) {
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join("testdata/wrk", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	for _, tc := range []struct {
		name, in string
		want     wrkResult
		wantErr  string
	}{
		{"the issue's sample line", "Requests/sec:  49505.00\n", wrkResult{Rate: 49505}, ""},
		{"real output with --latency", read("ok.txt"),
			wrkResult{Rate: 26145.81, Requests: 26165, P50: 0.243, P99: 4.94}, ""},
		{"real output, request timeouts", read("timeouts.txt"),
			wrkResult{Rate: 2, Requests: 4, Errors: 4}, ""},
		{"real output, non-2xx answers", read("non2xx.txt"),
			wrkResult{Rate: 1302.93, Requests: 1434, Errors: 1434, P50: 1.02, P99: 8.11}, ""},
		{"seconds in the distribution", "     50%    1.02s\n     99%    2.00m\nRequests/sec: 1\n",
			wrkResult{Rate: 1, P50: 1020, P99: 120000}, ""},
		{"real output, connection refused", read("refused.txt"), wrkResult{}, `no "Requests/sec:" line`},
		{"empty", "", wrkResult{}, `no "Requests/sec:" line`},
		{"rate not a number", "Requests/sec:  fast\n", wrkResult{}, `"Requests/sec:  fast"`},
		{"rate not finite", "Requests/sec: NaN\n", wrkResult{}, "is not a rate"},
		{"negative rate", "Requests/sec: -3\n", wrkResult{}, "is not a rate"},
		{"bad socket errors", "  Socket errors: connect x, read 0\nRequests/sec: 1\n", wrkResult{}, `"x" is not a count`},
		{"short socket errors", "  Socket errors: connect\nRequests/sec: 1\n", wrkResult{}, `"connect" is not "KIND N"`},
		{"bad non-2xx", "  Non-2xx or 3xx responses: many\nRequests/sec: 1\n", wrkResult{}, "many"},
		{"bad latency", "     99%    soon\nRequests/sec: 1\n", wrkResult{}, `"99%    soon"`},
		{"bad request count", "  x requests in 1.00s, 2MB read\nRequests/sec: 1\n", wrkResult{}, "x requests in"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseWrk([]byte(tc.in))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("parseWrk = %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

func FuzzParseWrk(f *testing.F) {
	for _, name := range []string{"ok.txt", "timeouts.txt", "non2xx.txt", "refused.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata/wrk", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("Requests/sec:  49505.00\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := parseWrk(data)
		if err != nil {
			if w != (wrkResult{}) {
				t.Errorf("an error with figures: %+v", w)
			}
			return
		}
		if w.Rate < 0 || w.Errors < 0 || w.P50 < 0 || w.P99 < 0 {
			t.Errorf("negative figures from %q: %+v", data, w)
		}
	})
}

func TestWrkDuration(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{10 * time.Second, "10s"},
		{90 * time.Second, "90s"},
		{1500 * time.Millisecond, "2s"},
		{200 * time.Millisecond, "1s"},
		{0, "1s"},
	} {
		if got := wrkDuration(tc.d); got != tc.want {
			t.Errorf("wrkDuration(%s) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestLuaString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/tmp/out/event.json", "[[/tmp/out/event.json]]"},
		{"/tmp/a]]b/event.json", "[=[/tmp/a]]b/event.json]=]"},
		{"/tmp/a]]b]=]c", "[==[/tmp/a]]b]=]c]==]"},
		{"/tmp/x]", "[=[/tmp/x]]=]"},
		{`/tmp/"quoted"\dir`, `[[/tmp/"quoted"\dir]]`},
	} {
		if got := luaString(tc.in); got != tc.want {
			t.Errorf("luaString(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	script := luaScript("/o/event.json")
	for _, want := range []string{`wrk.method = "POST"`, `wrk.headers["Content-Type"] = "application/json"`,
		`io.open([[/o/event.json]], "rb")`, `wrk.body = f:read("*a")`} {
		if !strings.Contains(script, want) {
			t.Errorf("script lacks %q:\n%s", want, script)
		}
	}
}

func TestRunWrk(t *testing.T) {
	tl := fakeTools(t)
	script, err := os.ReadFile(tl.wrkScript)
	if err != nil || !strings.Contains(string(script), filepath.Join(tl.out, "event.json")) {
		t.Errorf("wrk script %q, %v: want it to read the event file", script, err)
	}
	r, err := tl.runWrk(context.Background(), "closed", 32, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if r.Tool != "wrk" || r.Rate != 26145.81 || r.Requests != 26165 || r.P99 != 4.94 || r.SinkP99 != 42.5 {
		t.Errorf("%+v", r)
	}
	want := "/usr/bin/time -f '%U %S %M' wrk -t 2 -c 32 -d 2s -s $OUT/wrk.lua --latency http://$SINK/"
	if r.Cmd != want {
		t.Errorf("command %q, want %q", r.Cmd, want)
	}
	t.Setenv("FAKE_WRK_EXIT", "1")
	if _, err := tl.runWrk(context.Background(), "closed", 1, time.Second); err == nil || !strings.Contains(err.Error(), "wrk: exit status 1") {
		t.Errorf("a failing wrk: %v", err)
	}
}
