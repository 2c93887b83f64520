package generator

import (
	"math"
	"strconv"

	"github.com/brianvoe/gofakeit/v6"
)

// Log records are the lines services write: access lines of HTTP requests
// (method, path, status, bytes, a long-tailed latency) and application lines
// (debug chatter, warnings, errors with stack-like messages), each with a
// trace id. The partition key is the host. Levels come in fixed shares
// (levelShares); access lines of 4xx are WARN and of 5xx ERROR.
//
// With Encoding text a record is a logfmt line, as log shippers and
// pipelines (Loki, Vector, Fluent Bit) parse them: key=value pairs, values
// with spaces, quotes or line breaks quoted and escaped:
//
//	type=log ts=2026-01-01T00:00:00.123Z level=INFO service=checkout host=checkout-0002a region=eu-de version=3.1.4 trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7 source=access method=GET path=/api/v1/cart/81234 status=200 bytes=1532 latency_ms=23.4 msg="request completed"
//	type=log ts=2026-01-01T00:00:00.124Z level=ERROR service=payments ... source=app logger=payments.handler msg="failed to charge card: connection refused" stack="    at github.com/acme/payments/internal/gateway.(*Client).Charge(client.go:142)\n..."

// Levels and their shares of log records.
var (
	levelNames  = [...]string{"DEBUG", "INFO", "WARN", "ERROR", "FATAL"}
	levelShares = [...]float64{0.10, 0.72, 0.12, 0.055, 0.005}
	levelPick   = newWeighted(levelShares[:]...)
)

const (
	lvDebug = iota
	lvInfo
	lvWarn
	lvError
	lvFatal
)

// route is an HTTP endpoint: method, path prefix, and optionally an id and
// a suffix after it.
type route struct {
	method, prefix string
	id             bool
	suffix         string
}

type service struct {
	name    string
	median  float64 // latency median in ms
	routes  []route
	actions []string // what an error line says failed
}

var services = [...]service{
	{"api-gateway", 8, []route{{"GET", "/api/v1/products", false, ""}, {"GET", "/api/v1/products/", true, ""}, {"POST", "/api/v1/orders", false, ""}}, []string{"failed to proxy request", "failed to verify token"}},
	{"checkout", 45, []route{{"POST", "/api/v1/checkout", false, ""}, {"GET", "/api/v1/checkout/", true, ""}, {"PUT", "/api/v1/checkout/", true, "/address"}}, []string{"failed to create checkout", "failed to price cart"}},
	{"payments", 120, []route{{"POST", "/api/v1/payments", false, ""}, {"GET", "/api/v1/payments/", true, ""}, {"POST", "/api/v1/payments/", true, "/refund"}}, []string{"failed to charge card", "failed to refund payment"}},
	{"catalog", 12, []route{{"GET", "/api/v1/products", false, ""}, {"GET", "/api/v1/products/", true, ""}, {"GET", "/api/v1/categories", false, ""}}, []string{"failed to load product", "failed to render response"}},
	{"search", 35, []route{{"GET", "/api/v1/search", false, ""}, {"GET", "/api/v1/suggest", false, ""}}, []string{"failed to query index", "failed to parse query"}},
	{"auth", 20, []route{{"POST", "/oauth/token", false, ""}, {"POST", "/api/v1/login", false, ""}, {"POST", "/api/v1/logout", false, ""}}, []string{"failed to issue token", "failed to load user"}},
	{"cart", 15, []route{{"GET", "/api/v1/cart/", true, ""}, {"POST", "/api/v1/cart/", true, "/items"}, {"DELETE", "/api/v1/cart/items/", true, ""}}, []string{"failed to load cart", "failed to save cart"}},
	{"inventory", 18, []route{{"GET", "/api/v1/stock/", true, ""}, {"PATCH", "/api/v1/stock/", true, ""}}, []string{"failed to reserve stock", "failed to release reservation"}},
	{"orders", 30, []route{{"GET", "/api/v1/orders", false, ""}, {"GET", "/api/v1/orders/", true, ""}, {"POST", "/api/v1/orders", false, ""}}, []string{"failed to persist order", "failed to publish order.created"}},
	{"shipping", 60, []route{{"GET", "/api/v1/shipments/", true, ""}, {"POST", "/api/v1/shipments", false, ""}}, []string{"failed to book carrier", "failed to print label"}},
}

