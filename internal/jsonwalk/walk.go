package jsonwalk

import "fmt"

// Walker is a Scanner that gathers the Problems a validator finds on its
// way: the walking both event validators (dis, kafka) share.
type Walker struct {
	Scanner
	Problems []Problem
}

// Add records a problem at path, byte offset off.
func (w *Walker) Add(path string, off int, format string, args ...any) {
	w.Problems = append(w.Problems, Problem{Path: path, Msg: fmt.Sprintf(format, args...), Offset: int64(off)})
}

// Object walks the object at the current position, matching its keys
// against names (MatchKey: exactly or case-insensitively, as the runtime's
// encoding/json does). fn gets the canonical name of each known key and the
// key's offset, and must consume the value; an unknown or duplicate key
// becomes a problem and its value is skipped. Object returns the object's
// offset and the offset of each known key it holds; when the value is not
// an object (a problem too; the value is skipped) off is -1 and seen nil.
func (w *Walker) Object(path string, names []string, fn func(name string, off int)) (off int, seen map[string]int) {
	k := w.Kind() // skips whitespace
	off = w.Pos
	if k != "object" {
		w.Add(path, off, "want a JSON object, got %s", Article(k))
		w.Skip()
		return -1, nil
	}
	seen = make(map[string]int, len(names))
	w.Members(func(key string, koff int) {
		name := MatchKey(key, names)
		switch first, dup := seen[name]; {
		case name == "":
			w.Add(JoinPath(path, key), koff, "unknown key")
			w.Skip()
		case dup:
			w.Add(JoinPath(path, key), koff, "duplicate key (first at byte %d)", first)
			w.Skip()
		default:
			seen[name] = koff
			fn(name, koff)
		}
	})
	return off, seen
}

// Array walks the array at the current position, calling fn with each
// element's index (fn must consume the element). A value that is not an
// array becomes the problem "want a JSON array<of>, got …" (of is e.g.
// " of strings", or ""), an empty array the problem "empty: <empty>". It
// returns the number of elements (0 when the value is not an array).
func (w *Walker) Array(path, of, empty string, fn func(i int)) int {
	k := w.Kind()
	off := w.Pos
	if k != "array" {
		w.Add(path, off, "want a JSON array%s, got %s", of, Article(k))
		w.Skip()
		return 0
	}
	n := 0
	w.Elements(func(i int) {
		n++
		fn(i)
	})
	if n == 0 {
		w.Add(path, off, "empty: %s", empty)
	}
	return n
}
