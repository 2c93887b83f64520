package generator

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
)

// This checker reads events with encoding/json, encoding/base64 and
// crypto/md5 only, independently of package dis, and holds them to the
// rules of docs/PROTOCOL.md.

// checkerConfigs are every kind alone (in every encoding for the built-in
// kinds) and a mix of all of them.
func checkerConfigs() map[string]Config {
	out := map[string]Config{"mixed": mixedConfig()}
	for _, k := range Kinds {
		for _, enc := range []Encoding{EncodingJSON, EncodingCSV, EncodingText} {
			kw := KindWeight{Kind: k, Weight: 1}
			if k == KindCustom {
				kw.Template = ExampleTemplate
			}
			out[string(k)+"/"+string(enc)] = Config{Seed: 7, Partitions: 5, BatchSize: 10,
				KeyCount: 500, Kinds: []KindWeight{kw}, Encoding: enc, SequenceOffset: 17}
		}
	}
	return out
}

func TestChecker(t *testing.T) {
	for name, cfg := range checkerConfigs() {
		t.Run(name, func(t *testing.T) {
			c := newChecker(cfg.WithDefaults())
			for i, ev := range events(t, cfg, 400) {
				if err := c.event(ev); err != nil {
					t.Fatalf("event %d: %v\n%.600s", i, err, ev)
				}
			}
			if len(c.keyPart) < 50 {
				t.Errorf("%d distinct keys in 400 events, want at least 50", len(c.keyPart))
			}
		})
	}
}

type checker struct {
	cfg     Config
	next    map[string]int64 // per shard id: the next sequence number
	keyPart map[string]string
	kinds   map[string]bool
	columns map[string]int // CSV columns per kind
}

func newChecker(cfg Config) *checker {
	c := &checker{cfg: cfg, next: map[string]int64{}, keyPart: map[string]string{}, kinds: map[string]bool{},
		columns: map[string]int{}}
	for _, k := range cfg.Kinds {
		c.kinds[string(k.Kind)] = true
	}
	return c
}

func (c *checker) event(data []byte) error {
	var top map[string]any
	if err := json.Unmarshal(data, &top); err != nil {
		return err
	}
	if err := exactKeys(top, "ShardID", "Message", "Tag", "StreamName"); err != nil {
		return err
	}
	shard, tag, stream := str(top["ShardID"]), str(top["Tag"]), str(top["StreamName"])
	msg, _ := top["Message"].(map[string]any)
	if err := exactKeys(msg, "next_partition_cursor", "records", "millis_behind_latest"); err != nil {
		return err
	}
	if tag != c.cfg.Tag || stream != c.cfg.StreamName || msg["millis_behind_latest"] != "" {
		return fmt.Errorf("tag %q, stream %q, millis %q", tag, stream, msg["millis_behind_latest"])
	}
	p, err := shardIndex(shard)
	if err != nil {
		return err
	}
	records, _ := msg["records"].([]any)
	if len(records) == 0 || len(records) > c.cfg.BatchSize {
		return fmt.Errorf("%d records in a batch of %d", len(records), c.cfg.BatchSize)
	}
	for i, r := range records {
		if err := c.record(r, shard, p); err != nil {
			return fmt.Errorf("record %d: %v", i, err)
		}
	}
	return c.cursor(str(msg["next_partition_cursor"]), shard, stream)
}

// str returns v when it is a string, else a marker no check accepts.
func str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprintf("<%T, not a string>", v)
}

func exactKeys(v any, keys ...string) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("%T is not an object", v)
	}
	if len(m) != len(keys) {
		return fmt.Errorf("%d keys, want %v", len(m), keys)
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			return fmt.Errorf("missing key %q", k)
		}
	}
	return nil
}

func shardIndex(id string) (int, error) {
	digits, ok := strings.CutPrefix(id, "shardId-")
	if !ok || len(digits) != 10 {
		return 0, fmt.Errorf("ShardID %q is not shardId- and 10 digits", id)
	}
	return strconv.Atoi(digits)
}

