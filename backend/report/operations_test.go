package report

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
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
// per plan.
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
	f, _ := export(t, db, "2026-02", Options{})
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
	// The February row of the decisions and costs by month: the figures'
	// cost to serve (in dollars) under its header.
	want := *s.Months[0].Costs.CostToServe
	rs := rows(t, f, SheetOperations)
	head := rowIndex(t, rs, "Decisions and costs") + 1
	col := slices.Index(rs[head], "Cost to serve")
	feb := head + rowIndex(t, rs[head:], "Feb 2026")
	if col < 0 {
		t.Fatalf("no Cost to serve column: %q", rs[head])
	}
	if got := raw(t, f, SheetOperations, cell(col+1, feb+1)); got != fmt.Sprint(float64(want)/100) {
		t.Errorf("February cost to serve %s, want %v", got, float64(want)/100)
	}
}