var regions = [...]string{"eu-de", "eu-nl", "ap-southeast-1"}

// hostName names host i after its service: checkout-0002a.
func hostName(i int) string {
	s := services[i%len(services)].name
	return s + "-" + string(appendHex(nil, uint64(i), 5))
}

// Status codes of access lines by level.
var (
	warnStatus  = [...]int{400, 401, 403, 404, 409, 422, 429}
	warnPick    = newWeighted(25, 20, 8, 35, 4, 5, 3)
	errorStatus = [...]int{500, 502, 503, 504}
	errorPick   = newWeighted(45, 20, 25, 10)
)

// Application messages: a text and, for some, a number after it.
type message struct {
	text   string
	number bool
}

var (
	debugMessages = []message{{"cache hit for product ", true}, {"sql: SELECT total FROM orders WHERE id = ", true},
		{"feature flag new-checkout on for user ", true}, {"acquired connection from pool with idle ", true}}
	infoMessages = []message{{"order created with items ", true}, {"payment authorised", false}, {"cache refreshed with entries ", true},
		{"user logged in", false}, {"published event order.created", false}, {"config reloaded", false}}
	warnMessages = []message{{"slow query in ms ", true}, {"retrying call to payments attempt ", true},
		{"circuit breaker half-open", false}, {"deprecated API v1 called by client ", true}, {"connection pool at capacity with waiters ", true}}
	errorCauses = []string{"context deadline exceeded", "connection refused", "dial tcp 10.0.3.17:5432: i/o timeout",
		`pq: duplicate key value violates unique constraint "orders_pkey"`, "redis: nil",
		"json: cannot unmarshal string into Go struct field Order.total of type float64", "EOF"}
	panicCause = "runtime error: invalid memory address or nil pointer dereference"
)

// failure is a prepared error message with its stack.
type failure struct{ msg, stack string }

// logPools are per-service versions and prepared error stacks.
type logPools struct {
	versions [len(services)][2]string // current and previous release
	failures [len(services)][]failure
	panics   [len(services)]failure
}

func newLogPools(f *gofakeit.Faker, r *rng) *logPools {
	p := &logPools{}
	for i, s := range services {
		p.versions[i] = [2]string{f.AppVersion(), f.AppVersion()}
		for _, action := range s.actions {
			for _, cause := range errorCauses {
				p.failures[i] = append(p.failures[i], failure{action + ": " + cause, stackOf(f, r, s.name, 3+r.intn(3))})
			}
		}
		p.panics[i] = failure{"panic: " + panicCause, stackOf(f, r, s.name, 5)}
	}
	return p
}

// stackOf builds a Go-style stack of n frames inside a service.
func stackOf(f *gofakeit.Faker, r *rng, svc string, n int) string {
	b := []byte{}
	for i := range n {
		if i > 0 {
			b = append(b, '\n')
		}
		pkg := slug(f.HackerNoun())
		b = append(b, "    at github.com/acme/"...)
		b = append(b, svc...)
		b = append(b, "/internal/"...)
		b = append(b, pkg...)
		b = append(b, ".(*"...)
		b = append(b, capitalize(slugless(f.HackerNoun()))...)
		b = append(b, ")."...)
		b = append(b, capitalize(slugless(f.HackerVerb()))...)
		b = append(b, '(')
		b = append(b, pkg...)
		b = append(b, ".go:"...)
		b = strconv.AppendInt(b, int64(20+r.intn(400)), 10)
		b = append(b, ')')
	}
	return string(b)
}

// slugless drops everything but letters.
func slugless(s string) string {
	b := []byte{}
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			b = append(b, c)
		}
	}
	return string(b)
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// latencyMS draws a long-tailed request latency around a median.
func latencyMS(r *rng, median float64, status int) float64 {
	v := r.logNormal(math.Log(median), 0.8)
	if r.chance(0.02) {
		v *= 5 + 45*r.float() // stragglers: GC pauses, cold caches, retries
	}
	if status == 504 {
		v = 30000 + 100*r.float()
	}
	return v
}