func (c *checker) record(v any, shard string, p int) error {
	if err := exactKeys(v, "partition_key", "data", "sequence_number"); err != nil {
		return err
	}
	r := v.(map[string]any)
	data := str(r["data"])
	decoded, err := base64.StdEncoding.Strict().DecodeString(data)
	if err != nil || base64.StdEncoding.EncodeToString(decoded) != data {
		return fmt.Errorf("data is not canonical padded std base64: %v", err)
	}
	if err := c.sequence(shard, str(r["sequence_number"])); err != nil {
		return err
	}
	if err := c.key(str(r["partition_key"]), shard, p); err != nil {
		return err
	}
	if err := c.data(decoded); err != nil {
		return fmt.Errorf("%v\n%s", err, decoded)
	}
	return nil
}

func (c *checker) sequence(shard, s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || strconv.FormatInt(n, 10) != s {
		return fmt.Errorf("sequence_number %q is not a canonical decimal", s)
	}
	want, ok := c.next[shard]
	if !ok {
		want = c.cfg.SequenceOffset
	}
	if n != want {
		return fmt.Errorf("%s: sequence number %d, want %d", shard, n, want)
	}
	c.next[shard] = n + 1
	return nil
}

func (c *checker) key(key, shard string, p int) error {
	if key == "" {
		return fmt.Errorf("empty partition_key")
	}
	if prev, ok := c.keyPart[key]; ok && prev != shard {
		return fmt.Errorf("key %s on %s and %s", key, prev, shard)
	}
	c.keyPart[key] = shard
	if want := sdkPartition(key, c.cfg.Partitions); want != p {
		return fmt.Errorf("key %s on partition %d, the SDK formula gives %d", key, p, want)
	}
	return nil
}

// sdkPartition is the DIS SDK's key → partition formula (docs/PROTOCOL.md §4).
func sdkPartition(key string, n int) int {
	if n <= 1 {
		return 0
	}
	sum := md5.Sum([]byte(key))
	h := binary.BigEndian.Uint64(sum[:8]) & math.MaxInt64
	avg := uint64(math.MaxInt64) / uint64(n)
	idx := h / avg
	if idx > 0 && h%avg == 0 {
		idx--
	}
	return int(min(idx, uint64(n-1)))
}

// data checks a record's bytes against the encoding.
func (c *checker) data(d []byte) error {
	switch c.cfg.Encoding {
	case EncodingJSON:
		var m map[string]any
		if err := json.Unmarshal(d, &m); err != nil {
			return err
		}
		if typ, _ := m["type"].(string); !c.kinds[typ] {
			return fmt.Errorf("type %q is not in the mix", m["type"])
		}
	case EncodingCSV:
		kind, _, _ := strings.Cut(string(d), ",")
		if !c.kinds[kind] {
			return fmt.Errorf("CSV line does not start with its kind: %s", d)
		}
		if kind == string(KindCustom) {
			return nil // the template's own text follows
		}
		fields, err := csv.NewReader(bytes.NewReader(d)).Read()
		if err != nil {
			return err
		}
		if n, ok := c.columns[kind]; ok && n != len(fields) {
			return fmt.Errorf("%d CSV columns, earlier %s lines had %d", len(fields), kind, n)
		}
		c.columns[kind] = len(fields)
	case EncodingText:
		if len(d) < 24 {
			return fmt.Errorf("text record too short")
		}
		switch k := c.cfg.Kinds[0].Kind; {
		case len(c.cfg.Kinds) > 1 || k == KindCustom:
		case !bytes.HasPrefix(d, []byte("type="+string(k)+" ")):
			return fmt.Errorf("logfmt line does not start with type=%s", k)
		}
	}
	return nil
}

func (c *checker) cursor(cursor, shard, stream string) error {
	raw, err := base64.RawStdEncoding.DecodeString(cursor)
	if err != nil {
		return fmt.Errorf("cursor is not unpadded base64: %v", err)
	}
	var cur cursorJSON
	if err := json.Unmarshal(raw, &cur); err != nil {
		return fmt.Errorf("cursor JSON: %v: %s", err, raw)
	}
	want := strconv.FormatInt(c.next[shard], 10)
	if cur.Param.Stream != stream || cur.Param.Shard != shard || cur.Param.Type != "TRIM_HORIZON" ||
		cur.Param.Start != want || cur.Timestamp < c.cfg.StartTime.UnixMilli() {
		return fmt.Errorf("cursor %s, want stream %s, shard %s, start %s", raw, stream, shard, want)
	}
	return nil
}
