package reports

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Num formats v with at most prec decimals, dropping trailing zeros.
func Num(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// Seconds formats a number of seconds as "3.2s" (or "1m30s" from a minute).
func Seconds(sec float64) string {
	if sec >= 60 {
		return time.Duration(sec * float64(time.Second)).Round(time.Second).String()
	}
	return Num(sec, 1) + "s"
}

// Money writes an amount with 4 significant digits, enough for the tiny
// sums of a short run.
func Money(v float64) string {
	if v == 0 {
		return "0"
	}
	return fmt.Sprintf("%.4g", v)
}
