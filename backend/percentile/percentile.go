// Package percentile computes percentiles the way METRICS.md defines them:
// nearest rank, no interpolation, so results are exact values of the data.
package percentile

import "slices"

// NearestRank is the p-th percentile of xs: the value at rank ⌈p/100 · n⌉
// (1-based) of the ascending values; nil when xs is empty. Median is p =
// 50. It sorts xs in place.
func NearestRank(xs []int64, p int) *int64 {
	if len(xs) == 0 {
		return nil
	}
	slices.Sort(xs)
	return Sorted(xs, p)
}

// Sorted is NearestRank of values already in ascending order.
func Sorted(xs []int64, p int) *int64 {
	if len(xs) == 0 {
		return nil
	}
	p = min(max(p, 0), 100)
	rank := (p*len(xs) + 99) / 100
	rank = max(rank, 1)
	v := xs[rank-1]
	return &v
}
