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

// The Decisions and Costs sheets of a workspace that uses them (the demo
// with its founder's words): the throughput and the cost to serve by
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
	dec := text(t, f, SheetDecisions)
	if !strings.Contains(dec, "Decisions made") || !strings.Contains(dec, "Due for validation") || !strings.Contains(dec, "Price Scale per seat") {
		t.Errorf("Decisions sheet:\n%s", dec)
	}
	cost := text(t, f, SheetCosts)
	want := *s.Months[0].Costs.CostToServe
	if !strings.Contains(cost, "Cost and margin per plan, February 2026") || !strings.Contains(cost, "Growth · monthly") {
		t.Errorf("Costs sheet:\n%s", cost)
	}
	// The February row's cost to serve is the figures' (in dollars).
	rs := rows(t, f, SheetCosts)
	feb := rowIndex(t, rs, "Feb 2026")
	if got := raw(t, f, SheetCosts, cell(2, feb+1)); got != fmt.Sprint(float64(want)/100) {
		t.Errorf("February cost to serve %s, want %v", got, float64(want)/100)
	}
	var chart string
	for name, body := range parts(t, bytes) {
		if strings.HasPrefix(name, "xl/charts/chart") && strings.Contains(body, "Cost and margin per plan") {
			chart = body
		}
	}
	if chart == "" || !strings.Contains(chart, "<barChart>") || !strings.Contains(chart, "<lineChart>") || !strings.Contains(chart, "Costs&#39;!$D$") {
		t.Errorf("no native chart of cost and margin per plan: %.300s", chart)
	}
}
