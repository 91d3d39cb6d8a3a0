package charts_test

import (
	"slices"
	"testing"

	"keel/backend/charts"
	"keel/backend/costs"
)

func TestPlanCostsBarsAndMargins(t *testing.T) {
	m1 := 0.9
	b, err := charts.PlanCosts([]costs.PlanCost{
		{Plan: "Scale · monthly", MRR: 100000, Cost: 10000, Margin: &m1},
		{Plan: "Starter · monthly", MRR: 0, Cost: 500},
		{Plan: "", Cost: 700}, // not paying: not drawn
	}, "usd")
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, b)
	x := obj(t, list(t, m["xAxis"])[0])
	if d := list(t, x["data"]); len(d) != 2 || d[0] != "Scale · monthly" {
		t.Errorf("xAxis = %v", x)
	}
	s := byID(t, m)
	if !slices.Equal(values(t, s["mrr"]), []any{int64(100000), int64(0)}) || !slices.Equal(values(t, s["cost"]), []any{int64(10000), int64(500)}) {
		t.Errorf("bars: %v %v", s["mrr"], s["cost"])
	}
	var got []any
	for _, d := range list(t, s["margin"]["data"]) {
		got = append(got, obj(t, d)["value"])
	}
	if len(got) != 2 || got[0] != 0.9 || got[1] != "-" {
		t.Errorf("margins %v, want 0.9 and a gap for the plan without MRR", got)
	}
	if s["margin"]["type"] != "line" || s["margin"]["yAxisIndex"] == nil {
		t.Errorf("margin series %v", s["margin"])
	}
}
