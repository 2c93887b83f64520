package dis

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/disload/disload/internal/jsonwalk"
)

// TrimHorizon is the cursor type the DIS trigger puts in its cursors.
const TrimHorizon = "TRIM_HORIZON"

// cursorBufSize is the stack buffer for a cursor's JSON; longer cursors
// (stream names over about 120 bytes; DIS allows 64) spill to the heap.
const cursorBufSize = 320

// AppendTo appends the cursor as next_partition_cursor carries it: the
// unpadded standard base64 of
// {"getIteratorParam":{"stream-name":S,"partition-id":P,"cursor-type":T,
// "starting-sequence-number":N},"generateTimestamp":MS}, keys in that order.
func (c *Cursor) AppendTo(dst []byte) []byte {
	var buf [cursorBufSize]byte
	return appendBase64(dst, c.appendJSON(buf[:0]), false)
}

// String returns the encoded cursor, as AppendTo writes it.
func (c Cursor) String() string {
	var buf [2 * cursorBufSize]byte
	return string(c.AppendTo(buf[:0]))
}

// appendJSON appends the cursor's JSON form (before base64).
func (c *Cursor) appendJSON(dst []byte) []byte {
	return appendCursorJSON(dst, c.StreamName, c.PartitionID, c.CursorType,
		c.StartingSequenceNumber, c.GenerateTimestamp)
}

// appendCursorJSON writes the cursor JSON from its parts.
func appendCursorJSON(dst []byte, stream, partition, typ, seq string, ms int64) []byte {
	dst = append(dst, `{"getIteratorParam":{"stream-name":`...)
	dst = jsonwalk.AppendString(dst, stream)
	dst = append(dst, `,"partition-id":`...)
	dst = jsonwalk.AppendString(dst, partition)
	dst = append(dst, `,"cursor-type":`...)
	dst = jsonwalk.AppendString(dst, typ)
	dst = append(dst, `,"starting-sequence-number":`...)
	dst = jsonwalk.AppendString(dst, seq)
	dst = append(dst, `},"generateTimestamp":`...)
	dst = strconv.AppendInt(dst, ms, 10)
	return append(dst, '}')
}

// appendBatchCursor appends the encoded cursor of a batch; it writes the
// shard id and sequence number straight into the JSON, so it does not
// allocate (stream names up to about 120 bytes).
func appendBatchCursor(dst []byte, b *Batch) []byte {
	var buf [cursorBufSize]byte
	j := append(buf[:0], `{"getIteratorParam":{"stream-name":`...)
	j = jsonwalk.AppendString(j, b.StreamName)
	j = append(j, `,"partition-id":"`...)
	j = AppendShardID(j, b.Partition)
	j = append(j, `","cursor-type":"`+TrimHorizon+`","starting-sequence-number":"`...)
	j = strconv.AppendInt(j, b.NextSequence, 10)
	j = append(j, `"},"generateTimestamp":`...)
	j = strconv.AppendInt(j, b.CursorTimestamp, 10)
	j = append(j, '}')
	return appendBase64(dst, j, false)
}

// wireCursor is the cursor JSON as encoding/json reads it.
type wireCursor struct {
	Param *struct {
		StreamName  *string `json:"stream-name"`
		PartitionID *string `json:"partition-id"`
		CursorType  *string `json:"cursor-type"`
		Sequence    *string `json:"starting-sequence-number"`
	} `json:"getIteratorParam"`
	GenerateTimestamp *int64 `json:"generateTimestamp"`
}

// ParseCursor decodes a next_partition_cursor. It accepts standard and URL
// base64 alphabets, padded or not; the JSON inside may have any key order and
// whitespace and extra keys, but must hold all five fields with their types
// (generateTimestamp an integer, the others strings).
func ParseCursor(s string) (Cursor, error) {
	raw, err := decodeCursorBase64(s)
	if err != nil {
		return Cursor{}, err
	}
	var w wireCursor
	if err := json.Unmarshal(raw, &w); err != nil {
		return Cursor{}, fmt.Errorf("cursor: base64 does not hold a cursor JSON object: %w", err)
	}
	return w.cursor()
}

// cursor checks that every field is present and builds the Cursor.
func (w *wireCursor) cursor() (Cursor, error) {
	if w.Param == nil {
		return Cursor{}, errors.New("cursor: missing getIteratorParam")
	}
	p := w.Param
	var missing []string
	for _, f := range []struct {
		name string
		v    *string
	}{{"stream-name", p.StreamName}, {"partition-id", p.PartitionID},
		{"cursor-type", p.CursorType}, {"starting-sequence-number", p.Sequence}} {
		if f.v == nil {
			missing = append(missing, "getIteratorParam."+f.name)
		}
	}
	if w.GenerateTimestamp == nil {
		missing = append(missing, "generateTimestamp")
	}
	if len(missing) > 0 {
		return Cursor{}, fmt.Errorf("cursor: missing %s", strings.Join(missing, ", "))
	}
	return Cursor{StreamName: *p.StreamName, PartitionID: *p.PartitionID,
		CursorType: *p.CursorType, StartingSequenceNumber: *p.Sequence,
		GenerateTimestamp: *w.GenerateTimestamp}, nil
}

// decodeCursorBase64 decodes s in whichever base64 alphabet it uses, with or
// without padding.
func decodeCursorBase64(s string) ([]byte, error) {
	if s == "" {
		return nil, errors.New("cursor: empty")
	}
	body := strings.TrimRight(s, "=")
	if pad := len(s) - len(body); pad > 0 && (pad > 2 || len(s)%4 != 0) {
		return nil, fmt.Errorf("cursor: bad base64 padding in %q", jsonwalk.Abbrev(s))
	}
	enc := base64.RawStdEncoding
	if strings.ContainsAny(body, "-_") {
		if strings.ContainsAny(body, "+/") {
			return nil, fmt.Errorf("cursor: base64 mixes standard (+/) and URL (-_) alphabets in %q", jsonwalk.Abbrev(s))
		}
		enc = base64.RawURLEncoding
	}
	raw, err := enc.DecodeString(body)
	if err != nil {
		return nil, fmt.Errorf("cursor: not base64: %w", err)
	}
	return raw, nil
}
