package imports_test

import (
	"context"
	"path/filepath"
	"testing"

	"keel/backend"
	"keel/backend/costs"
	"keel/backend/imports"
	"keel/backend/pipeline"
	"keel/backend/workspace"
	_ "keel/importers/all"
)

// The events summary the cost model reads is built after an import only
// when a cost driver counts events: without one, an events import does
// not read every event a second time.
func TestLinkSummarisesEventsOnlyForAnEventDriver(t *testing.T) {
	ctx := context.Background()
	db, err := workspace.Create(filepath.Join(t.TempDir(), "w.keel"), "Test")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rep := pipeline.Run(ctx, db, pipeline.Request{Path: "../../importers/posthog/testdata/current.csv"}, nil)
	if rep.Err != nil {
		t.Fatal(rep.Err)
	}
	summarised := func() bool {
		t.Helper()
		mark, err := db.DerivedMark("usage")
		if err != nil {
			t.Fatal(err)
		}
		return mark != ""
	}
	if err := imports.Link(ctx, db, "Imported"); err != nil {
		t.Fatal(err)
	}
	if summarised() {
		t.Error("the events were summarised with no cost driver counting them")
	}
	d := backend.CostDriver{Name: "Sign-ups", Unit: "sign-up", Source: backend.UsageEvents, Events: []string{"signed_up"}, UnitCost: "0.5"}
	if _, err := costs.SaveDriver(db, d, "usd"); err != nil {
		t.Fatal(err)
	}
	if err := imports.Link(ctx, db, "Imported"); err != nil {
		t.Fatal(err)
	}
	if !summarised() {
		t.Error("a driver counts events, but the import left them unsummarised")
	}
}
