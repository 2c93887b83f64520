package dis

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/disload/disload/internal/jsonwalk"
)

// records walks Message.records.
func (v *validator) records() {
	const path = "Message.records"
	v.Array(path, "", "a batch holds at least one record", func(i int) {
		v.record(i)
	})
}

// record walks one record object.
func (v *validator) record(i int) {
	path := fmt.Sprintf("Message.records[%d]", i)
	var key, data, seq strField
	off, _ := v.Object(path, []string{"partition_key", "data", "sequence_number"}, func(name string, _ int) {
		switch name {
		case "partition_key":
			v.str(path+".partition_key", &key)
		case "data":
			v.data(path+".data", &data)
		case "sequence_number":
			v.sequence(path+".sequence_number", &seq)
		}
	})
	if off < 0 {
		v.lastSeqOK = false
		return
	}
	if !seq.set {
		v.lastSeqOK = false
	}
	v.missing(off, []presence{{path + ".partition_key", key.set}, {path + ".data", data.set},
		{path + ".sequence_number", seq.set}})
}

// data reads a record's data, which must be standard padded base64.
func (v *validator) data(path string, f *strField) {
	v.str(path, f)
	if !f.ok {
		return
	}
	if i := strings.IndexAny(f.val, "\r\n"); i >= 0 {
		v.Add(path, f.off, "not standard padded base64: line break at byte %d", i)
		return
	}
	if _, err := base64.StdEncoding.Strict().DecodeString(f.val); err != nil {
		v.Add(path, f.off, "not standard padded base64: %v", err)
		return
	}
	if n := base64.StdEncoding.DecodedLen(len(f.val)) - strings.Count(f.val[max(len(f.val)-2, 0):], "="); n > MaxRecordData {
		v.Add(path, f.off, "%d bytes of data, above DIS's record limit of %d (1 MiB)", n, MaxRecordData)
	}
}

// sequence reads a record's sequence number: a JSON string holding a
// decimal, one more than the previous record's.
func (v *validator) sequence(path string, f *strField) {
	k := v.Kind()
	f.set, f.off = true, v.Pos
	prev, prevOK := v.lastSeq, v.lastSeqOK
	v.lastSeqOK = false
	if k == "number" {
		v.Add(path, f.off, "want a JSON string holding a decimal, got a number (the runtime fails to decode it)")
		v.Skip()
		return
	}
	v.str(path, f)
	if !f.ok {
		return
	}
	n, msg := parseDecimal(f.val)
	if msg != "" {
		v.Add(path, f.off, "%s", msg)
		return
	}
	if prevOK && uint64(n) != uint64(prev)+1 {
		v.Add(path, f.off, "sequence number %d does not follow %d: want %d", n, prev, uint64(prev)+1)
	}
	v.lastSeq, v.lastSeqOK = n, true
}

// parseDecimal parses a canonical non-negative decimal (digits only, no
// leading zero, fits int64), returning a message when s is not one.
func parseDecimal(s string) (int64, string) {
	if s == "" {
		return 0, "want a decimal, got \"\""
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Sprintf("want a decimal, got %q", jsonwalk.Abbrev(s))
		}
	}
	if len(s) > 1 && s[0] == '0' {
		return 0, fmt.Sprintf("want a decimal without leading zeros, got %q", jsonwalk.Abbrev(s))
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Sprintf("decimal %q out of range", jsonwalk.Abbrev(s))
	}
	return n, ""
}
