package render

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/metrics/metricstest"
	"github.com/disload/disload/internal/reports"
	"github.com/disload/disload/internal/reports/reportstest"
)

var htmlOut = flag.String("html-out", "", "also write the rich test report to this file, to look at")

func renderHTML(t *testing.T, s *reports.Summary) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, s); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestWriteHTMLSections(t *testing.T) {
	page := renderHTML(t, reportstest.Rich(t))
	if *htmlOut != "" {
		if err := os.WriteFile(*htmlOut, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []string{
		`<section id="figures">`, `<section id="charts">`, `<section id="errors">`, `<section id="trigger">`,
		`<section id="scenario">`, `id="chart-throughput"`, `id="chart-latency"`, `id="chart-distribution"`,
		`id="chart-decode"`, `id="chart-errors"`, `id="chart-lag"`, `id="chart-age"`,
		"Content-Security-Policy", "default-src 'none'", // no network, even if asked
		"kept up: lag stayed under 1 batch", "deadline exceeded after 3s", "✗ fail", "p99 &lt; 2ms",
		"uPlot 1.6.32", "Permission is hereby granted", // the embedded library's licence travels with it
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func TestWriteHTMLEscapes(t *testing.T) {
	page := renderHTML(t, reportstest.Rich(t))
	// The hostile sample and scenario text must stay text: no closing tag
	// may escape from the JSON data or the page's elements.
	if n := strings.Count(page, "<script"); n != 3 {
		t.Errorf("page has %d <script elements, want 3 (data, uPlot, report)", n)
	}
	if strings.Contains(page, "</script><script>alert(1)") || strings.Contains(page, "</pre></script> stays") {
		t.Error("a sample or the scenario was written unescaped")
	}
	if !strings.Contains(page, html.EscapeString("</script><script>alert(1)</script>")) {
		t.Error("the hostile sample is not shown escaped in the errors table")
	}
	if regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//`).MatchString(page) {
		t.Error("the page refers to a network resource")
	}
}

// TestWriteHTMLEscapesChartData puts a hostile error class into the
// charts' JSON: it must stay inside its string.
func TestWriteHTMLEscapesChartData(t *testing.T) {
	s := reportstest.Rich(t)
	const class = "</script><img src=x onerror=alert(1)>"
	s.Errors[class] = 1
	s.Intervals[0].Errors[class] = 1
	page := renderHTML(t, s)
	if strings.Count(page, "<script") != 3 || strings.Contains(page, "<img src=x") {
		t.Error("an error class broke out of the page's JSON or table")
	}
	if !strings.Contains(page, `\u003c/script\u003e\u003cimg src=x onerror=alert(1)\u003e`) {
		t.Error("the class is not in the chart data, escaped")
	}
}

func TestWriteHTMLDataIsJSON(t *testing.T) {
	page := renderHTML(t, reportstest.Rich(t))
	const open = `<script id="disload-data" type="application/json">`
	i := strings.Index(page, open)
	j := strings.Index(page[i:], "</script>")
	if i < 0 || j < 0 {
		t.Fatal("no data script")
	}
	var data struct {
		Charts []struct {
			ID     string
			Series []struct{ Label string }
			Data   [][]*float64
		}
	}
	if err := json.Unmarshal([]byte(page[i+len(open):i+j]), &data); err != nil {
		t.Fatalf("embedded data is not JSON: %v", err)
	}
	var ids []string
	for _, c := range data.Charts {
		ids = append(ids, c.ID)
		if len(c.Data) != len(c.Series)+1 {
			t.Errorf("chart %s: %d columns for %d series", c.ID, len(c.Data), len(c.Series))
		}
		for k, col := range c.Data {
			if len(col) != len(c.Data[0]) {
				t.Errorf("chart %s: column %d has %d values, x has %d", c.ID, k, len(col), len(c.Data[0]))
			}
		}
	}
	want := "throughput latency decode errors distribution lag age"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("charts %q, want %q", got, want)
	}
}

func TestWriteHTMLEmptyRun(t *testing.T) {
	s := reports.NewSummary(reports.RunFacts{Scenario: "empty", RateHeld: true}, nil)
	page := renderHTML(t, s)
	if strings.Contains(page, `<section id="charts">`) || strings.Contains(page, `<section id="errors">`) {
		t.Error("an empty run shows charts or errors")
	}
	if !strings.Contains(page, "disload report: empty") {
		t.Error("no heading")
	}
}

func TestWriteHTMLWriterError(t *testing.T) {
	err := WriteHTML(&metricstest.FailWriter{After: 0}, reportstest.Rich(t))
	if err == nil || !strings.Contains(err.Error(), "html report") {
		t.Errorf("err = %v, want an html report error", err)
	}
}

// chromium finds a headless-capable Chromium, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestHTMLDrawsInChromium opens the report from a file:// URL in headless
// Chromium with networking off and checks that every chart was drawn
// (the page marks each) and that no script error happened.
func TestHTMLDrawsInChromium(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("SKIPPED: no chromium binary on PATH (apt-get install -y chromium) — the report was not rendered in a browser")
	}
	dir := t.TempDir()
	s := reportstest.Rich(t)
	path := filepath.Join(dir, ReportFile)
	if err := reports.WriteFileAtomic(path, func(w io.Writer) error { return WriteHTML(w, s) }); err != nil {
		t.Fatal(err)
	}
	dom := dumpDOM(t, bin, dir, path)
	if m := regexp.MustCompile(`data-error="([^"]*)"`).FindStringSubmatch(dom); m != nil {
		t.Fatalf("script error in the page: %s", m[1])
	}
	want := len(view{s}.charts())
	if !strings.Contains(dom, `data-charts-drawn="`+Itoa(int64(want))+`"`) {
		t.Fatalf("page does not report %d charts drawn; body: %.300s", want, dom[strings.Index(dom, "<body"):])
	}
	if got := len(regexp.MustCompile(`<figure [^>]*data-drawn="1"`).FindAllString(dom, -1)); got != want {
		t.Errorf("%d charts marked drawn, want %d", got, want)
	}
	if got := strings.Count(dom, "<canvas"); got < want {
		t.Errorf("%d canvases in the page, want at least %d", got, want)
	}
	if !strings.Contains(dom, "99.9%") {
		t.Error("the percentile axis has no 99.9% label")
	}
}

func dumpDOM(t *testing.T, bin, dir, path string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--virtual-time-budget=5000", "--window-size=1200,900", "--dump-dom", "file://"+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("chromium did not finish in 20s; stderr:\n%s", stderr.String())
	}
	if err != nil {
		t.Fatalf("chromium: %v; stderr:\n%s", err, stderr.String())
	}
	return string(out)
}

func BenchmarkWriteHTML(b *testing.B) {
	// An hour of 1 s intervals.
	s, _ := reportstest.Summary(b, metricstest.Spec{Start: metricstest.Start, Seconds: 3600, PerSec: 20, Latency: metricstest.Jitter(time.Millisecond), Seed: 1})
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := WriteHTML(&buf, s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/report")
}
