package review

import (
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
	if len(m.Surfaces[0].NotTracked) == 0 {
		t.Error("the product surface should say releases are not tracked yet")
	}
	if m.Stage.ID == "" || m.Stage.Reason == "" || m.NextReview.Month != mo("2026-02") || m.Freshness.ID != StepFreshness {
		t.Errorf("stage %+v next %+v", m.Stage, m.NextReview)
	}
	if mrr := m.Surfaces[3].Numbers[0]; mrr.Key != "revenue.mrr" || mrr.Value == nil || mrr.Change == nil || mrr.Better != "up" {
		t.Errorf("MRR tile: %+v", mrr)
	}
}
