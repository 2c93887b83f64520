package disload_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The docs test, in the manner of x/perf benchstat's doc_test.go: every
// `disload ...` command in README.md's ```sh blocks runs, in the README's
// order, and must exit as the README says. A README command that stops
// working fails CI.
//
// How the commands run:
//   - through bash, as a reader would paste them (pipes, redirections, `for`
//     loops and `&` work), from one temporary directory shared by all, so a
//     file one command writes (a corpus, out/, my.yaml) is there for the
//     next; `disload` on PATH is a binary built from this checkout, and
//     `go run ./cmd/disload` stands for it too;
//   - durations are cut short: every -d/--duration longer than
//     docsMaxDuration becomes docsMaxDuration, and a `disload run` without
//     one gets `-d docsMaxDuration` (a built-in scenario runs 3 to 10 s);
//   - Kafka brokers are in-process (docs_kafka_test.go): 127.0.0.1:9092 and,
//     with SASL, 127.0.0.1:9093 become kfake clusters on random ports;
//   - endpoints are local and started here: http://127.0.0.1:8080 (and any
//     other http://127.0.0.1:PORT) becomes an HTTP sink on 127.0.0.1 that
//     answers 200 to every request, and ./bin/handler is the protocol test
//     function of internal/target/function/testdata/fn, built into the directory;
//     examples/ (the functions of every runtime) is copied there as it is;
//   - the expected exit code is 0, or N when the line carries a comment
//     `# exits N: why`. A run expected to pass that exits 99 only because
//     thresholds on speed were crossed (latency, throughput, drops: the
//     built-in scenarios carry such thresholds) is accepted with a log
//     line: on a shared machine a 1-second run is at the mercy of other
//     processes, and this test asserts no speed; bash runs with pipefail, so a disload that fails
//     before a pipe (`disload ... | head -2`) fails the line, while one
//     that head's early exit ends with SIGPIPE does not.
//
// Lines of an sh block that only prepare or check files with standard tools
// (printf, cat, sort, cmp, ...: shellTool) run too, in order, since the
// disload commands after them rely on what they write. Other lines (go test,
// cd, benchstat) are not run here: the set-up's test command is what CI
// itself runs.

// docsMaxDuration caps every run's duration in the docs test.
const docsMaxDuration = time.Second

// savedRunMaxDuration caps instead the duration of a run whose results are
// saved (-o): compare reads them, and judges latency only from three
// complete intervals per run.
const savedRunMaxDuration = 3 * time.Second

// exitThreshold is disload's exit code for a crossed threshold.
const exitThreshold = 99

// exitSIGPIPE is a shell's exit status for a process killed by SIGPIPE.
const exitSIGPIPE = 128 + 13

// docsCommandTimeout bounds one README command.
const docsCommandTimeout = 60 * time.Second

// readmeCommand is one runnable line of README.md.
type readmeCommand struct {
	line     int    // 1-based line in README.md
	text     string // as written
	wantExit int
}

var (
	// disloadCall finds a disload invocation at the start of a shell
	// command: the line's start, after ; & | ( or `do`.
	disloadCall = regexp.MustCompile(`(?:^|[;&|(]|\bdo)\s*(?:disload|go run \./cmd/disload)\s`)
	// exitsComment is the README's mark of a non-zero exit code.
	exitsComment = regexp.MustCompile(`#\s*exits? (\d+)`)
	// durationFlag is a -d or --duration flag with its value.
	durationFlag = regexp.MustCompile(`(^|\s)(-d|--duration)(\s+|=)(['"]?)([0-9][0-9.]*[a-zµ]+)(['"]?)`)
	// localURL is an http URL on the loopback address, to be pointed at
	// the test's sink.
	localURL = regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
	// savedRun is a disload run that saves its results.
	savedRun = regexp.MustCompile(`disload run .*(\s-o\s|--out[\s=])`)
	// shellTool is a line that prepares or checks files with standard
	// tools only.
	shellTool = regexp.MustCompile(`^(printf|cat|sort|cmp|diff|mkdir|touch|cp|echo)\s`)
)

// readmeCommands extracts the disload commands of the sh blocks of a
// Markdown document, joining lines continued with a backslash.
func readmeCommands(r io.Reader) ([]readmeCommand, error) {
	var cmds []readmeCommand
	sc := bufio.NewScanner(r)
	inSh, cont := false, ""
	contLine := 0
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			inSh = !inSh && strings.TrimPrefix(trimmed, "```") == "sh"
			continue
		case !inSh:
			continue
		}
		if cont != "" {
			line = cont + " " + trimmed
			cont = ""
		} else {
			contLine = n
		}
		if strings.HasSuffix(line, "\\") {
			cont = strings.TrimSuffix(line, "\\")
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(line), "#") || !disloadCall.MatchString(line) && !shellTool.MatchString(strings.TrimSpace(line)) {
			continue
		}
		c := readmeCommand{line: contLine, text: strings.TrimSpace(line)}
		if m := exitsComment.FindStringSubmatch(line); m != nil {
			c.wantExit, _ = strconv.Atoi(m[1])
		}
		cmds = append(cmds, c)
	}
	return cmds, sc.Err()
}

