package reports

import (
	"math"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// Confidence is the confidence level of Compare's significance tests.
const Confidence = 0.99

// zCrit is the two-sided standard normal quantile for Confidence.
const zCrit = 2.5758293035489004

// interval is a confidence interval; Hi may be +Inf (unbounded above).
type interval struct{ Lo, Hi float64 }

// overlaps reports whether a and b share a value, counting as shared two
// ends that the histograms cannot tell apart (eq).
func (a interval) overlaps(b interval, eq func(x, y float64) bool) bool {
	if a.Lo <= b.Hi && b.Lo <= a.Hi {
		return true
	}
	return eq(a.Hi, b.Lo) || eq(b.Hi, a.Lo)
}

// quantileCI is the distribution-free confidence interval of the q-quantile
// (0 < q < 1) of the population a histogram of n values samples: the values
// of ranks n·q ∓ z·sqrt(n·q·(1−q)) (the normal approximation of the
// binomial count of values below the quantile), read from the histogram in
// nanoseconds. A rank below 1 gives 0; a rank above n leaves the interval
// unbounded above, since n values cannot bound that quantile.
func quantileCI(h *hdrhistogram.Histogram, q float64) (interval, bool) {
	n := float64(h.TotalCount())
	if n == 0 {
		return interval{}, false
	}
	half := zCrit * math.Sqrt(n*q*(1-q))
	lo, hi := math.Floor(n*q-half), math.Ceil(n*q+half)
	ci := interval{Lo: 0, Hi: math.Inf(1)}
	if lo >= 1 {
		ci.Lo = float64(valueAtRank(h, lo))
	}
	if hi <= n {
		ci.Hi = float64(valueAtRank(h, hi))
	}
	return ci, true
}

// valueAtRank is the histogram's value of 1-based rank r (the highest value
// equivalent to it).
func valueAtRank(h *hdrhistogram.Histogram, r float64) int64 {
	return h.ValueAtQuantile(100 * r / float64(h.TotalCount()))
}

// welch reports whether two sample means differ at Confidence, by Welch's
// unequal-variances test: t = (m2−m1)/sqrt(v1/n1 + v2/n2) against the
// Student t quantile for the Welch–Satterthwaite degrees of freedom.
func welch(m1, sd1, n1, m2, sd2, n2 float64) bool {
	if n1 < 2 || n2 < 2 {
		return false
	}
	a, b := sd1*sd1/n1, sd2*sd2/n2
	if a+b == 0 {
		return m1 != m2
	}
	t := math.Abs(m2-m1) / math.Sqrt(a+b)
	df := (a + b) * (a + b) / (a*a/(n1-1) + b*b/(n2-1))
	return t > tCrit(df)
}

// tCrit approximates the two-sided Student t quantile for Confidence with df
// degrees of freedom by the Cornish–Fisher expansion around the normal
// quantile (within 1% from 5 degrees of freedom, a little low below that).
func tCrit(df float64) float64 {
	if math.IsNaN(df) || math.IsInf(df, 1) || df > 1e6 {
		return zCrit
	}
	df = max(df, 1)
	z := zCrit
	z3, z5, z7 := z*z*z, math.Pow(z, 5), math.Pow(z, 7)
	return z + (z3+z)/(4*df) + (5*z5+16*z3+3*z)/(96*df*df) + (3*z7+19*z5+17*z3-15*z)/(384*df*df*df)
}

// proportions reports whether two failure proportions k1/n1 and k2/n2
// differ at Confidence (two-proportion z-test with the pooled proportion).
func proportions(k1, n1, k2, n2 float64) bool {
	if n1 == 0 || n2 == 0 {
		return false
	}
	p := (k1 + k2) / (n1 + n2)
	se := math.Sqrt(p * (1 - p) * (1/n1 + 1/n2))
	if se == 0 {
		return false
	}
	return math.Abs(k2/n2-k1/n1)/se > zCrit
}

// meanSD returns the mean and sample standard deviation of xs.
func meanSD(xs []float64) (mean, sd float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	if len(xs) < 2 {
		return mean, 0
	}
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)-1))
}
