package review

import (
	"strings"
	"testing"
)

func TestScalingMap(t *testing.T) {
	db := demoDB(t, demoNow)
	m, err := Scaling(db, mo("2026-02"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{surfaceProduct, surfaceUsers, surfaceOperations, surfaceRevenue}
	if len(m.Surfaces) != len(want) {
		t.Fatalf("%d surfaces", len(m.Surfaces))
	}
	for i, s := range m.Surfaces {
		if s.ID != want[i] || len(s.Numbers) == 0 {
			t.Errorf("surface %d: %+v", i, s)
		}
		for _, n := range s.Numbers {
			if len(n.Trend) != Window {
				t.Errorf("%s: %d months of trend", n.Key, len(n.Trend))
			}
		}
		for _, w := range s.Warnings {
			if w.Surface != s.ID {
				t.Errorf("warning %s on surface %s", w.ID, s.ID)
			}
		}
	}
	// The demo's February: "Team plans" changed billing, permissions and
	// user data at once; some of its flags are stale.
	product := m.Surfaces[0]
	if len(product.NotTracked) != 0 || product.Numbers[0].Key != "operations.releases" || product.Numbers[0].Value == nil {
		t.Errorf("product surface: %+v", product)
	}
	got := map[string]string{}
	for _, w := range product.Warnings {
		got[w.ID] = w.Detail
	}
	if !strings.Contains(got["risky_release"], "“Team plans: seats, roles and per-seat billing”") || !strings.Contains(got["stale_flags"], "flags are stale") {
		t.Errorf("product warnings: %v", got)
	}
	if m.Stage.ID == "" || m.Stage.Reason == "" || m.NextReview.Month != mo("2026-02") || m.Freshness.ID != StepFreshness {
		t.Errorf("stage %+v next %+v", m.Stage, m.NextReview)
	}
	if mrr := m.Surfaces[3].Numbers[0]; mrr.Key != "revenue.mrr" || mrr.Value == nil || mrr.Change == nil || mrr.Better != "up" {
		t.Errorf("MRR tile: %+v", mrr)
	}
}
