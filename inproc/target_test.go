package inproc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/metrics"
)

func TestNew(t *testing.T) {
	for _, tc := range []struct {
		spec string
		opts Options
		err  string
	}{
		{"noop", Options{}, ""},
		{"inproc:decode", Options{}, ""},
		{"json", Options{}, ""},
		{"sleep:5ms", Options{}, ""},
		{"sleep:0s", Options{}, ""},
		{"sleep:abc", Options{}, `inproc: "sleep:abc": bad sleep duration "abc" (e.g. sleep:5ms); valid: decode, json, noop,`},
		{"sleep:-1s", Options{}, `bad sleep duration "-1s"`},
		{"sleep", Options{}, `inproc: unknown handler "sleep"; valid: decode, json, noop, `},
		{"nope", Options{}, `unknown handler "nope"; valid: decode, json, noop, test-custom, sleep:DURATION`},
		{"noop", Options{MemoryMB: -1, Timeout: -time.Second}, "inproc: memory: must not be negative\ntimeout: must not be negative"},
	} {
		tgt, err := New(tc.spec, tc.opts)
		if (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("New(%q) error = %v; want %q", tc.spec, err, tc.err)
		}
		if err == nil && tgt.Close() != nil {
			t.Errorf("New(%q).Close() failed", tc.spec)
		}
	}
}

func TestNewTarget(t *testing.T) {
	names := Names()
	name := func(_ []byte, ctx RuntimeContext) (any, error) {
		return ctx.GetFunctionName(), errors.New(ctx.GetFunctionName())
	}
	for _, tc := range []struct {
		desc string
		h    Handler
		opts Options
		err  string
		fn   string // the function name the handler sees
	}{
		{"default name", name, Options{}, "", DefaultFunctionName},
		{"named", name, Options{FunctionName: "orders"}, "", "orders"},
		{"nil handler", nil, Options{}, "inproc: NewTarget: nil handler", ""},
		{"bad options", name, Options{CPU: -1, MaxResponseBytes: -1},
			"inproc: cpu: must not be negative\nmax_response_bytes: must not be negative", ""},
	} {
		tgt, err := NewTarget(tc.h, tc.opts)
		if (err == nil) != (tc.err == "") || err != nil && err.Error() != tc.err || (tgt == nil) == (err == nil) {
			t.Errorf("%s: NewTarget = %v, %v; want error %q", tc.desc, tgt, err, tc.err)
			continue
		}
		if err != nil {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		for _, c := range []context.Context{context.Background(), ctx} {
			if out := tgt.Invoke(c, &harness.Event{Payload: []byte("{}")}); out.Message != tc.fn {
				t.Errorf("%s: the handler saw function name %q; want %q", tc.desc, out.Message, tc.fn)
			}
		}
		cancel()
		if err := tgt.Close(); err != nil {
			t.Errorf("%s: Close: %v", tc.desc, err)
		}
	}
	if !slices.Equal(Names(), names) {
		t.Errorf("NewTarget registered handlers: Names() = %q, was %q", Names(), names)
	}
}

func FuzzNew(f *testing.F) {
	for _, s := range []string{"noop", "sleep:5ms", "sleep:", "inproc:json", "sleep:1e9h", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		tgt, err := New(spec, Options{})
		if (tgt == nil) == (err == nil) {
			t.Errorf("New(%q) = %v, %v: want exactly one of a target and an error", spec, tgt, err)
		}
	})
}

func handlerOf(res any, err error) Handler {
	return func([]byte, RuntimeContext) (any, error) { return res, err }
}

func panics(v any) Handler { return func([]byte, RuntimeContext) (any, error) { panic(v) } }

func TestInvokeClasses(t *testing.T) {
	ev := &harness.Event{Payload: []byte(`{}`)}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancel()
	for _, tc := range []struct {
		name  string
		h     Handler
		opts  Options
		ctx   context.Context
		ev    *harness.Event
		class harness.Class
		msg   string
	}{
		{"ok", handlerOf("fine", nil), Options{}, nil, ev, "", ""},
		{"error", handlerOf("x", errors.New("bad input")), Options{}, nil, ev, harness.ClassReturnError, "bad input"},
		{"nil result", handlerOf(nil, nil), Options{}, nil, ev, harness.ClassReturnError, "response is empty"},
		{"nil result and error", handlerOf(nil, errors.New("bad")), Options{}, nil, ev, harness.ClassReturnError, "response is empty"},
		{"panic string", panics("boom"), Options{}, nil, ev, harness.ClassPanic, "boom"},
		{"panic error", panics(fmt.Errorf("wrapped: %w", io.EOF)), Options{}, nil, ev, harness.ClassPanic, "wrapped: EOF"},
		{"panic struct", panics(struct{ A int }{1}), Options{}, nil, ev, harness.ClassPanic, "{A:1}"},
		{"too large string", handlerOf("12345", nil), Options{MaxResponseBytes: 4}, nil, ev, harness.ClassTooLarge,
			"Response body size '5' larger than max value '4'."},
		{"too large json", handlerOf(map[string]int{"a": 1}, nil), Options{MaxResponseBytes: 4}, nil, ev, harness.ClassTooLarge,
			"Response body size '7' larger than max value '4'."},
		{"at the limit", handlerOf([]byte("1234"), nil), Options{MaxResponseBytes: 4}, nil, ev, "", ""},
		{"empty payload", handlerOf("x", nil), Options{}, nil, &harness.Event{}, harness.ClassBadRequest, "bad request parameters"},
		{"canceled", handlerOf("x", nil), Options{}, canceled, ev, harness.ClassCanceled, "the call was canceled: context canceled"},
		{"expired", handlerOf("x", nil), Options{}, expired, ev, harness.ClassTimeout, "the deadline had passed before the call: not called"},
	} {
		ctx := tc.ctx
		if ctx == nil {
			ctx = context.Background()
		}
		out := newTarget(tc.name, tc.h, tc.opts).Invoke(ctx, tc.ev)
		if out.Class != tc.class || out.Message != tc.msg {
			t.Errorf("%s: Invoke = %+v; want {Class:%s Message:%s}", tc.name, out, tc.class, tc.msg)
		}
	}
}

