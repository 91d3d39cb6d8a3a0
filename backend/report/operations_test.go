package report

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend/figures"
	"keel/backend/pipeline"
	"keel/backend/workspace"
)

// The Operations sheet of a workspace that uses it (the demo with its
// founder's words): the decision throughput and the cost to serve by
// month as the figures say, the decisions due, and the cost and margin
// per plan with a native chart.
func TestDecisionsAndCostsSheets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.keel")
	if err := pipeline.CreateDemo(context.Background(), path, demoNow, nil, pipeline.DemoWords(demoNow)); err != nil {
		t.Fatal(err)
	}
	db, err := workspace.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return demoNow }
	f, bytes := export(t, db, "2026-02", Options{})
	s, err := figures.Load(db, mo("2026-02"), mo("2026-02"))
	if err != nil {
		t.Fatal(err)
	}
	ops := text(t, f, SheetOperations)
	for _, want := range []string{"Decisions made", "Due for validation", "Price Scale per seat", "Cost and margin per plan, February 2026", "Growth · monthly"} {
		if !strings.Contains(ops, want) {
			t.Errorf("Operations sheet lacks %q:\n%s", want, ops)
		}
	}
	// The February row of the Costs section: the figures' cost to serve
	// (in dollars).
	want := *s.Months[0].Costs.CostToServe
	rs := rows(t, f, SheetOperations)
	costs := rowIndex(t, rs, "Costs")
	feb := costs + rowIndex(t, rs[costs:], "Feb 2026")
	if got := raw(t, f, SheetOperations, cell(2, feb+1)); got != fmt.Sprint(float64(want)/100) {
		t.Errorf("February cost to serve %s, want %v", got, float64(want)/100)
	}
	var chart string
	for name, body := range parts(t, bytes) {
		if strings.HasPrefix(name, "xl/charts/chart") && strings.Contains(body, "Cost and margin per plan") {
			chart = body
		}
	}
	if chart == "" || !strings.Contains(chart, "<barChart>") || !strings.Contains(chart, "<lineChart>") || !strings.Contains(chart, "Operations&#39;!$D$") {
		t.Errorf("no native chart of cost and margin per plan: %.300s", chart)
	}
}
