package scenarios

import (
	"net/url"
	"slices"
	"strings"
)

// endpointKey is the key that says where each target type sends events.
var endpointKey = map[TargetType]string{
	TargetInproc: "name", TargetFunction: "path", TargetRPC: "addr", TargetHTTP: "url",
}

// check finds the problems of a target whose field path is path.
func (t *Target) check(c *checker, path string) {
	if t.Type == "" {
		c.add(path+".type", "is required (inproc, function, rpc or http)")
		return
	}
	if !valid(t.Type) {
		checkEnum(c, path+".type", t.Type)
		return
	}
	if err := t.checkEndpoint(); err != nil {
		c.add(path+"."+endpointKey[t.Type], "%v", err)
	}
	for _, k := range targetSchema(path, t) {
		if k.f.types != nil && !k.f.isZero() && !slices.Contains(k.f.types, t.Type) {
			c.add(path+"."+k.name, "only for %s targets, this one is %s", typeList(k.f.types), t.Type)
		}
	}
	if t.Timeout <= 0 {
		c.add(path+".timeout", "must be above 0, got %v", t.Timeout)
	}
	switch t.Type {
	case TargetHTTP:
		t.checkHTTP(c, path)
	case TargetFunction:
		t.checkHeaders(c, path)
		t.checkFunction(c, path)
		t.checkRuntime(c, path)
	case TargetRPC:
		t.checkHeaders(c, path)
		checkEnum(c, path+".invoke_type", t.InvokeType)
	}
	if t.Type != TargetFunction && t.Memory < 0 {
		c.add(path+".memory", "must not be negative (MB; 0: the default %d), got %d", DefaultMemory, t.Memory)
	}
}

// typeList names target types as "a", "a or b", "a, b or c".
func typeList(ts []TargetType) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = string(t)
	}
	if len(names) < 3 {
		return strings.Join(names, " or ")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// checkHTTP checks the settings of an http target.
func (t *Target) checkHTTP(c *checker, path string) {
	if !isToken(t.Method) {
		c.add(path+".method", "%q is not an HTTP method", t.Method)
	}
	t.checkHeaders(c, path)
	if u, err := url.Parse(t.URL); err == nil && u.Scheme == "http" && t.TLS != (TLS{}) {
		c.add(path+".tls", "TLS settings need an https:// URL, this one is http://")
	}
	if (t.TLS.CertFile == "") != (t.TLS.KeyFile == "") {
		c.add(path+".tls", "cert_file and key_file go together: give both or neither")
	}
}

// checkHeaders checks the request headers: HTTP requests of an http
// target, the runtime's invoke headers (which the function reads into its
// context) of a function or rpc target. Messages never quote a value.
func (t *Target) checkHeaders(c *checker, path string) {
	for _, k := range sortedKeys(t.Headers) {
		if !isToken(k) {
			c.add(path+".headers."+k, "%q is not a valid header name", k)
		}
		if strings.ContainsAny(t.Headers[k], "\r\n\x00") {
			c.add(path+".headers."+k, "a header value must not contain line breaks")
		}
	}
}

// checkFunction checks the settings of a function target.
func (t *Target) checkFunction(c *checker, path string) {
	checkEnum(c, path+".invoke_type", t.InvokeType)
	in := t.Instances
	if in.Min < 1 || in.Max < 0 || in.Max > MaxFunctionInstances || in.Max != 0 && in.Min > in.Max {
		c.add(path+".instances", "need 1 <= min <= max <= %d (max 0: the platform's default), got min %d and max %d", MaxFunctionInstances, in.Min, in.Max)
	}
	if t.ConcurrencyPerInstance < 1 {
		c.add(path+".concurrency_per_instance", "must be at least 1, got %d", t.ConcurrencyPerInstance)
	}
	if t.Memory < 1 {
		c.add(path+".memory", "must be at least 1 (MB), got %d", t.Memory)
	}
	if t.MaxRespBodySize < 1 {
		c.add(path+".max_resp_body_size", "must be at least 1B, got %d", t.MaxRespBodySize)
	}
	for _, k := range sortedKeys(t.Env) {
		if k == "" || strings.ContainsAny(k, "=\x00") {
			c.add(path+".env."+k, "%q is not a valid environment variable name", k)
		}
	}
}

// isToken reports whether s is a non-empty HTTP token (RFC 9110).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > '~' || r <= ' ' || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r) {
			return false
		}
	}
	return true
}

// sortedKeys returns m's keys in order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
