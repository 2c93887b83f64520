package generator

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/disload/disload/dis"
)

// wireEvent is a test's own view of an event.
type wireEvent struct {
	ShardID string
	Message struct {
		Cursor  string `json:"next_partition_cursor"`
		Records []struct {
			Key  string `json:"partition_key"`
			Data []byte `json:"data"`
			Seq  string `json:"sequence_number"`
		} `json:"records"`
		Millis string `json:"millis_behind_latest"`
	}
	Tag        string
	StreamName string
}

// rec is one decoded JSON record with its key.
type rec struct {
	key    string
	fields map[string]any
}

// jsonRecords runs cfg for n events and decodes every record as JSON.
func jsonRecords(t *testing.T, cfg Config, n int) []rec {
	t.Helper()
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var out []rec
	var buf []byte
	for range n {
		buf, _ = s.Next(buf[:0])
		var ev wireEvent
		if err := json.Unmarshal(buf, &ev); err != nil {
			t.Fatalf("event: %v\n%s", err, buf)
		}
		for _, r := range ev.Message.Records {
			m := map[string]any{}
			d := json.NewDecoder(bytes.NewReader(r.Data))
			d.UseNumber()
			if err := d.Decode(&m); err != nil {
				t.Fatalf("record: %v\n%s", err, r.Data)
			}
			out = append(out, rec{key: r.Key, fields: m})
		}
	}
	return out
}

func (r rec) str(name string) string {
	s, _ := r.fields[name].(string)
	return s
}

func (r rec) num(name string) float64 {
	n, ok := r.fields[name].(json.Number)
	if !ok {
		return 0
	}
	f, _ := n.Float64()
	return f
}

func events(t testing.TB, cfg Config, n int) [][]byte {
	t.Helper()
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]byte, n)
	for i := range out {
		out[i], _ = s.Next(nil)
	}
	return out
}

func TestSameSeedSameBytes(t *testing.T) {
	cfg := mixedConfig()
	a, b := events(t, cfg, 50), events(t, cfg, 50)
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Fatalf("event %d differs between two runs", i)
		}
	}
	cfg.Seed++
	c := events(t, cfg, 1)
	if bytes.Equal(a[0], c[0]) {
		t.Fatal("seeds 42 and 43 gave the same first event")
	}
}

func TestSeedZeroIsFixed(t *testing.T) {
	cfg := Config{Partitions: 2}
	a, b := events(t, cfg, 3), events(t, cfg, 3)
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Fatalf("seed 0: event %d differs between runs", i)
		}
	}
}

// mixedConfig mixes every kind over several partitions.
func mixedConfig() Config {
	return Config{Seed: 42, Partitions: 6, BatchSize: 20, KeyCount: 3000, KeySkew: 1.1,
		Kinds: []KindWeight{{Kind: KindClick, Weight: 3}, {Kind: KindTransaction, Weight: 2},
			{Kind: KindLog, Weight: 2}, {Kind: KindLocation, Weight: 1},
			{Kind: KindCustom, Weight: 1, Template: ExampleTemplate}}}
}

func TestDisValidateAcceptsEveryEvent(t *testing.T) {
	for name, cfg := range checkerConfigs() {
		t.Run(name, func(t *testing.T) {
			sc := dis.NewStreamChecker(cfg.Partitions)
			for i, ev := range events(t, cfg, 100) {
				if probs := dis.Validate(ev); len(probs) > 0 {
					t.Fatalf("event %d: %v", i, probs)
				}
				decoded, err := dis.Decode(ev)
				if err != nil {
					t.Fatalf("event %d: %v", i, err)
				}
				if probs := sc.Check(decoded); len(probs) > 0 {
					t.Fatalf("event %d: stream: %v", i, probs)
				}
			}
		})
	}
}

