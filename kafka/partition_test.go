package kafka

import "testing"

// TestMurmur2 uses the vectors of Kafka's UtilsTest.testMurmur2.
func TestMurmur2(t *testing.T) {
	tests := []struct {
		key  string
		want int32
	}{
		{"21", -973932308},
		{"foobar", -790332482},
		{"a-little-bit-long-string", -985981536},
		{"a-little-bit-longer-string", -1486304829},
		{"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971},
		{"abc", 479470107},
	}
	for _, tt := range tests {
		if got := Murmur2([]byte(tt.key)); got != tt.want {
			t.Errorf("Murmur2(%q) = %d, want %d", tt.key, got, tt.want)
		}
	}
}

func TestPartitionForKey(t *testing.T) {
	tests := []struct {
		key  string
		n    int
		want int
	}{
		// (-790332482 & 0x7fffffff) = 1357151166; % 50 = 16, % 7 = 1357151166 - 7*193878738 = 0.
		{"foobar", 50, 16},
		{"foobar", 7, int(uint32(1357151166) % 7)},
		{"abc", 1, 0},
		// 479470107 is positive: unchanged by the mask.
		{"abc", 12, 479470107 % 12},
	}
	for _, tt := range tests {
		if got := PartitionForKey([]byte(tt.key), tt.n); got != tt.want {
			t.Errorf("PartitionForKey(%q, %d) = %d, want %d", tt.key, tt.n, got, tt.want)
		}
	}
}

func FuzzPartitionForKey(f *testing.F) {
	f.Add([]byte("user-1"), 4)
	f.Fuzz(func(t *testing.T, key []byte, n int) {
		if n <= 0 || n > 1<<20 {
			return
		}
		if p := PartitionForKey(key, n); p < 0 || p >= n {
			t.Fatalf("PartitionForKey(%q, %d) = %d", key, n, p)
		}
	})
}
