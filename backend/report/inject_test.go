package report

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"keel/backend"
	"keel/backend/pipeline"
	"keel/backend/review"
	"keel/backend/workspace"
)

const payHeader = "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer\n"

// importLatePayment imports, two days after the demo's now, a payment of
// February 2026 that changes its Collected.
func importLatePayment(t *testing.T, db *workspace.DB) {
	t.Helper()
	db.Now = func() time.Time { return demoNow.Add(48 * time.Hour) }
	row := "ch_late_feb,2026-02-20 10:00:00,50.00,0.00,usd,true,50.00,0.00,usd,,Consulting,1.75,,KEEL,Paid,Payment complete.,0.00,pm_1,cus_late,,late@example.com,,\n"
	p := filepath.Join(t.TempDir(), "late_payments.csv")
	if err := os.WriteFile(p, []byte(payHeader+row), 0o600); err != nil {
		t.Fatal(err)
	}
	if rep := pipeline.Run(context.Background(), db, pipeline.Request{Path: p}, nil); rep.Err != nil {
		t.Fatal(rep.Err)
	}
}

// hostile are texts that a spreadsheet would take for formulas if they
// were written carelessly.
var hostile = []string{`=HYPERLINK("http://x","y")`, `+SUM(1,2)`, `-2+3`, `@cmd|' /C calc'!A0`}

// addHostileData stores a customer, a subscription of February and
// tickets whose imported text looks like formulas.
func addHostileData(t *testing.T, db *workspace.DB) {
	t.Helper()
	b, err := db.BeginImport(context.Background(), workspace.ImportMeta{File: "hostile.csv", Source: "stripe", Kind: "customers", SHA256: strings.Repeat("ab", 32)})
	if err != nil {
		t.Fatal(err)
	}
	put := func(r backend.Record) {
		if _, err := b.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC)
	put(&backend.Customer{Source: "stripe", ID: "cus_hostile", Name: hostile[0], Email: "attacker@evil.example", Currency: "usd"})
	put(&backend.Subscription{Source: "stripe", ID: "sub_hostile", CustomerID: "cus_hostile", Status: "active", Plan: hostile[1],
		Quantity: 1, Currency: "usd", Interval: "month", IntervalCount: 1, Amount: 4900, Start: &start})
	for i, s := range hostile {
		created := start.Add(time.Duration(i) * time.Hour)
		put(&backend.Ticket{Source: "zendesk", ID: "hostile-" + string(rune('a'+i)), Subject: s, RequesterEmail: "attacker@evil.example",
			Organization: hostile[(i+1)%len(hostile)], Assignee: hostile[(i+2)%len(hostile)], Status: "open", Created: created})
	}
	if err := b.Commit(workspace.Counts{}); err != nil {
		t.Fatal(err)
	}
}

func TestImportedTextNeverBecomesAFormula(t *testing.T) {
	db := demoDB(t, demoNow)
	addHostileData(t, db)
	f, raw := export(t, db, "2026-02", Options{})
	for name, body := range parts(t, raw) {
		if strings.HasPrefix(name, "xl/worksheets/sheet") && strings.Contains(body, "<f>") {
			t.Errorf("%s has a formula", name)
		}
	}
	found := map[string]bool{}
	for _, sheet := range f.GetSheetList() {
		rs, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rs {
			for j, v := range r {
				for _, h := range hostile {
					if v != h {
						continue
					}
					ref := cell(j+1, i+1)
					found[sheet+" "+h] = true
					if fm, _ := f.GetCellFormula(sheet, ref); fm != "" {
						t.Errorf("%s!%s is the formula %q", sheet, ref, fm)
					}
					if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
						t.Errorf("%s!%s has type %v, want text", sheet, ref, typ)
					}
				}
			}
		}
	}
	for _, want := range []string{SheetMovements + " " + hostile[0], SheetMovements + " " + hostile[1], SheetTickets + " " + hostile[0],
		SheetTickets + " " + hostile[2], SheetTickets + " " + hostile[3], SheetSupport + " " + hostile[2]} {
		if !found[want] {
			t.Errorf("%q not found as text", want)
		}
	}
}

// richReview fills the demo's February 2026 review the way a founder
// would — step notes, checklist answers, decisions, notes — freezes it,
// and imports a late payment that restates it.
func richReview(t *testing.T, db *workspace.DB) {
	t.Helper()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(review.SaveStep(db, mo("2026-02"), "revenue", "Scale plan drives the growth; watch Starter churn.", true))
	must(review.Answer(db, mo("2026-02"), "support_one_person", "yes", "Maya and Priya carry most tickets."))
	must(review.Answer(db, mo("2026-02"), "plans_by_hand", "no", ""))
	must(review.Answer(db, mo("2026-02"), "dashboards_nobody_uses", "unsure", "Check the usage of the ops dashboard."))
	_, err := review.AddDecision(db, mo("2026-02"), review.Decision{Kind: "fix", What: "Write the onboarding checklist so that Growth customers activate without a call", Owner: "Sam", Due: "2026-03-31"})
	must(err)
	_, err = review.AddDecision(db, mo("2026-02"), review.Decision{Kind: "stop", What: "Hand-made discounts on Starter", Owner: "Alex", Due: "2026-03-15"})
	must(err)
	must(review.SaveNotes(db, mo("2026-02"), "Good month. Hire a second support person before summer."))
	_, err = review.Freeze(db, mo("2026-02"))
	must(err)
	importLatePayment(t, db)
}
