package percentile

import "testing"

func TestNearestRank(t *testing.T) {
	ptr := func(v int64) *int64 { return &v }
	tests := []struct {
		name string
		xs   []int64
		p    int
		want *int64
	}{
		{"empty", nil, 50, nil},
		{"one value", []int64{7}, 90, ptr(7)},
		{"median of four is the 2nd", []int64{40, 10, 30, 20}, 50, ptr(20)},
		{"median of five is the 3rd", []int64{5, 1, 4, 2, 3}, 50, ptr(3)},
		{"p90 of ten is the 9th", []int64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 90, ptr(9)},
		{"p90 of eleven is the 10th", []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 90, ptr(10)},
		{"p90 of 21 rounds the rank up to 19", seq(21), 90, ptr(19)},
		{"p0 is the minimum", []int64{3, 1, 2}, 0, ptr(1)},
		{"p100 is the maximum", []int64{3, 1, 2}, 100, ptr(3)},
		{"ties", []int64{5, 5, 5, 9}, 50, ptr(5)},
		{"negative values", []int64{-3, -1, -2}, 50, ptr(-2)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := NearestRank(append([]int64(nil), tc.xs...), tc.p)
			switch {
			case tc.want == nil && got != nil:
				t.Errorf("got %d, want nil", *got)
			case tc.want != nil && (got == nil || *got != *tc.want):
				t.Errorf("got %v, want %d", got, *tc.want)
			}
		})
	}
}

func seq(n int) []int64 {
	xs := make([]int64, n)
	for i := range xs {
		xs[i] = int64(n - i)
	}
	return xs
}