// shorten rewrites a README command for the docs test: `go run
// ./cmd/disload` is the built binary, durations are capped at limit (and
// given to a `disload run` that has none), local URLs point at sink.
func shorten(cmd string, limit time.Duration, sink string) string {
	cmd = strings.ReplaceAll(cmd, "go run ./cmd/disload", "disload")
	if savedRun.MatchString(cmd) {
		limit = max(limit, savedRunMaxDuration)
	}
	hasDuration := false
	cmd = durationFlag.ReplaceAllStringFunc(cmd, func(m string) string {
		hasDuration = true
		p := durationFlag.FindStringSubmatch(m)
		d, err := time.ParseDuration(p[5])
		if err != nil || d <= limit {
			return m
		}
		return p[1] + p[2] + p[3] + limit.String()
	})
	if !hasDuration {
		cmd = strings.ReplaceAll(cmd, "disload run", "disload run -d "+limit.String())
	}
	if sink != "" {
		cmd = localURL.ReplaceAllString(cmd, sink)
	}
	return cmd
}

func TestReadmeCommandsParse(t *testing.T) {
	readme := strings.Join([]string{
		"text `disload run` in prose is not run",
		"```sh",
		"disload run clicks -d 10s -r 2000/s -o out/   # a comment",
		"# disload run in a comment line is not run",
		"go run ./cmd/disload run        # the built-in default",
		"go test ./... && (cd examples/dis-handler && go test ./...)",
		"disload run default --threshold 'p50<1ms'   # exits 99: too slow",
		"for i in 0 1; do disload run clicks --shard $i/2 & done; wait",
		"disload compare a/ b/   # exit 1: worse",
		"disload gen clicks -n 5 \\",
		"  -o c.jsonl",
		"printf 'name: x\\n' > x.yaml",
		"cd somewhere",
		"```",
		"```yaml",
		"disload run not-sh",
		"```",
		"```",
		"disload run plain block",
		"```",
	}, "\n")
	got, err := readmeCommands(strings.NewReader(readme))
	if err != nil {
		t.Fatal(err)
	}
	want := []readmeCommand{
		{3, "disload run clicks -d 10s -r 2000/s -o out/   # a comment", 0},
		{5, "go run ./cmd/disload run        # the built-in default", 0},
		{7, "disload run default --threshold 'p50<1ms'   # exits 99: too slow", 99},
		{8, "for i in 0 1; do disload run clicks --shard $i/2 & done; wait", 0},
		{9, "disload compare a/ b/   # exit 1: worse", 1},
		{10, "disload gen clicks -n 5  -o c.jsonl", 0},
		{12, "printf 'name: x\\n' > x.yaml", 0},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("readmeCommands:\n got %v\nwant %v", got, want)
	}
}

func TestShorten(t *testing.T) {
	tests := []struct{ in, want string }{
		{"disload run clicks -d 10s -r 2000/s", "disload run clicks -d 1s -r 2000/s"},
		{"disload run clicks --duration=5s", "disload run clicks --duration=1s"},
		{"disload run clicks -d '10s'", "disload run clicks -d 1s"},
		{"disload run x -d 500ms", "disload run x -d 500ms"},
		{"disload run x -d 3s -o base/", "disload run x -d 3s -o base/"},
		{"disload run x -d 10s -o base/", "disload run x -d 3s -o base/"},
		{"go run ./cmd/disload run", "disload run -d 1s"},
		{"disload run my.yaml", "disload run -d 1s my.yaml"},
		{"disload gen clicks -n 10 -o c.jsonl", "disload gen clicks -n 10 -o c.jsonl"},
		{"disload run default -t http://127.0.0.1:8080/events -r 500/s",
			"disload run -d 1s default -t http://127.0.0.1:41000/events -r 500/s"},
	}
	for _, tt := range tests {
		if got := shorten(tt.in, time.Second, "http://127.0.0.1:41000"); got != tt.want {
			t.Errorf("shorten(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestReadmeCommands runs every disload command of README.md (see the
// comment at the top of this file).
func TestReadmeCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every README command (about a minute): not with -short")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found: the README's commands are shell commands")
	}
	f, err := os.Open("README.md")
	if err != nil {
		t.Fatal(err)
	}
	cmds, err := readmeCommands(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) < 10 {
		t.Fatalf("README.md: only %d disload commands found in sh blocks; the extraction is broken", len(cmds))
	}

	work := t.TempDir()
	bin := filepath.Join(work, ".bin")
	goBuild(t, filepath.Join(bin, "disload"), "./cmd/disload")
	goBuild(t, filepath.Join(work, "bin", "handler"), "./internal/target/function/testdata/fn")
	if err := os.CopyFS(filepath.Join(work, "examples"), os.DirFS("examples")); err != nil {
		t.Fatalf("copy examples/: %v", err)
	}

	var hits atomic.Int64
	sink := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		hits.Add(1)
	}))
	defer sink.Close()

	brokers, kafkaEnv := docsKafka(t)
	env := append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), kafkaEnv)
	for _, c := range cmds {
		shell := brokers.Replace(shorten(c.text, docsMaxDuration, sink.URL))
		before := hits.Load()
		start := time.Now()
		code, out := runShell(t, bash, work, env, shell)
		t.Logf("README.md:%d: exit %d in %v", c.line, code, time.Since(start).Round(10*time.Millisecond))
		if code == exitThreshold && c.wantExit == 0 {
			if crossed, ok := speedCrossings(out); ok {
				// Not the README's fault: see speedCrossings.
				t.Logf("README.md:%d: this machine was too busy for %s; accepted\n  command: %s",
					c.line, strings.Join(crossed, ", "), c.text)
				continue
			}
		}
		if code != c.wantExit {
			t.Errorf("README.md:%d: exit %d, want %d\n  command: %s\n  ran as:  %s\n%s",
				c.line, code, c.wantExit, c.text, shell, indent(tail(out, 20)))
			continue
		}
		if localURL.MatchString(c.text) && !strings.Contains(c.text, "--dry-run") && hits.Load() == before {
			t.Errorf("README.md:%d: the local HTTP sink got no request\n  command: %s", c.line, c.text)
		}
	}
	checkSampleOutput(t, bash, work, env)
}