func TestLogLines(t *testing.T) {
	var buf bytes.Buffer
	h := func(_ []byte, ctx RuntimeContext) (any, error) {
		ctx.GetLogger().Logf("hello %d", 42)
		return nil, nil
	}
	tgt := newTarget("logs", h, Options{Log: &buf})
	tgt.Invoke(context.Background(), &harness.Event{Payload: []byte("{}")})
	tgt = newTarget("logs", panics("boom"), Options{Log: &buf})
	tgt.Invoke(context.Background(), &harness.Event{Payload: []byte("{}")})
	line := `\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12} `
	want := regexp.MustCompile(`^` + line + `hello 42\n` + line + `response is empty\n` +
		line + `invoke function failed for function code panic, error=boom\.\n$`)
	if !want.MatchString(buf.String()) {
		t.Errorf("log:\n%s\nwant lines matching %s", buf.String(), want)
	}
}

func TestNoopAllocatesNothing(t *testing.T) {
	tgt, err := New("noop", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ev := &harness.Event{Payload: []byte(`{}`)}
	ctx := context.Background()
	if n := testing.AllocsPerRun(1000, func() { tgt.Invoke(ctx, ev) }); n != 0 {
		t.Errorf("noop Invoke allocates %.1f times per call; want 0", n)
	}
}

func BenchmarkInvoke(b *testing.B) {
	documented, err := os.ReadFile("testdata/documented-event.json")
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"noop", "decode"} {
		b.Run(name, func(b *testing.B) {
			tgt, _ := New(name, Options{})
			ev := &harness.Event{Payload: documented}
			b.ReportAllocs()
			for b.Loop() {
				tgt.Invoke(context.Background(), ev)
			}
		})
	}
}

// BenchmarkOverheadNoopInproc is the engine's overhead with the noop
// in-process target: events/s on one core is the bar (>= 500,000).
func BenchmarkOverheadNoopInproc(b *testing.B) {
	for _, tc := range []struct {
		name string
		cfg  harness.Config
	}{
		{"open", harness.Config{Pacer: harness.ConstantPacer{PerSecond: 1e12}, Concurrency: 16}},
		{"closed-1", harness.Config{Mode: harness.Closed, Concurrency: 1}},
		{"open-timeout", harness.Config{Pacer: harness.ConstantPacer{PerSecond: 1e12}, Concurrency: 16, Timeout: 3 * time.Second}},
		{"closed-1-timeout", harness.Config{Mode: harness.Closed, Concurrency: 1, Timeout: 3 * time.Second}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			tgt, _ := New("noop", Options{})
			payload := []byte(`{"ShardID":"shardId-0000000000"}`)
			src := harness.SourceFunc(func(ev *harness.Event) { ev.Payload = append(ev.Payload[:0], payload...) })
			tc.cfg.MaxEvents = int64(b.N)
			b.ResetTimer()
			info, err := harness.Run(context.Background(), tc.cfg, src, tgt, metrics.NewCollector(time.Second))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(info.Sent)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkInvokeDeadline is what enforcing a deadline costs the noop
// handler: no deadline (inline), a deadline on a shared context, and a
// context.WithTimeout per call under a cancelable parent, as the harness
// makes one for every delivery; 1 KB and 100 KB payloads.
func BenchmarkInvokeDeadline(b *testing.B) {
	parent, stop := context.WithCancel(context.Background())
	defer stop()
	shared, cancel := context.WithTimeout(parent, time.Hour)
	defer cancel()
	modes := []struct {
		name   string
		invoke func(harness.Target, *harness.Event)
	}{
		{"none", func(t harness.Target, ev *harness.Event) { t.Invoke(parent, ev) }},
		{"shared", func(t harness.Target, ev *harness.Event) { t.Invoke(shared, ev) }},
		{"per-call", func(t harness.Target, ev *harness.Event) {
			ctx, cancel := context.WithTimeout(parent, 3*time.Second)
			t.Invoke(ctx, ev)
			cancel()
		}},
	}
	for _, size := range []int{1 << 10, 100 << 10} {
		for _, m := range modes {
			b.Run(fmt.Sprintf("%s/%dKB", m.name, size>>10), func(b *testing.B) {
				tgt, err := New("noop", Options{})
				if err != nil {
					b.Fatal(err)
				}
				defer tgt.Close()
				ev := &harness.Event{Payload: bytes.Repeat([]byte("x"), size)}
				b.ReportAllocs()
				for b.Loop() {
					m.invoke(tgt, ev)
				}
			})
		}
	}
}
