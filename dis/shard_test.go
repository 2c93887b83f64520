package dis

import (
	"crypto/md5"
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"strings"
	"testing"
)

func TestShardID(t *testing.T) {
	tests := []struct {
		p    int
		want string
	}{
		{0, "shardId-0000000000"},
		{3, "shardId-0000000003"},
		{42, "shardId-0000000042"},
		{9999999999, "shardId-9999999999"},
		{12345678901, "shardId-12345678901"},
		{-1, "shardId--000000001"},
	}
	for _, tt := range tests {
		if got := ShardID(tt.p); got != tt.want {
			t.Errorf("ShardID(%d) = %q, want %q", tt.p, got, tt.want)
		}
		if got := fmt.Sprintf("shardId-%010d", tt.p); got != tt.want {
			t.Errorf("table entry %d disagrees with %%010d: %q", tt.p, got)
		}
		if got := string(AppendShardID([]byte("x"), tt.p)); got != "x"+tt.want {
			t.Errorf("AppendShardID(x, %d) = %q", tt.p, got)
		}
	}
}

func TestParseShardID(t *testing.T) {
	tests := []struct {
		in      string
		want    int
		wantErr string
	}{
		{"shardId-0000000000", 0, ""},
		{"shardId-0000000003", 3, ""},
		{"shardId-12345678901", 12345678901, ""},
		{"shardId-000000003", 0, "want 10 digits"},
		{"shardId-00000000003", 0, "leading zero"},
		{"shardid-0000000003", 0, "want \"shardId-\""},
		{"shardId-00000000x3", 0, "not a digit"},
		{"shardId--000000001", 0, "not a digit"},
		{"", 0, "want \"shardId-\""},
		{"shardId-99999999999999999999", 0, "out of range"},
	}
	for _, tt := range tests {
		got, err := ParseShardID(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseShardID(%q) error = %v, want it to contain %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseShardID(%q) = %d, %v, want %d", tt.in, got, err, tt.want)
		}
		if back := ShardID(got); back != tt.in {
			t.Errorf("ShardID(ParseShardID(%q)) = %q", tt.in, back)
		}
	}
}

// Values computed independently (Python hashlib) with the SDK formula.
func TestPartitionForKeyKnown(t *testing.T) {
	ns := []int{2, 3, 4, 7, 16, 100}
	tests := []struct {
		key  string
		want []int
	}{
		{"shardId_0000000000", []int{1, 1, 2, 4, 10, 65}},
		{"user-1", []int{1, 2, 2, 4, 10, 67}},
		{"user-2", []int{0, 1, 1, 3, 7, 47}},
		{"device-42", []int{0, 0, 1, 2, 4, 31}},
		{"", []int{1, 1, 2, 4, 10, 65}},
		{"ä-ключ", []int{0, 0, 0, 0, 1, 9}},
		{strings.Repeat("a", 300), []int{1, 1, 2, 4, 9, 61}},
	}
	for _, tt := range tests {
		for i, n := range ns {
			if got := PartitionForKey(tt.key, n); got != tt.want[i] {
				t.Errorf("PartitionForKey(%.20q, %d) = %d, want %d", tt.key, n, got, tt.want[i])
			}
		}
	}
	for _, n := range []int{-1, 0, 1} {
		if got := PartitionForKey("user-1", n); got != 0 {
			t.Errorf("PartitionForKey(user-1, %d) = %d, want 0", n, got)
		}
	}
}

// javaIndex is the SDK's calPartitionIndex on Java longs, with big.Int.
func javaIndex(h uint64, n int) int64 {
	hb := new(big.Int).SetUint64(h)
	avg := new(big.Int).Div(big.NewInt(math.MaxInt64), big.NewInt(int64(n)))
	q, m := new(big.Int).QuoRem(hb, avg, new(big.Int))
	idx := q.Int64()
	if idx > 0 && m.Sign() == 0 {
		idx--
	}
	return idx
}

func TestPartitionIndexEdges(t *testing.T) {
	for _, n := range []int{2, 3, 5, 7, 10, 64, 100, 1000} {
		avg := uint64(math.MaxInt64) / uint64(n)
		hs := []uint64{0, 1, avg - 1, avg, avg + 1, 2 * avg, uint64(n-1) * avg,
			uint64(n-1)*avg + 1, uint64(n) * avg, uint64(n)*avg + 1, math.MaxInt64}
		for _, h := range hs {
			if h > math.MaxInt64 {
				continue
			}
			want := javaIndex(h, n)
			if want >= int64(n) {
				want = int64(n) - 1 // the documented clamp
			}
			got := partitionIndex(h, n)
			if int64(got) != want {
				t.Errorf("partitionIndex(%d, %d) = %d, want %d", h, n, got, want)
			}
			if got < 0 || got >= n {
				t.Errorf("partitionIndex(%d, %d) = %d, out of range", h, n, got)
			}
		}
	}
	// The SDK itself yields n for MaxInt64 with n = 3; the clamp matters.
	if javaIndex(math.MaxInt64, 3) != 3 || partitionIndex(math.MaxInt64, 3) != 2 {
		t.Errorf("clamp case: java %d, ours %d", javaIndex(math.MaxInt64, 3), partitionIndex(math.MaxInt64, 3))
	}
	// An exact multiple goes one partition down.
	if got := partitionIndex(2*(uint64(math.MaxInt64)/4), 4); got != 1 {
		t.Errorf("exact multiple: got %d, want 1", got)
	}
}

func TestPartitionForKeyMatchesReference(t *testing.T) {
	for i := 0; i < 2000; i++ {
		key := fmt.Sprintf("user-%d", i)
		sum := md5.Sum([]byte(key))
		h := binary.BigEndian.Uint64(sum[:8]) & math.MaxInt64
		for _, n := range []int{2, 3, 8, 13} {
			if got, want := PartitionForKey(key, n), javaIndex(h, n); int64(got) != want {
				t.Fatalf("PartitionForKey(%q, %d) = %d, want %d", key, n, got, want)
			}
		}
	}
}

func TestPartitionForKeySpread(t *testing.T) {
	const n, keys = 8, 8000
	var counts [n]int
	for i := 0; i < keys; i++ {
		counts[PartitionForKey(fmt.Sprintf("device-%d", i), n)]++
	}
	for p, c := range counts {
		if c < keys/n*8/10 || c > keys/n*12/10 {
			t.Errorf("partition %d got %d of %d keys, want about %d", p, c, keys, keys/n)
		}
	}
}

func TestShardAllocs(t *testing.T) {
	buf := make([]byte, 0, 64)
	long := strings.Repeat("k", 100)
	allocs := testing.AllocsPerRun(100, func() {
		buf = AppendShardID(buf[:0], 7)
		_ = PartitionForKey("user-12345", 16)
		_ = PartitionForKey(long, 16)
	})
	if allocs != 0 {
		t.Errorf("AppendShardID+PartitionForKey allocate %.1f times, want 0", allocs)
	}
}

func BenchmarkPartitionForKey(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = PartitionForKey("user-0000012345", 16)
	}
}
