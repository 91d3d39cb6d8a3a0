package revenue_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/revenue"
)

// Movements between instants follow the monthly rules: new, reactivation
// (paid before), expansion, contraction, churn; a change of exchange rate
// alone is never a movement.
func TestMovesBetweenInstants(t *testing.T) {
	db := newDB(t)
	eur := sub("e1", "cus_E", 1000, "2024-11-01")
	eur.Currency = "eur"
	put(t, db,
		sub("a1", "cus_A", 1000, "2025-01-10"),
		canceled(sub("b1", "cus_B", 2000, "2024-12-01"), "2025-01-15", "2025-01-15", false),
		sub("c1", "cus_C", 3000, "2024-12-01"), sub("c2", "cus_C", 500, "2025-01-12"),
		canceled(sub("d1", "cus_D", 4000, "2024-11-01"), "2024-12-10", "2024-12-10", false), sub("d2", "cus_D", 4000, "2025-01-14"),
		eur,
		// The euro is worth 1.10 dollars in December, 1.20 in January.
		pay("p1", "cus_X", "eur", 1000, 1100, "2024-12-05"), pay("p2", "cus_X", "eur", 1000, 1200, "2025-01-05"),
	)
	at := []time.Time{at("2024-12-20"), at("2025-01-01"), at("2025-01-11"), at("2025-01-20")}
	ms, err := revenue.Moves(db, at)
	if err != nil {
		t.Fatal(err)
	}
	got := make([][]string, len(ms))
	for i, w := range ms {
		got[i] = []string{}
		for _, m := range w {
			got[i] = append(got[i], fmt.Sprintf("%s %s %d (%d→%d) %s", m.CustomerID, m.Kind, m.Amount, m.From, m.To, m.Plan))
		}
	}
	want := [][]string{
		{},
		{"cus_A new 1000 (0→1000) plan_a1"},
		{"cus_B churn 2000 (2000→0) plan_b1", "cus_C expansion 500 (3000→3500) plan_c2", "cus_D reactivation 4000 (0→4000) plan_d2"},
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("window %d: %q, want %q", i, got[i], want[i])
		}
	}
	if _, err := revenue.Moves(db, []time.Time{at[1], at[0]}); backend.ErrorCode(err) != backend.Internal {
		t.Errorf("instants out of order: %v", err)
	}
}
