package runner

import (
	"strconv"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/harness/trigger"
)

// triggerStream adapts a generator Source to the trigger engine's Stream:
// its partitions, each one's share of the stream, and their record
// streams. Next is safe for concurrent use across partitions (partitions
// share nothing mutable), but the Source's own Next must not be used at
// the same time.
func triggerStream(s *generator.Source) trigger.Stream {
	g := &genStream{src: s, parts: s.Partitions(), streams: map[int]*generator.PartitionStream{}}
	for _, p := range g.parts {
		g.streams[p] = s.PartitionStream(p)
	}
	return g
}

type genStream struct {
	src     *generator.Source
	parts   []int
	streams map[int]*generator.PartitionStream // read-only after construction
}

func (g *genStream) Partitions() []int    { return g.parts }
func (g *genStream) Weight(p int) float64 { return g.src.Share(p) }

func (g *genStream) Next(p int, dst []byte) ([]byte, string, int64) {
	return g.streams[p].NextRecord(dst)
}

// disFormat is the DIS trigger's event (docs/PROTOCOL.md §3): the records'
// data in base64, the stream's name and tag, the cursor, and
// millis_behind_latest when reportLag is set (the platform leaves it
// empty).
type disFormat struct {
	streamName, tag string
	dialect         dis.Dialect
	reportLag       bool
}

var _ trigger.Format = disFormat{}

// AppendEvent appends the DIS event of pull p.
func (f disFormat) AppendEvent(dst []byte, p *trigger.Pull) []byte {
	n := p.Len()
	b := dis.Batch{
		Partition: p.Partition, StreamName: f.streamName, Tag: f.tag,
		NextSequence: p.Record(n-1).Seq + 1, CursorTimestamp: p.PulledAt, Dialect: f.dialect,
	}
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
