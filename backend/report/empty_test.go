package report

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend/review"
	"keel/backend/workspace"
)

// An empty workspace still gets a review and a report that say what is
// missing, instead of failing or showing zeros.
func TestEmptyWorkspaceReport(t *testing.T) {
	db, err := workspace.Create(filepath.Join(t.TempDir(), "empty.keel"), "Empty Co")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return demoNow }
	r, err := review.Get(db, mo("2026-02"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Steps[0].Reading, "Nothing is imported yet.") || r.Steps[1].Numbers[0].Value != nil {
		t.Errorf("freshness %q, MRR %v", r.Steps[0].Reading, r.Steps[1].Numbers[0].Value)
	}
	f, _ := export(t, db, "2026-02", Options{Anonymize: true})
	for sheet, want := range map[string]string{
		SheetRevenue: "No billing data", SheetMovements: "No movements", SheetCohorts: "No cohorts",
		SheetSupport: "No helpdesk data", SheetTickets: "No helpdesk data: Import your helpdesk tickets", SheetUsers: "No analytics events imported",
		SheetSources: "Nothing imported.", SheetSummary: "—",
	} {
		if s := text(t, f, sheet); !strings.Contains(s, want) {
			t.Errorf("%s lacks %q:\n%s", sheet, want, s)
		}
	}
}
