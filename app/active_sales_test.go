package app

import (
	"path/filepath"
	"testing"

	"keel/backend/figures"
)

// One-off sales (a real Gumroad export) have no MRR: without analytics a
// month has no active accounts to count: missing, not 0.
func TestOneOffSalesHaveNoActiveAccountsWithoutAnalytics(t *testing.T) {
	m, _ := filepath.Glob(filepath.Join("..", "..", "shared", "fixtures", "real", "gumroad", "*", "*.csv"))
	if len(m) == 0 {
		t.Skip("the real Gumroad export is not next to the repository")
	}
	s, _ := onDay(t, "2026-12-07")
	if _, err := NewImports(s).Run([]Item{{Path: m[0]}}); err != nil {
		t.Fatal(err)
	}
	db, err := s.workspace()
	if err != nil {
		t.Fatal(err)
	}
	set, err := figures.Load(db, mo("2024-01"), mo("2024-03"))
	if err != nil {
		t.Fatal(err)
	}
	for _, mo := range set.Months {
		if mo.Revenue.Collected == nil || mo.Revenue.MRR != nil {
			t.Fatalf("%s: collected %v, MRR %v — not a one-off sales month", mo.Month, mo.Revenue.Collected, mo.Revenue.MRR)
		}
		if mo.Support.ActiveAccounts != nil {
			t.Errorf("%s: active accounts %d, want missing", mo.Month, *mo.Support.ActiveAccounts)
		}
	}
}
