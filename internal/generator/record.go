package generator

// NextRecord appends the value of the stream's next record to dst and
// returns the extended slice (the value is data[len(dst):]), its key and
// its description (Records 1, the partition its key is placed on, its
// sequence number as FirstSequence). Records follow the schedule of Next,
// one record per step instead of a batch: what `disload produce` writes
// into a real topic. Use a Source for either Next or NextRecord, not both.
func (s *Source) NextRecord(dst []byte) (data []byte, key string, meta EventMeta) {
	p, index := s.nextScheduled()
	start := len(dst)
	data, key, seq := s.parts[p].nextRecord(dst)
	meta = EventMeta{Index: index, Partition: p, Records: 1, FirstSequence: seq, NextSequence: seq + 1,
		PayloadBytes: int64(len(data) - start)}
	return data, key, meta
}
