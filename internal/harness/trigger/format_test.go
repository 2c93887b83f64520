package trigger

import (
	"strconv"

	"github.com/disload/disload/dis"
)

// disEvents is the DIS event format for these tests (the runner supplies
// its own, of the same encoding, in a run): the engine's output checked
// with the dis package's validator and decoder.
type disEvents struct {
	streamName, tag string
	dialect         dis.Dialect
	reportLag       bool
}

// testFormat is the format of the tests' configs.
var testFormat Format = disEvents{streamName: "dis-stream", tag: "latest"}

func (f disEvents) AppendEvent(dst []byte, p *Pull) []byte {
	n := p.Len()
	b := dis.Batch{Partition: p.Partition, StreamName: f.streamName, Tag: f.tag,
		NextSequence: p.Record(n-1).Seq + 1, CursorTimestamp: p.PulledAt, Dialect: f.dialect}
	if f.reportLag {
		b.MillisBehindLatest = strconv.FormatInt(p.Behind.Milliseconds(), 10)
	}
	dst = dis.AppendEventHead(dst, &b)
	for i := range n {
		r := p.Record(i)
		dst = dis.AppendRecord(dst, i, r.Key, r.Data, r.Seq)
	}
	return dis.AppendEventTail(dst, &b)
}
