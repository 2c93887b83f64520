package generator

import (
	"math"
	"strings"
	"testing"
)

func TestLogLevelShares(t *testing.T) {
	s, err := New(Config{Seed: 9, KeyCount: 200, Kinds: []KindWeight{{Kind: KindLog, Weight: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	const records = 50_000
	counts := map[string]int{}
	var buf []byte
	for range records {
		buf, _, _ = s.PartitionStream(0).NextRecord(buf[:0])
		_, after, _ := strings.Cut(string(buf), `"level":"`)
		level, _, _ := strings.Cut(after, `"`)
		counts[level]++
	}
	n := float64(records)
	for i, name := range levelNames {
		got, want := float64(counts[name])/n, levelShares[i]
		// four standard deviations of a binomial share
		tol := 4 * math.Sqrt(want*(1-want)/n)
		if math.Abs(got-want) > tol {
			t.Errorf("%s: share %.4f, want %.4f ± %.4f", name, got, want, tol)
		}
	}
}

func TestLogLinesFitTheirLevel(t *testing.T) {
	recs := jsonRecords(t, Config{Seed: 3, Partitions: 1, BatchSize: 100, KeyCount: 50,
		Kinds: []KindWeight{{Kind: KindLog, Weight: 1}}}, 50)
	var slow int
	for i, r := range recs {
		level, status := r.str("level"), int(r.num("status"))
		switch r.str("source") {
		case "access":
			ok := level == "WARN" && status >= 400 && status < 500 || level == "ERROR" && status >= 500 ||
				level == "INFO" && status < 400
			if !ok || r.str("method") == "" || !strings.HasPrefix(r.str("path"), "/") || r.num("latency_ms") <= 0 {
				t.Fatalf("record %d: access line %v", i, r.fields)
			}
			if r.num("latency_ms") > 10*services[0].median {
				slow++
			}
		case "app":
			hasStack := r.str("stack") != ""
			if hasStack != (level == "ERROR" || level == "FATAL") || r.str("msg") == "" {
				t.Fatalf("record %d: app line %v", i, r.fields)
			}
		default:
			t.Fatalf("record %d: source %q", i, r.str("source"))
		}
		if len(r.str("trace_id")) != 32 || len(r.str("span_id")) != 16 || !strings.HasPrefix(r.key, r.str("service")+"-") {
			t.Fatalf("record %d: ids or host %v", i, r.fields)
		}
	}
	if slow == 0 {
		t.Error("no slow request: latencies have no tail")
	}
}

func TestHostName(t *testing.T) {
	if got := hostName(42); got != "payments-0002a" {
		t.Errorf("hostName(42) = %q", got)
	}
	if hostName(1) == hostName(11) {
		t.Error("hosts 1 and 11 share a name")
	}
}

func TestLogTextsArePlain(t *testing.T) {
	for _, set := range [][]message{debugMessages, infoMessages, warnMessages} {
		for _, m := range set {
			if strings.ContainsAny(m.text, `,"\`+"\n") {
				t.Errorf("message %q needs escaping", m.text)
			}
		}
	}
	for _, s := range services {
		for _, r := range s.routes {
			if !isPlain(r.prefix + r.suffix) {
				t.Errorf("route %q needs escaping", r.prefix)
			}
		}
	}
}

func TestLatencyTail(t *testing.T) {
	r := newRNG(1, 1)
	var over, timeouts int
	for range 10000 {
		if latencyMS(r, 20, 200) > 200 {
			over++
		}
		if latencyMS(r, 20, 504) >= 30000 {
			timeouts++
		}
	}
	if over < 50 || over > 1000 {
		t.Errorf("%d of 10,000 latencies above 10× the median, want a tail of about 2-5%%", over)
	}
	if timeouts != 10000 {
		t.Errorf("%d of 10,000 gateway timeouts took 30 s", timeouts)
	}
}
