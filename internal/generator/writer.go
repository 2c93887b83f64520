package generator

import "strconv"

// encID indexes the encodings in per-encoding tables.
type encID uint8

const (
	encJSON encID = iota
	encCSV
	encText
)

// encIDs maps an Encoding to its index.
var encIDs = map[Encoding]encID{EncodingJSON: encJSON, EncodingCSV: encCSV, EncodingText: encText}

// field is a record field's key as each encoding spells it, separator
// included: `,"user_id":` (json), `,` (csv), ` user_id=` (text); open adds
// the opening quote of a JSON string value.
type field struct {
	key, open [3]string
}

func newField(name string) *field {
	f := &field{key: [3]string{encJSON: `,"` + name + `":`, encCSV: ",", encText: " " + name + "="}}
	f.open = f.key
	f.open[encJSON] += `"`
	return f
}

// recWriter lays out one record's fields in the configured encoding:
//
//	json: {"type":"click","ts":"...","user_id":"user-000042",...}
//	csv:  click,2026-01-01T00:00:00.000Z,user-000042,...   (RFC 4180 quoting)
//	text: type=click ts=2026-01-01T00:00:00.000Z user_id=user-000042 ...  (logfmt)
//
// Every kind writes the same fields in the same order in every record, so a
// CSV line always has the same columns; an absent optional field is an empty
// CSV column and is left out of JSON and text.
type recWriter struct {
	b     []byte
	enc   encID
	start int // offset of the record in b
}

// begin starts a record of the given kind at the end of b.
func (w *recWriter) begin(kind string) {
	w.start = len(w.b)
	switch w.enc {
	case encCSV:
		w.b = append(w.b, kind...)
	case encText:
		w.b = append(w.b, "type="...)
		w.b = append(w.b, kind...)
	default:
		w.b = append(w.b, `{"type":"`...)
		w.b = append(w.b, kind...)
		w.b = append(w.b, '"')
	}
}

// end closes the record.
func (w *recWriter) end() {
	if w.enc == encJSON {
		w.b = append(w.b, '}')
	}
}

// key writes the separator and the field's name.
func (w *recWriter) key(f *field) { w.b = append(w.b, f.key[w.enc]...) }

// absent records a missing optional field (an empty CSV column).
func (w *recWriter) absent() {
	if w.enc == encCSV {
		w.b = append(w.b, ',')
	}
}

// str writes a string field, quoted and escaped as the encoding needs.
func (w *recWriter) str(f *field, v string) {
	w.key(f)
	w.b = appendValue(w.b, w.enc, v)
}

// pre writes a string field from its encoded spellings.
func (w *recWriter) pre(f *field, v *encoded) {
	w.key(f)
	w.b = append(w.b, v[w.enc]...)
}

// plain writes a string field whose value needs no quoting in any encoding
// (ids, codes, paths): see isPlain.
func (w *recWriter) plain(f *field, v string) {
	w.openStr(f)
	w.b = append(w.b, v...)
	w.closeStr()
}

// optStr writes a string field when ok, else an absent field.
func (w *recWriter) optStr(f *field, v string, ok bool) {
	if ok {
		w.str(f, v)
	} else {
		w.absent()
	}
}

// int writes an integer field.
func (w *recWriter) int(f *field, v int64) {
	w.key(f)
	w.b = strconv.AppendInt(w.b, v, 10)
}

// fixed writes a number with exactly dec decimals (dec <= 9).
func (w *recWriter) fixed(f *field, v float64, dec int) {
	w.key(f)
	w.b = appendFixed(w.b, v, dec)
}

// optFixed writes a number field when ok, else an absent field.
func (w *recWriter) optFixed(f *field, v float64, dec int, ok bool) {
	if ok {
		w.fixed(f, v, dec)
	} else {
		w.absent()
	}
}

// openStr starts a string field whose plain value the caller appends to w.b.
func (w *recWriter) openStr(f *field) { w.b = append(w.b, f.open[w.enc]...) }

// closeStr ends a field started by openStr.
func (w *recWriter) closeStr() {
	if w.enc == encJSON {
		w.b = append(w.b, '"')
	}
}

// hexID writes a string field holding prefix and the n low hex digits of v.
func (w *recWriter) hexID(f *field, prefix string, v uint64, n int) {
	w.openStr(f)
	w.b = append(w.b, prefix...)
	w.b = appendHex(w.b, v, n)
	w.closeStr()
}

// pad writes the "pad" field, sized so the finished record is target bytes
// long (or as short as possible when it is already longer).
func (w *recWriter) pad(target int) {
	overhead := [...]int{encJSON: len(`,"pad":""}`), encCSV: len(","), encText: len(" pad=")}[w.enc]
	n := max(0, target-(len(w.b)-w.start)-overhead)
	w.openStr(fPad)
	for n > 0 {
		k := min(n, len(padding))
		w.b = append(w.b, padding[:k]...)
		n -= k
	}
	w.closeStr()
}

// padding fills the pad field: characters that need no quoting anywhere.
const padding = "q7Hk2mZp9XwB4vLc8NdR1sTf6GyJ3uEa5KhM0oWiPb" +
	"Vn7QxC2zYl4DgSr9FjUt1AeOk6IwHm3BpLc8ZvNs0T"

// encoded is a string value spelled for every encoding, for pools that
// encode their values once; write it with pre.
type encoded [3]string

func encode(v string) encoded {
	var e encoded
	for i := range e {
		e[i] = string(appendValue(nil, encID(i), v))
	}
	return e
}

// appendValue appends v as a string value of encoding e.
func appendValue(b []byte, e encID, v string) []byte {
	switch e {
	case encCSV:
		return appendCSV(b, v)
	case encText:
		return appendLogfmt(b, v)
	}
	return appendJSONString(b, v)
}

// isPlain reports whether v needs no quoting or escaping in JSON, CSV and
// logfmt: no control character, space, quote, backslash, comma or '='
// (empty is plain too: "" in JSON, nothing in CSV and logfmt).
func isPlain(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c <= ' ' || c == '"' || c == '\\' || c == ',' || c == '=' || c == 0x7f {
			return false
		}
	}
	return true
}
