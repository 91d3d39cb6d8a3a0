package app

import (
	"path/filepath"
	"strings"
	"testing"
)

// realStripe is a file of the real Stripe exports (../shared/fixtures/real).
func realStripe(t *testing.T, dir string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join("..", "..", "shared", "fixtures", "real", "stripe", dir, "*.csv"))
	if len(m) != 1 {
		t.Skip("the real Stripe exports are not next to the repository")
	}
	return m[0]
}

// A founder's own Stripe files of 2023, without a subscriptions export,
// opened on 7 December 2026: Keel opens on September 2023 (the last month
// with data) and says so; Revenue shows what the payments support.
func TestPaymentsOnlyWorkspaceShowsItsMonthsAndRevenue(t *testing.T) {
	s, _ := onDay(t, "2026-12-07")
	reps, err := NewImports(s).Run([]Item{{Path: realStripe(t, "customers_legacy_2023")}, {Path: realStripe(t, "invoices_2023")},
		{Path: realStripe(t, "payments_legacy_2023_created_utc")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps {
		if r.Imported == 0 {
			t.Fatalf("%s imported nothing: %+v", r.File, r)
		}
	}
	p, err := NewWorkspace(s).Period()
	if err != nil {
		t.Fatal(err)
	}
	if p.Month.String() != "2023-09" || p.Default.String() != "2023-09" || p.First.String() != "2023-08" ||
		p.Last.String() != "2026-12" || !strings.Contains(p.Note, "September 2023") {
		t.Fatalf("period = %+v", p)
	}
	r := NewRevenue(s)
	ov, err := r.Overview("2023-08")
	if err != nil {
		t.Fatal(err)
	}
	if ov.Mode != "sales" || ov.HasData || ov.Missing != nil || len(ov.Chart) == 0 || !strings.Contains(ov.About, "subscriptions export") {
		t.Fatalf("August 2023: mode %q, has data %v, missing %v, chart %d bytes, about %q", ov.Mode, ov.HasData, ov.Missing, len(ov.Chart), ov.About)
	}
	want := map[string]float64{
		// 15 paid and 1 refunded payments in August: $5,025.00; the refund of $170 and
		// the partial one of $195 are dated by their payment (the export has no refund date).
		"collected": 502500, "orders": 16, "buyers": 11, "repeat_buyers": 0, "refunded": 36500, "failed_payments": 0, "disputes": 0,
	}
	for _, tl := range ov.Tiles {
		w, ok := want[tl.Key]
		if !ok {
			continue
		}
		delete(want, tl.Key)
		if tl.Value == nil || *tl.Value != w {
			t.Errorf("tile %s = %v, want %v", tl.Key, show(tl.Value), w)
		}
		// July 2023 ended before the first payment: no data, not zero.
		if tl.Key == "orders" && (tl.Prev != nil || tl.Delta != nil || tl.Values[len(tl.Values)-2] != nil) {
			t.Errorf("orders of July 2023, before the first payment: prev %v, delta %v", show(tl.Prev), show(tl.Delta))
		}
	}
	for k := range want {
		t.Errorf("no tile %s", k)
	}
	if ov.Tiles[0].Label != "Revenue" {
		t.Errorf("first tile %q", ov.Tiles[0].Label)
	}
	var sum int64
	for _, pr := range ov.Products {
		sum += pr.Revenue
	}
	if len(ov.Products) == 0 || sum != 502500 || ov.Products[0].Product != "No description" {
		t.Errorf("products = %+v", ov.Products)
	}
}
