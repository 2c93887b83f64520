package generator

import (
	"encoding/base64"
	"encoding/json"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/disload/disload/dis"
)

// benchConfig is the default stream (10,000 keys, 100-record events) over
// four partitions, one kind.
func benchConfig(kind Kind) Config {
	kw := KindWeight{Kind: kind, Weight: 1}
	if kind == KindCustom {
		kw.Template = ExampleTemplate
	}
	return Config{Seed: 1, Partitions: 4, Kinds: []KindWeight{kw}}
}

// benchEvents measures next on warmed-up buffers and reports records/s and
// (through SetBytes) MB/s of finished event JSON.
func benchEvents(b *testing.B, next func([]byte) ([]byte, EventMeta)) {
	var buf []byte
	for range 200 { // warm up: buffers grow, most keys get their state
		buf, _ = next(buf[:0])
	}
	records, size := 0, 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var meta EventMeta
		buf, meta = next(buf[:0])
		records += meta.Records
		size += len(buf)
	}
	b.SetBytes(int64(size / b.N))
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

func benchKind(b *testing.B, kind Kind) {
	s, err := New(benchConfig(kind))
	if err != nil {
		b.Fatal(err)
	}
	benchEvents(b, s.Next)
}

func BenchmarkClick(b *testing.B)       { benchKind(b, KindClick) }
func BenchmarkTransaction(b *testing.B) { benchKind(b, KindTransaction) }
func BenchmarkLog(b *testing.B)         { benchKind(b, KindLog) }
func BenchmarkLocation(b *testing.B)    { benchKind(b, KindLocation) }
func BenchmarkCustom(b *testing.B)      { benchKind(b, KindCustom) }

// BenchmarkMixedParallel runs the mixed stream (without custom records) on
// a parallelSource with one worker per CPU.
func BenchmarkMixedParallel(b *testing.B) {
	cfg := mixedConfig()
	cfg.Kinds, cfg.BatchSize, cfg.Partitions = cfg.Kinds[:4], 100, 16
	ps, err := newParallel(cfg, max(1, testingCPUs()))
	if err != nil {
		b.Fatal(err)
	}
	defer ps.Close()
	benchEvents(b, ps.Next)
}

// BenchmarkClickEncodingJSON builds the same click records and events the
// way most generators do: json.Marshal of a record struct, []byte data
// base64-encoded by json.Marshal of the event, cursor marshalled too.
func BenchmarkClickEncodingJSON(b *testing.B) {
	s, err := New(benchConfig(KindClick))
	if err != nil {
		b.Fatal(err)
	}
	uas := make([]string, len(s.clicks.uas))
	for i, e := range s.clicks.uas {
		if err := json.Unmarshal([]byte(e[encJSON]), &uas[i]); err != nil {
			b.Fatal(err)
		}
	}
	benchEvents(b, func(dst []byte) ([]byte, EventMeta) {
		p := s.parts[s.sched.next()]
		return stdlibClickEvent(p, uas, dst, s.cfg)
	})
}

// clickRecordJSON is a click record for encoding/json.
type clickRecordJSON struct {
	Type      string  `json:"type"`
	EventID   string  `json:"event_id"`
	TS        string  `json:"ts"`
	UserID    string  `json:"user_id"`
	SessionID string  `json:"session_id"`
	Hit       int32   `json:"hit"`
	Event     string  `json:"event"`
	Page      string  `json:"page"`
	Referrer  string  `json:"referrer"`
	ProductID string  `json:"product_id,omitempty"`
	Price     float64 `json:"price,omitempty"`
	CartItems int32   `json:"cart_items"`
	CartValue float64 `json:"cart_value,omitempty"`
	OrderID   string  `json:"order_id,omitempty"`
	UA        string  `json:"ua"`
	IP        string  `json:"ip"`
	Country   string  `json:"country"`
	Device    string  `json:"device"`
}

// cursorJSON is next_partition_cursor before base64.
type cursorJSON struct {
	Param struct {
		Stream string `json:"stream-name"`
		Shard  string `json:"partition-id"`
		Type   string `json:"cursor-type"`
		Start  string `json:"starting-sequence-number"`
	} `json:"getIteratorParam"`
	Timestamp int64 `json:"generateTimestamp"`
}

// stdlibClickEvent runs the click generator's session logic for one event
// of partition p, encoding with encoding/json.
func stdlibClickEvent(p *partition, uas []string, dst []byte, cfg Config) ([]byte, EventMeta) {
	g := p.recs[idClick].(*clickGen)
	ev := dis.TriggerEvent{ShardID: dis.ShardID(p.id), Tag: cfg.Tag, StreamName: cfg.StreamName}
	meta := EventMeta{Partition: p.id, Records: cfg.BatchSize, FirstSequence: p.seq0 + p.k}
	for range cfg.BatchSize {
		m := &p.members[p.drawMember()]
		u, now := &g.users[m.local], p.clk.at(p.k)
		if !u.known {
			g.meet(u, p.r)
		}
		if u.session == 0 || u.next == evEnd || now-u.last > sessionTimeout {
			g.startSession(u, p.r)
		}
		e := int(u.next)
		r := clickRecordJSON{Type: "click", EventID: strconv.FormatUint(p.r.u64(), 16),
			TS: time.Unix(0, now).UTC().Format("2006-01-02T15:04:05.000Z"), UserID: m.key,
			SessionID: strconv.FormatUint(u.session&(1<<48-1), 16), Referrer: g.move(u, e, p.r)}
		r.Hit, r.Event, r.Page, r.CartItems = u.hits+1, eventNames[e], g.pools.pages[u.page], u.cart
		if e == evClick || e == evAddToCart {
			r.ProductID, r.Price = g.pools.products[u.product].sku, g.pools.products[u.product].price
		}
		if e >= evAddToCart {
			r.CartValue = u.cartCost
		}
		if e == evPurchase {
			r.OrderID = "ord-" + strconv.FormatUint(mix64(u.session)&(1<<40-1), 16)
		}
		r.UA, r.IP = uas[u.ua], string(u.ip[:u.ipLen])
		r.Country, r.Device = clickCountries[u.country], deviceNames[g.pools.devices[u.ua]]
		u.hits++
		u.last = now
		u.next = uint8(g.nextEvent(u, e, p.r))
		data, _ := json.Marshal(r)
		ev.Message.Records = append(ev.Message.Records, dis.Record{PartitionKey: m.key, Data: data,
			SequenceNumber: strconv.FormatInt(p.seq0+p.k, 10)})
		meta.PayloadBytes += int64(len(data))
		p.k++
	}
	var c cursorJSON
	c.Param.Stream, c.Param.Shard, c.Param.Type = cfg.StreamName, ev.ShardID, "TRIM_HORIZON"
	c.Param.Start, c.Timestamp = strconv.FormatInt(p.seq0+p.k, 10), p.clk.at(p.k-1)/1e6
	cj, _ := json.Marshal(c)
	ev.Message.NextPartitionCursor = base64.RawStdEncoding.EncodeToString(cj)
	out, _ := json.Marshal(ev)
	meta.NextSequence = p.seq0 + p.k
	return append(dst, out...), meta
}

// testingCPUs is GOMAXPROCS as the benchmark runs it.
func testingCPUs() int { return runtime.GOMAXPROCS(0) }
