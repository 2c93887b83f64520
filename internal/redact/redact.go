// Package redact removes secrets from URLs before they are written to any
// output: the table, summary.json, report.html, compare and merge output,
// logs and error messages. It is the one redaction of URLs in disload;
// every writer of a target URL calls it.
package redact

import (
	"regexp"
	"strings"
)

// Mask replaces a secret: every query value, and the password of a URL's
// user information (or the user name when it stands alone, as a token
// often does).
const Mask = "xxxxx"

// URL returns raw with its secrets masked: every query value (keys stay,
// so "?api_key=sk-1&page=2" reads "?api_key=xxxxx&page=xxxxx") and the
// password of the user information ("user:xxxxx@"), or a lone user name
// ("xxxxx@"). A string that does not parse as a URL is masked by its
// shape the same way. Masking a masked URL changes nothing; a string
// without user information or query is returned as it is.
func URL(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return maskQuery(raw)
	}
	userinfo, host := splitUserinfo(rest)
	path := ""
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host, path = host[:i], host[i:]
	}
	return scheme + "://" + maskUserinfo(userinfo) + host + maskQuery(path)
}

// splitUserinfo splits what follows "scheme://" into user information and
// the rest ("@host..."). User information ends at the last "@" before the
// path; when an unescaped "/" comes first, it still ends at the last "@"
// before the query if what precedes the "/" holds a ":" (a password with a
// "/": over-masking a path is safer than printing a password).
func splitUserinfo(rest string) (userinfo, host string) {
	end := len(rest)
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		end = i
	}
	at := strings.LastIndexByte(rest[:end], '@')
	if at < 0 {
		return "", rest
	}
	if slash := strings.IndexByte(rest[:at], '/'); slash >= 0 && !strings.Contains(rest[:slash], ":") {
		if at = strings.LastIndexByte(rest[:slash], '@'); at < 0 {
			return "", rest
		}
	}
	return rest[:at], rest[at:]
}

// maskUserinfo masks the password of user information ("user:pass"), or
// all of it when it is a lone user name.
func maskUserinfo(userinfo string) string {
	if userinfo == "" {
		return ""
	}
	user, _, hasPassword := strings.Cut(userinfo, ":")
	if !hasPassword {
		return Mask
	}
	return user + ":" + Mask
}

// maskQuery masks every value of the query of a path ("/p?k=v#f").
func maskQuery(path string) string {
	before, query, ok := strings.Cut(path, "?")
	if !ok {
		return path
	}
	query, fragment, hasFragment := strings.Cut(query, "#")
	params := strings.Split(query, "&")
	for i, p := range params {
		if k, v, ok := strings.Cut(p, "="); ok && v != "" {
			params[i] = k + "=" + Mask
		}
	}
	out := before + "?" + strings.Join(params, "&")
	if hasFragment {
		out += "#" + fragment
	}
	return out
}

// urlRE finds URLs in free text: a scheme, "://", and what follows up to
// a space, quote or angle bracket.
var urlRE = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.\-]*://[^\s"'<>` + "`" + `]+`)

// Text masks every URL in free text (error messages, a scenario's YAML)
// with URL, leaving the rest as it is.
func Text(s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	return urlRE.ReplaceAllStringFunc(s, URL)
}
