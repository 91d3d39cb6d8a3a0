package app

import (
	"testing"
)

// One rule for every tile: a change against a month without data is
// unknown (null), never a change from 0. The payments-only workspace's
// first month with payments (August 2023) has no change on its Revenue
// tile, nor on any other sales tile.
func TestNoChangeAgainstAMonthWithoutData(t *testing.T) {
	s, _ := onDay(t, "2026-12-07")
	if _, err := NewImports(s).Run([]Item{{Path: realStripe(t, "customers_legacy_2023")}, {Path: realStripe(t, "invoices_2023")},
		{Path: realStripe(t, "payments_legacy_2023_created_utc")}}); err != nil {
		t.Fatal(err)
	}
	ov, err := NewRevenue(s).Overview("2023-08")
	if err != nil {
		t.Fatal(err)
	}
	for _, tl := range ov.Tiles {
		if tl.Prev != nil || tl.Delta != nil || tl.Change != nil {
			t.Errorf("%s in August 2023: prev %s, delta %s against July, a month before the first payment", tl.Key, show(tl.Prev), show(tl.Delta))
		}
	}
	sep, err := NewRevenue(s).Overview("2023-09")
	if err != nil {
		t.Fatal(err)
	}
	if tl := sep.Tiles[0]; tl.Prev == nil || tl.Delta == nil {
		t.Errorf("%s in September 2023: prev %s, delta %s; August has payments", tl.Key, show(tl.Prev), show(tl.Delta))
	}
}
