// Package jsonwalk holds the JSON pieces the event packages (dis, kafka)
// share: string escaping as encoding/json does it, a scanner that keeps the
// byte offset of every value, the Problem a validator reports with its JSON
// path, and the Walker that gathers them while walking objects (known,
// unknown and duplicate keys) and arrays.
package jsonwalk

import (
	"slices"
	"strings"
)

// Problem is one thing wrong with an event, found by a validator.
type Problem struct {
	// Path names the offending field, e.g. Message.records[2].sequence_number
	// (an unknown key's path ends in the key; "" is the whole input).
	Path string
	// Msg says what is wrong.
	Msg string
	// Offset is the byte offset in the input where the offending value (or
	// key, for unknown and duplicate keys; or the enclosing object, for a
	// missing key) starts; -1 when unknown.
	Offset int64
}

// Error returns "path: msg" (just msg when Path is empty).
func (p Problem) Error() string {
	if p.Path == "" {
		return p.Msg
	}
	return p.Path + ": " + p.Msg
}

// MatchKey returns the name in names that key spells, exactly or
// case-insensitively as encoding/json matches keys; "" when none.
func MatchKey(key string, names []string) string {
	if slices.Contains(names, key) {
		return key
	}
	for _, n := range names {
		if strings.EqualFold(key, n) {
			return n
		}
	}
	return ""
}

// JoinPath appends a key to a path.
func JoinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// Article prefixes a JSON type name with "a" or "an".
func Article(kind string) string {
	switch kind {
	case "object", "array":
		return "an " + kind
	case "null":
		return "null"
	}
	return "a " + kind
}

// Abbrev shortens s to 48 bytes for a message.
func Abbrev(s string) string {
	const max = 48
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}
