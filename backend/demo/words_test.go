package demo_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/costs"
	"keel/backend/decisions"
	"keel/backend/evidence"
	"keel/backend/manual"
	"keel/backend/pipeline"
	"keel/backend/workspace"
	_ "keel/importers/all"
)

// The demo's founder has a year of decisions (some validated, one
// invalidated, some overdue), manual work that outgrows the customers
// with the Scale plan, plans with what they grant and what they cost,
// and one power user who costs more than they pay.
func TestFoundersWords(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the demo workspace")
	}
	ctx := context.Background()
	now := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "demo.keel")
	if err := pipeline.CreateDemo(ctx, path, now, nil, pipeline.DemoWords(now)); err != nil {
		t.Fatal(err)
	}
	db, err := workspace.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return now }

	log := decisions.New(db, evidence.New(db, "usd"), nil)
	es, err := log.List()
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]int{}
	overdue := 0
	for _, e := range es {
		status[e.Status]++
		if e.Overdue {
			overdue++
		}
		if (e.Status == "validated" || e.Status == "invalidated") && (e.Evidence == nil || e.Evidence.Proposed != e.Status || e.Evidence.Before == nil) {
			t.Errorf("decision %d %q is %s without the numbers that say so: %+v", e.ID, e.What, e.Status, e.Evidence)
		}
	}
	if len(es) < 10 || status["validated"] < 3 || status["invalidated"] != 1 || overdue < 2 || status["abandoned"] != 1 {
		t.Errorf("decisions: %d, statuses %v, overdue %d", len(es), status, overdue)
	}
	if rs, _ := db.DecisionsFrom(backend.OriginReview, "2026-01"); len(rs) != 1 {
		t.Errorf("the January review's decisions in the log: %+v", rs)
	}

	o, err := manual.Load(ctx, db, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), func(p string) string { return p })
	if err != nil {
		t.Fatal(err)
	}
	if o.Warning == nil || o.Logged < 200 {
		t.Errorf("manual work: %d logged, warning %+v", o.Logged, o.Warning)
	}
	if len(o.BySegment) == 0 || o.BySegment[0].Total < o.Logged/4 {
		t.Errorf("segments %+v", o.BySegment)
	}

	mod, err := costs.Compute(ctx, db, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), func(p string) string { return p })
	if err != nil {
		t.Fatal(err)
	}
	if len(mod.PowerUsers) != 1 || mod.PowerUsers[0].Driver != "Data exports" || mod.PowerUsers[0].Multiple < 100 {
		t.Errorf("power users %+v", mod.PowerUsers)
	}
	// The power user costs more than it pays (so do a few small accounts
	// that write to support a lot).
	powerOver := false
	for _, w := range mod.Warnings {
		powerOver = powerOver || w.ID == "account_over_mrr" && len(mod.PowerUsers) > 0 && w.Account == mod.PowerUsers[0].Account
	}
	if !powerOver {
		t.Errorf("the power user is not warned about: %+v", mod.Warnings)
	}
	for _, d := range mod.Drivers {
		switch d.Name {
		case "Report e-mails":
			if !d.Unmapped || len(d.Suggestions) == 0 || !strings.HasPrefix(d.Suggestions[0].Name, "report_") {
				t.Errorf("unmapped driver %+v", d)
			}
		case "Data exports", "Queries run":
			if d.Actual == nil || d.Suggested == "" {
				t.Errorf("%s is not calibrated: %+v", d.Name, d)
			}
		}
	}
	terms, _ := db.AccountTerms()
	grants, _ := db.Entitlements()
	if len(terms) != 4 || len(grants) < 20 {
		t.Errorf("%d accounts on special terms, %d grants", len(terms), len(grants))
	}
}