func TestEventMeta(t *testing.T) {
	cfg := Config{Seed: 3, Partitions: 3, BatchSize: 7, SequenceOffset: 1000}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	next := map[int]int64{}
	for i := range 30 {
		buf, meta := s.Next(nil)
		ev, err := dis.Decode(buf)
		if err != nil {
			t.Fatal(err)
		}
		var payload int64
		for _, r := range ev.Message.Records {
			payload += int64(len(r.Data))
		}
		want, ok := next[meta.Partition]
		if !ok {
			want = 1000
		}
		if meta.Index != int64(i) || meta.Records != 7 || meta.FirstSequence != want ||
			meta.NextSequence != want+7 || meta.PayloadBytes != payload || ev.ShardID != dis.ShardID(meta.Partition) {
			t.Fatalf("event %d: meta %+v, shard %s, payload %d, want first sequence %d", i, meta, ev.ShardID, payload, want)
		}
		next[meta.Partition] = meta.NextSequence
	}
}

func TestShares(t *testing.T) {
	s, err := New(Config{Seed: 1, Partitions: 8, BatchSize: 1, KeyCount: 2000, KeySkew: 1.2})
	if err != nil {
		t.Fatal(err)
	}
	sum, hottest, coldest := 0.0, 0.0, 1.0
	for _, p := range s.Partitions() {
		sh := s.Share(p)
		sum += sh
		hottest, coldest = max(hottest, sh), min(coldest, sh)
	}
	if sum < 0.999999 || sum > 1.000001 {
		t.Errorf("shares add up to %v", sum)
	}
	if hottest < 2*coldest {
		t.Errorf("Zipf 1.2 over 2000 keys: hottest partition share %.3f, coldest %.3f: want a hot partition", hottest, coldest)
	}
	if s.Share(-1) != 0 || s.Share(8) != 0 {
		t.Error("share of a partition outside the stream is not 0")
	}
	counts := map[int]int{}
	for range 2000 {
		_, meta := s.Next(nil)
		counts[meta.Partition]++
	}
	for _, p := range s.Partitions() {
		if got, want := float64(counts[p])/2000, s.Share(p); got < want-0.01 || got > want+0.01 {
			t.Errorf("partition %d got %.3f of the events, share %.3f", p, got, want)
		}
	}
}

func TestNewReportsEveryProblem(t *testing.T) {
	_, err := New(Config{Partitions: -1, BatchSize: 20000, Encoding: "xml"})
	if err == nil {
		t.Fatal("no error")
	}
	for _, field := range []string{"Partitions", "BatchSize", "Encoding"} {
		if !strings.Contains(err.Error(), field+":") {
			t.Errorf("error does not name %s: %v", field, err)
		}
	}
}

func TestShardWithoutKeys(t *testing.T) {
	// 1 key on 4 partitions: three shards of four have nothing to produce.
	var failed int
	for shard := range 4 {
		if _, err := New(Config{Partitions: 4, KeyCount: 1, Shards: 4, Shard: shard}); err != nil {
			if !strings.Contains(err.Error(), "Shard:") {
				t.Errorf("error does not name Shard: %v", err)
			}
			failed++
		}
	}
	if failed != 3 {
		t.Errorf("%d of 4 shards failed, want 3", failed)
	}
}

func TestPartitionsAndStreams(t *testing.T) {
	s, err := New(Config{Seed: 5, Partitions: 6, Shards: 2, Shard: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Partitions(); len(got) != 3 || got[0] != 1 || got[1] != 3 || got[2] != 5 {
		t.Fatalf("Partitions() = %v, want [1 3 5]", got)
	}
	if s.PartitionStream(0) != nil || s.PartitionStream(6) != nil || s.PartitionStream(-1) != nil {
		t.Error("stream of a partition outside the shard")
	}
	if s.PartitionStream(3) != s.PartitionStream(3) {
		t.Error("PartitionStream returns a new stream on each call")
	}
	if s.Config().BatchSize != DefaultBatchSize {
		t.Errorf("Config().BatchSize = %d, want the default", s.Config().BatchSize)
	}
}

func TestDialectAndLag(t *testing.T) {
	ev := events(t, Config{Seed: 1, Dialect: dis.DialectHuaweiSDK, MillisBehindLatest: "250"}, 1)[0]
	if !bytes.Contains(ev, []byte(`"next_patition_cursor":"`)) || !bytes.Contains(ev, []byte(`"millisBehindLatest":"250"`)) {
		t.Errorf("Huawei SDK dialect event: %.200s", ev)
	}
	if probs := dis.Validate(ev); len(probs) > 0 {
		t.Errorf("dis.Validate: %v", probs)
	}
}
