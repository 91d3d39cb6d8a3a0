package revenue

import (
	"slices"
	"testing"
)

func TestMonthlyRoundsOnceHalfAwayFromZero(t *testing.T) {
	cases := []struct {
		amount   int64
		interval string
		count    int64
		want     int64
	}{
		{2900, "month", 1, 2900},
		{29000, "year", 1, 2417}, // 2416.67
		{7500, "month", 3, 2500}, // quarterly
		{1000, "month", 6, 167},  // 166.67
		{500, "week", 1, 2167},   // 2166.67
		{150, "day", 1, 4563},    // 4562.5 → away from zero
		{-150, "day", 1, -4563},  // credits round the same way
		{100, "week", 2, 217},    // 216.67
		{1200, "year", 2, 50},    // every two years
		{4980, "month", 0, 4980}, // a missing count is 1
		{12500, "year", 1, 1042}, // KWD 12.500 a year → 1.0417
		{3, "year", 1, 0},        // 0.25
		{6, "year", 1, 1},        // 0.5 → 1
	}
	for _, c := range cases {
		if got := monthly(c.amount, c.interval, c.count); got != c.want {
			t.Errorf("monthly(%d, %s, %d) = %d, want %d", c.amount, c.interval, c.count, got, c.want)
		}
	}
}

func TestShapeTrialEndAndMerging(t *testing.T) {
	raw := []step{
		{from: 100, mrr: 0, why: "invoice", inv: 1},  // trial invoice
		{from: 200, mrr: 50, why: "invoice", inv: 2}, // first paid
		{from: 300, mrr: 50, why: "invoice", inv: 3}, // renewal: merges
		{from: 400, mrr: 70, why: "invoice", inv: 4}, // upgrade
		{from: 600, mrr: 70, why: "invoice", inv: 5}, // after the end: ignored
	}
	got := shape(raw, window{end: 500, trialFrom: 100, trialTill: 200})
	want := []step{
		{from: 100, mrr: 0, why: "trial", count: 1},
		{from: 200, mrr: 50, why: "invoice", inv: 2, count: 2},
		{from: 400, mrr: 70, why: "invoice", inv: 4, count: 1},
		{from: 500, mrr: 0, why: "end"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("shape =\n%+v\nwant\n%+v", got, want)
	}
	at := func(sec int64) int64 { // the MRR in force at sec
		v := int64(0)
		for _, s := range got {
			if s.from <= sec {
				v = s.mrr
			}
		}
		return v
	}
	for sec, want := range map[int64]int64{99: 0, 150: 0, 200: 50, 399: 50, 400: 70, 499: 70, 500: 0, 700: 0} {
		if v := at(sec); v != want {
			t.Errorf("at(%d) = %d, want %d", sec, v, want)
		}
	}
}
