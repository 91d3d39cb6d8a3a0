package report

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend/figures"
	"keel/backend/pipeline"
	"keel/backend/review"
	"keel/backend/workspace"
)

// paymentsOnlyDB is a workspace of the real Stripe files of 2023 without
// a subscriptions export (../shared/fixtures/real), on 7 December 2026.
func paymentsOnlyDB(t *testing.T) *workspace.DB {
	t.Helper()
	db, err := workspace.Create(filepath.Join(t.TempDir(), "payments.keel"), "Payments Co")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC) }
	for _, dir := range []string{"customers_legacy_2023", "invoices_2023", "payments_legacy_2023_created_utc"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "fixtures", "real", "stripe", dir, "*.csv"))
		if len(m) != 1 {
			t.Skip("the real Stripe exports are not next to the repository")
		}
		if rep := pipeline.Run(context.Background(), db, pipeline.Request{Path: m[0]}, nil); rep.Err != nil || rep.Imported == 0 {
			t.Fatalf("%s: %+v", m[0], rep)
		}
	}
	return db
}

// eventsOnlyDB is a workspace of a real Mixpanel export alone.
func eventsOnlyDB(t *testing.T) *workspace.DB {
	t.Helper()
	db, err := workspace.Create(filepath.Join(t.TempDir(), "events.keel"), "Events Co")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC) }
	m, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "fixtures", "real", "mixpanel", "*", "*.csv"))
	if len(m) != 1 {
		t.Skip("the real Mixpanel export is not next to the repository")
	}
	if rep := pipeline.Run(context.Background(), db, pipeline.Request{Path: m[0]}, nil); rep.Err != nil || rep.Imported == 0 {
		t.Fatalf("%s: %+v", m[0], rep)
	}
	return db
}

// Every hint in the report is true of the workspace: a sentence asking
// to import (or set up) something never appears when the workspace has
// it. Checked on the demo and on a payments-only workspace.
func TestEveryHintIsTrueOfTheWorkspace(t *testing.T) {
	for _, c := range []struct {
		name  string
		db    func(*testing.T) *workspace.DB
		month string
	}{
		{"demo", func(t *testing.T) *workspace.DB { return demoDB(t, demoNow) }, "2026-02"},
		{"payments only", paymentsOnlyDB, "2023-09"},
		{"events only", eventsOnlyDB, "2022-10"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := c.db(t)
			r, err := review.Get(db, mo(c.month))
			if err != nil {
				t.Fatal(err)
			}
			has := r.Figures.Has
			f, _ := export(t, db, c.month, Options{})
			var all strings.Builder
			for _, sh := range Sheets {
				all.WriteString(text(t, f, sh))
			}
			// A hint is false when the workspace has every kind of data
			// the hint fills (one sentence can fill several).
			fills := map[string]figures.Data{}
			for d := figures.Billing; d <= figures.Costs; d <<= 1 {
				if h := figures.Data(0).Lacks(d); h != nil {
					fills[h.Text] |= d
				}
			}
			checked := 0
			for text, d := range fills {
				if has&d == d && strings.Contains(all.String(), text) {
					t.Errorf("the report says %q, but the workspace has that data", text)
				}
				checked++
			}
			inv, err := db.Span("invoices") // read from the tables, not from has
			if err != nil {
				t.Fatal(err)
			}
			// Hints whose truth depends on more than one kind of data.
			for _, h := range []struct {
				text  string
				false bool
			}{
				{"No analytics events imported", has&figures.Events != 0},
				{figures.NeedBilling.Text, inv.OK},                     // asks for the invoices it has
				{figures.NeedActivation.Text, has&figures.Events == 0}, // no events to pick from
				{figures.NeedSubscriptions.Text, !inv.OK},              // says invoices were imported
			} {
				if h.false && strings.Contains(all.String(), h.text) {
					t.Errorf("the report says %q, untrue of this workspace (has %b)", h.text, has)
				}
			}
			t.Logf("%d hints checked; the workspace has %b", checked, has)
		})
	}
}

// A payments-only workspace's report shows what it does not have as "—",
// never 0: signups before the first customer, people and events without
// analytics events; its Tickets sheet says there is no helpdesk data.
func TestPaymentsOnlyReportMissingNotZero(t *testing.T) {
	db := paymentsOnlyDB(t)
	f, _ := export(t, db, "2023-09", Options{})
	rs := rows(t, f, SheetUsers)
	for m := 0; m < 12; m++ {
		r := rs[usersHeader+m]
		before := m < 10 // Oct 2022 … Jul 2023: the first customer is of August 2023
		if before && r[1] != "—" {
			t.Errorf("Users %s: %q signups before the first customer, want —", r[0], r[1])
		}
		if !before && r[1] == "—" {
			t.Errorf("Users %s: no signups shown", r[0])
		}
		if r[6] != "—" || r[7] != "—" {
			t.Errorf("Users %s: people %q, events %q without analytics events, want —", r[0], r[6], r[7])
		}
	}
	if s := text(t, f, SheetTickets); !strings.Contains(s, "No helpdesk data: "+figures.NeedHelpdesk.Text) {
		t.Errorf("Tickets sheet:\n%s", s)
	}
}
