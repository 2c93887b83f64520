package compare

import (
	"math"
)

// Confidence is the confidence level of Compare's significance tests.
const Confidence = 0.99

// zCrit is the two-sided standard normal quantile for Confidence.
const zCrit = 2.5758293035489004

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

// tCrit is the two-sided Student t quantile for Confidence with df degrees
// of freedom: the t whose two-sided tail probability is 1 − Confidence,
// found by bisection on the exact tail (the regularized incomplete beta
// function). Infinite or huge df give the normal quantile.
func tCrit(df float64) float64 {
	if math.IsNaN(df) || math.IsInf(df, 1) || df > 1e7 {
		return zCrit
	}
	df = max(df, 0.5)
	lo, hi := 0.0, 1e6
	for range 200 {
		mid := (lo + hi) / 2
		if tTail(mid, df) > 1-Confidence {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// tTail is P(|T| > t) for Student's t with df degrees of freedom.
func tTail(t, df float64) float64 {
	return incBeta(df/2, 0.5, df/(df+t*t))
}

// incBeta is the regularized incomplete beta function I_x(a, b), by its
// continued fraction (Numerical Recipes, betai and betacf).
func incBeta(a, b, x float64) float64 {
	if x <= 0 {
		return 0
	}
	if x >= 1 {
		return 1
	}
	la, _ := math.Lgamma(a + b)
	lb, _ := math.Lgamma(a)
	lc, _ := math.Lgamma(b)
	front := math.Exp(la - lb - lc + a*math.Log(x) + b*math.Log(1-x))
	if x < (a+1)/(a+b+2) {
		return front * betaCF(a, b, x) / a
	}
	return 1 - front*betaCF(b, a, 1-x)/b
}

// betaCF evaluates the continued fraction of the incomplete beta function
// by the modified Lentz method.
func betaCF(a, b, x float64) float64 {
	const tiny, eps = 1e-300, 1e-15
	c, d := 1.0, 1-(a+b)*x/(a+1)
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1.0; m <= 300; m++ {
		for _, aa := range []float64{m * (b - m) * x / ((a + 2*m - 1) * (a + 2*m)),
			-(a + m) * (a + b + m) * x / ((a + 2*m) * (a + 2*m + 1))} {
			d = 1 + aa*d
			if math.Abs(d) < tiny {
				d = tiny
			}
			c = 1 + aa/c
			if math.Abs(c) < tiny {
				c = tiny
			}
			d = 1 / d
			h *= d * c
		}
		if math.Abs(d*c-1) < eps {
			break
		}
	}
	return h
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