// goBuild builds pkg of this module into out.
func goBuild(t *testing.T, out, pkg string) {
	t.Helper()
	cmd := exec.Command("go", "build", "-o", out, pkg)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, b)
	}
}

// runShell runs one command line with bash in dir and returns its exit code
// and its combined output.
func runShell(t *testing.T, bash, dir string, env []string, line string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), docsCommandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bash, "-o", "pipefail", "-c", line)
	cmd.Dir = dir
	cmd.Env = env
	ownGroup(cmd)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	if ctx.Err() != nil {
		return -1, fmt.Sprintf("timed out after %v\n%s", docsCommandTimeout, out.String())
	}
	if err != nil && cmd.ProcessState == nil {
		t.Fatalf("bash -c %q: %v", line, err)
	}
	code := cmd.ProcessState.ExitCode()
	if code == exitSIGPIPE && strings.Contains(line, "|") {
		code = 0 // a reader of the pipe had enough: disload was not at fault
	}
	return code, out.String()
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// indent prefixes every line of s for an error message.
func indent(s string) string {
	if s == "" {
		return "  (no output)"
	}
	return "  | " + strings.ReplaceAll(s, "\n", "\n  | ")
}

// speedFigure matches the thresholds whose verdict depends on the machine's
// speed: latency percentiles (any spelling), mean, min and max, throughput
// and rates, and drops (an in-flight cap reached because the machine was
// slow). Errors are not among them.
var speedFigure = regexp.MustCompile(`^(service\.)?(p\(?\d+(\.\d+)?\)?|mean|min|max|achieved_rate|events_per_s|records_per_s|payload_mb_per_s|dropped)\s*(<|>|=|!)`)

// speedCrossings reads the crossed thresholds (✗ rows) of disload's
// threshold table in out, and reports whether there is at least one and
// every one of them is on a speed figure.
func speedCrossings(out string) ([]string, bool) {
	var crossed []string
	for _, line := range strings.Split(out, "\n") {
		cells := strings.Split(line, "│")
		if len(cells) < 4 || strings.TrimSpace(cells[1]) != "✗" {
			continue
		}
		expr := strings.TrimSpace(cells[2])
		if !speedFigure.MatchString(expr) {
			return nil, false
		}
		crossed = append(crossed, expr+" ("+strings.TrimSpace(cells[3])+")")
	}
	return crossed, len(crossed) > 0
}

func TestSpeedCrossings(t *testing.T) {
	table := func(rows ...string) string {
		return "┌───┬─────────────────┬───────────┐\n│   │    threshold    │   value   │\n├───┼─────────────────┼───────────┤\n" +
			strings.Join(rows, "\n") + "\n└───┴─────────────────┴───────────┘\ndisload: a threshold was crossed\n"
	}
	tests := []struct {
		name string
		out  string
		want bool
	}{
		{"latency", table("│ ✗ │ p99 < 200ms     │ 316.932ms │", "│ ✓ │ error_rate < 1% │        0% │"), true},
		{"service and drops", table("│ ✗ │ service.p99.9 < 1s │ 2s │", "│ ✗ │ dropped == 0 │ 105 │"), true},
		{"k6 spelling", table("│ ✗ │ p(95) < 10ms │ 12ms │"), true},
		{"throughput", table("│ ✗ │ records_per_s > 50000 │ 41000 │"), true},
		{"errors", table("│ ✗ │ error_rate < 1% │ 3% │"), false},
		{"errors and latency", table("│ ✗ │ p99 < 200ms │ 316ms │", "│ ✗ │ errors < 10 │ 12 │"), false},
		{"nothing crossed", table("│ ✓ │ p99 < 200ms │ 3ms │"), false},
		{"no table", "disload: a threshold was crossed\n", false},
	}
	for _, tt := range tests {
		if _, got := speedCrossings(tt.out); got != tt.want {
			t.Errorf("%s: speedCrossings = %v, want %v", tt.name, got, tt.want)
		}
	}
}
