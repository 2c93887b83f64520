package scenarios

import "testing"

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"512", 512}, {"512B", 512}, {"512 b", 512}, {"1KB", 1000}, {"1kb", 1000}, {"1K", 1000},
		{"1KiB", 1024}, {"1.5KiB", 1536}, {"2MiB", 2 << 20}, {"6MB", 6_000_000}, {"1GB", 1e9},
		{"1GiB", 1 << 30}, {"0", 0}, {"0.5KB", 500}, {" 2KB ", 2000}, {"1_000", 1000},
	}
	for _, tc := range tests {
		if got, err := ParseSize(tc.in); err != nil || got != tc.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

func TestParseSizeErrors(t *testing.T) {
	for _, in := range []string{"", "KB", "1XB", "-1KB", "0.3B", "1.0001KB", "1e3", "99999999GiB", "1..5KB", "NaN"} {
		if n, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) = %d, want an error", in, n)
		}
	}
}

func TestFormatSize(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0B"}, {300, "300B"}, {1000, "1KB"}, {1024, "1KiB"}, {2048, "2KiB"}, {1 << 20, "1MiB"},
		{6_000_000, "6MB"}, {1500, "1500B"}, {1 << 30, "1GiB"},
	}
	for _, tc := range tests {
		got := FormatSize(tc.n)
		if got != tc.want {
			t.Errorf("FormatSize(%d) = %q, want %q", tc.n, got, tc.want)
		}
		if back, err := ParseSize(got); err != nil || back != tc.n {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", got, back, err, tc.n)
		}
	}
}

func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"1KB", "2MiB", "512", "1.5KiB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseSize(s)
		if err != nil {
			return
		}
		if n < 0 || n > maxSize {
			t.Fatalf("ParseSize(%q) = %d", s, n)
		}
		if back, err := ParseSize(FormatSize(n)); err != nil || back != n {
			t.Fatalf("FormatSize(%d) = %q reads back as %d, %v", n, FormatSize(n), back, err)
		}
	})
}
