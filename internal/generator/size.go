package generator

import "math"

// sizeSigma is the spread of log-normal record sizes around Size.Mean.
const sizeSigma = 0.5

// enabled reports whether records are padded at all.
func (s SizeConfig) enabled() bool { return s.Min > 0 || s.Max > 0 || s.Mean > 0 }

// upper is the largest target a record can get: Max when set, else four
// times Mean (capped at the record limit), else Min.
func (s SizeConfig) upper() int {
	switch {
	case s.Max > 0:
		return s.Max
	case s.Mean > 0:
		return min(4*s.Mean, MaxRecordSize)
	default:
		return s.Min
	}
}

// target draws a record's target size in bytes: log-normal with median-
// corrected mean Mean when Mean > 0, uniform in Min..Max when Max > 0, else
// Min; always within Min..upper().
func (s SizeConfig) target(r *rng) int {
	switch {
	case s.Mean > 0:
		v := float64(s.Mean) * math.Exp(sizeSigma*r.norm()-sizeSigma*sizeSigma/2)
		return int(min(max(v, float64(s.Min)), float64(s.upper())))
	case s.Max > 0:
		return r.between(s.Min, s.Max)
	default:
		return s.Min
	}
}
