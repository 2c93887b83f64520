package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// sizeUnits maps a lower-case unit to its number of bytes. KB, MB and GB are
// decimal; KiB, MiB and GiB binary.
var sizeUnits = map[string]float64{
	"": 1, "b": 1,
	"k": 1e3, "kb": 1e3, "ki": 1 << 10, "kib": 1 << 10,
	"m": 1e6, "mb": 1e6, "mi": 1 << 20, "mib": 1 << 20,
	"g": 1e9, "gb": 1e9, "gi": 1 << 30, "gib": 1 << 30,
}

// maxSize bounds ParseSize so that a size always fits an int exactly.
const maxSize = 1 << 50

// ParseSize reads a byte size: a bare integer ("512"), or a number with a
// unit, case-insensitive: B, KB (1,000), KiB (1,024), MB, MiB, GB, GiB
// ("200B", "2KB", "1.5KiB", "6MB"). The result must be a whole number of bytes.
func ParseSize(s string) (int, error) {
	text := strings.TrimSpace(s)
	i := strings.IndexFunc(text, func(r rune) bool {
		return (r < '0' || r > '9') && r != '.' && r != '+' && r != '-' && r != '_'
	})
	if i < 0 {
		i = len(text)
	}
	num, unit := text[:i], strings.ToLower(strings.TrimSpace(text[i:]))
	mult, ok := sizeUnits[unit]
	if !ok {
		return 0, fmt.Errorf("bad size %q: unknown unit %q (use B, KB, KiB, MB, MiB, GB or GiB)", s, text[i:])
	}
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, fmt.Errorf("bad size %q: want a number with an optional unit, e.g. 512B, 2KB, 1MiB", s)
	}
	v := n * mult
	switch {
	case v < 0:
		return 0, fmt.Errorf("bad size %q: must not be negative", s)
	case v > maxSize:
		return 0, fmt.Errorf("bad size %q: too large", s)
	case math.Abs(v-math.Round(v)) > 1e-6:
		return 0, fmt.Errorf("bad size %q: not a whole number of bytes", s)
	}
	return int(math.Round(v)), nil
}

// FormatSize writes n bytes with the largest unit that divides it exactly
// ("1MiB", "2KB", "300B"); ParseSize reads it back.
func FormatSize(n int) string {
	if n == 0 {
		return "0B"
	}
	for _, u := range []struct {
		size int
		name string
	}{{1 << 30, "GiB"}, {1e9, "GB"}, {1 << 20, "MiB"}, {1e6, "MB"}, {1 << 10, "KiB"}, {1e3, "KB"}} {
		if n%u.size == 0 {
			return strconv.Itoa(n/u.size) + u.name
		}
	}
	return strconv.Itoa(n) + "B"
}
