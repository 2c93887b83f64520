package trigger

import "time"

// Format turns one pull of a partition's records into the event the
// function receives: the DIS trigger's event today, a Kafka or RocketMQ
// trigger's next (the format maps the partition number to its topic and
// partition, and encodes the records its way: base64 data for DIS,
// message strings for Kafka). Its caller supplies it (Config.Format); the
// engine knows no event format.
//
// AppendEvent appends the event to dst and returns the extended slice. It
// is called from each partition's poller, for different partitions at
// once: it must be safe for concurrent use. It should not allocate when
// dst has room (it runs once per batch).
type Format interface {
	AppendEvent(dst []byte, p *Pull) []byte
}

// Pull is one pull of a partition's records, valid only during
// Format.AppendEvent.
type Pull struct {
	// Partition is the partition pulled (Stream.Partitions numbering).
	Partition int
	// PulledAt is the pull's time, Unix milliseconds (DIS: the cursor's
	// generate timestamp).
	PulledAt int64
	// Behind is how far the partition is behind its latest record after
	// the pull: the age of its oldest unpulled record, 0 when none is left
	// (DIS: millis_behind_latest).
	Behind time.Duration

	recs   *recBuf
	n      int
	first  int64 // the partition's index of the first record
	prod   *producer
	wallMs int64 // the run's start, Unix milliseconds
}

// Record is one record of a pull, as the stream produced it.
type Record struct {
	Data []byte // the record's bytes (valid only during AppendEvent)
	Key  string // its partition key
	Seq  int64  // its sequence number (offset) in its partition
	// WrittenAt is when the producer wrote it, Unix milliseconds (Kafka:
	// the record's timestamp).
	WrittenAt int64
}

// Len is the number of records pulled (at least 1).
func (p *Pull) Len() int { return p.n }

// Record returns record i (0 ≤ i < Len), in sequence order.
func (p *Pull) Record(i int) Record {
	return Record{
		Data: p.recs.record(i), Key: p.recs.keys[i], Seq: p.recs.seqs[i],
		WrittenAt: p.wallMs + p.prod.writeTime(p.first+int64(i)).Milliseconds(),
	}
}
