package generator

import (
	"time"

	"github.com/disload/disload/dis"
)

// partition is the record process of one partition: the keys living on it
// with their state, a PCG seeded by (seed, partition), a virtual clock and
// the next sequence number. Partitions share nothing mutable, so they can
// run on different goroutines.
type partition struct {
	id      int
	members []member
	table   aliasTable
	r       *rng
	keys    *rng             // draws the member of every record
	ahead   [lookahead]int32 // members of records k..k+lookahead-1, by k%lookahead
	sink    uint8            // keeps the look-ahead loads alive
	clk     clock
	ts      tsFormatter
	k       int64 // records made so far
	seq0    int64 // sequence number of record 0
	events  int64 // events made by AppendEvent
	recs    [numKinds]recorder
	sticky  int // member that makes the next record too, or -1
	size    SizeConfig
	w       recWriter
	ctx     recCtx
	scratch []byte
	batch   dis.Batch
	kafka   kafkaState // Kafka/RocketMQ events only
	stream  PartitionStream
}

// newPartition sets up partition p of a source; it fails only when a custom
// template does not parse.
func newPartition(s *Source, ks *keyspace, p int) (*partition, error) {
	cfg := &s.cfg
	pp := &partition{
		id: p, members: ks.members[p], table: newAliasTable(ks.weights[p]),
		r:      newRNG(s.seed, derive(s.seed, 'p', uint64(p))),
		keys:   newRNG(s.seed, derive(s.seed, 'm', uint64(p))),
		clk:    clock{start: cfg.StartTime.UnixNano(), step: 1e9 / (cfg.RecordRate * s.sched.share(p))},
		seq0:   cfg.SequenceOffset,
		sticky: -1,
		size:   cfg.Size,
		w:      recWriter{enc: encIDs[cfg.Encoding]},
		batch: dis.Batch{Partition: p, StreamName: cfg.StreamName, Tag: cfg.Tag,
			MillisBehindLatest: cfg.MillisBehindLatest, Dialect: cfg.Dialect},
	}
	pp.stream.p = pp
	if cfg.StreamType.isKafkaShape() {
		pp.kafka = newKafkaState(cfg)
	}
	for _, spec := range ks.specs {
		n := ks.count(p, spec.id)
		if n == 0 {
			continue
		}
		rec, err := s.recorder(spec, pp, n)
		if err != nil {
			return nil, err
		}
		pp.recs[spec.id] = rec
	}
	return pp, nil
}

// lookahead is how many records' members are drawn at once. Touching the
// members and their states in one tight loop lets their memory loads run in
// parallel instead of stalling each record on its own cache misses.
const lookahead = 64

// drawMember returns the member of record k. Members are drawn lookahead at
// a time from their own PCG, one draw per record, so the choice does not
// depend on what earlier records did.
func (p *partition) drawMember() int {
	slot := int(p.k % lookahead)
	if slot == 0 {
		p.drawAhead()
	}
	return int(p.ahead[slot])
}

// drawAhead draws the members of the next lookahead records and touches
// each one's key and state.
func (p *partition) drawAhead() {
	var sink byte
	for j := range p.ahead {
		i := p.table.draw(p.keys)
		p.ahead[j] = int32(i)
		m := &p.members[i]
		sink += p.recs[m.kind].touch(int(m.local)) + m.key[0]
	}
	p.sink += sink
}

// nextRecord appends the partition's next record to dst.
func (p *partition) nextRecord(dst []byte) (data []byte, key string, seq int64) {
	i := p.drawMember()
	if p.sticky >= 0 {
		i = p.sticky
	}
	m := &p.members[i]
	p.w.b = dst
	p.ctx = recCtx{w: &p.w, r: p.r, ts: &p.ts, now: p.clk.at(p.k), key: m.key,
		local: int(m.local), seq: p.seq0 + p.k, part: p.id}
	again := p.recs[m.kind].record(&p.ctx)
	if p.size.enabled() {
		p.w.pad(p.size.target(p.r))
	}
	p.w.end()
	p.sticky = -1
	if again {
		p.sticky = i
	}
	p.k++
	data, p.w.b = p.w.b, nil
	return data, m.key, p.ctx.seq
}

// appendEvent appends an event of the partition's next n records to dst.
func (p *partition) appendEvent(dst []byte, n int, index int64) ([]byte, EventMeta) {
	if len(p.kafka.topics) > 0 {
		return p.appendKafkaEvent(dst, n, index)
	}
	meta := EventMeta{Index: index, Partition: p.id, Records: n, FirstSequence: p.seq0 + p.k}
	b := &p.batch
	b.NextSequence = meta.FirstSequence + int64(n)
	b.CursorTimestamp = floorDiv(p.clk.at(p.k+int64(n)-1), 1e6)
	dst = dis.AppendEventHead(dst, b)
	for i := range n {
		data, key, seq := p.nextRecord(p.scratch[:0])
		p.scratch = data
		meta.PayloadBytes += int64(len(data))
		dst = dis.AppendRecord(dst, i, key, data, seq)
	}
	meta.NextSequence = b.NextSequence
	return dis.AppendEventTail(dst, b), meta
}

// PartitionStream is the record stream of one partition, for callers that
// batch records themselves (trigger mode). It shares its state with the
// Source's Next: records taken here are not in later events and vice versa.
type PartitionStream struct {
	p *partition
}

// NextRecord appends the partition's next record to dst and returns the
// extended slice (the record is data[len(dst):]), its partition key and its
// sequence number.
func (ps *PartitionStream) NextRecord(dst []byte) (data []byte, key string, seq int64) {
	return ps.p.nextRecord(dst)
}

// AppendEvent appends an event holding the partition's next n (>= 1)
// records to dst, as Source.Next would; EventMeta.Index counts the events
// this stream has made.
func (ps *PartitionStream) AppendEvent(dst []byte, n int) ([]byte, EventMeta) {
	n = max(n, 1)
	dst, meta := ps.p.appendEvent(dst, n, ps.p.events)
	ps.p.events++
	return dst, meta
}

// Partition returns the partition index.
func (ps *PartitionStream) Partition() int { return ps.p.id }

// NextSequence returns the sequence number the next record will carry.
func (ps *PartitionStream) NextSequence() int64 { return ps.p.seq0 + ps.p.k }

// NextTime returns the virtual time of the next record.
func (ps *PartitionStream) NextTime() time.Time {
	return time.Unix(0, ps.p.clk.at(ps.p.k)).UTC()
}
