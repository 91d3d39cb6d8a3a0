package manual

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

var ctx = context.Background()

func newDB(t *testing.T, now time.Time) *workspace.DB {
	t.Helper()
	db, err := workspace.Create(filepath.Join(t.TempDir(), "m.keel"), "M")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return now }
	return db
}

func put(t *testing.T, db *workspace.DB, recs ...backend.Record) {
	t.Helper()
	b, err := db.BeginImport(ctx, workspace.ImportMeta{File: "t.csv", Source: "test", Kind: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if _, err := b.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(workspace.Counts{}); err != nil {
		t.Fatal(err)
	}
}

func date(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t.Add(10 * time.Hour)
}

func tp(t time.Time) *time.Time { return &t }

// company: Acme on Scale from January, Bo on Starter, and one event a
// month for Cy (active through usage only).
func company(t *testing.T, db *workspace.DB) {
	put(t, db,
		&backend.Customer{Source: "stripe", ID: "cus_a", Email: "ann@acme.example", Name: "Acme", Created: tp(date("2025-12-01"))},
		&backend.Customer{Source: "stripe", ID: "cus_b", Email: "bo@gmail.com", Name: "Bo", Created: tp(date("2025-12-01"))},
		&backend.Subscription{Source: "stripe", ID: "sub_a", CustomerID: "cus_a", Status: "active", Plan: "price_scale", Product: "Scale",
			Quantity: 1, Currency: "usd", Interval: "month", IntervalCount: 1, Amount: 29900, Start: tp(date("2026-01-01"))},
		&backend.Subscription{Source: "stripe", ID: "sub_b", CustomerID: "cus_b", Status: "active", Plan: "price_starter", Product: "Starter",
			Quantity: 1, Currency: "usd", Interval: "month", IntervalCount: 1, Amount: 2900, Start: tp(date("2026-01-01"))},
	)
}

func TestLogChecksWhatIsTyped(t *testing.T) {
	db := newDB(t, date("2026-03-10"))
	company(t, db)
	cases := []struct {
		in   Input
		want string
	}{
		{Input{Kind: "chat", Minutes: 10}, "one of refund by hand, data fix, onboarding call, billing change, account review, other"},
		{Input{Kind: "data fix", Minutes: 0}, "from 1 to 1440, not 0"},
		{Input{Kind: "data fix", Minutes: 1441}, "not 1441"},
		{Input{Kind: "refund", Minutes: 5, Date: "2026-03-11"}, "in the future"},
		{Input{Kind: "refund", Minutes: 5, Date: "11/03/2026"}, "not a date"},
		{Input{Kind: "refund", Minutes: 5, Account: "nobody@nowhere.example"}, `No account is called "nobody@nowhere.example"`},
	}
	for _, c := range cases {
		if _, err := Log(ctx, db, c.in); backend.ErrorCode(err) != backend.Invalid || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.in, err, c.want)
		}
	}
	e, err := Log(ctx, db, Input{Kind: "Refund by hand", Minutes: 15, Account: "ANN@acme.example", Date: "2026-03-02", Note: " double charge "})
	if err != nil {
		t.Fatal(err)
	}
	if e.Type != "refund" || e.Note != "double charge" || !strings.HasPrefix(e.Account, "acc_") || e.At.Format("2006-01-02 15") != "2026-03-02 12" {
		t.Errorf("logged %+v", e)
	}
	if e, err = Edit(ctx, db, e.Key, Input{Kind: "billing_change", Minutes: 20, Account: "Acme"}); err != nil || e.Minutes != 20 || e.Type != "billing_change" {
		t.Errorf("edited %+v %v", e, err)
	}
}

func TestMonthsAndOverview(t *testing.T) {
	db := newDB(t, date("2026-04-02"))
	months, err := Months(ctx, db, date("2026-01-01"), date("2026-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	if len(months) != 3 || months[0].Interventions != nil || months[0].PerAccount != nil {
		t.Fatalf("no log yet: %+v, want nulls", months)
	}
	company(t, db)
	for _, in := range []Input{
		{Date: "2026-01-15", Account: "Acme", Kind: "onboarding_call", Minutes: 45},
		{Date: "2026-03-03", Account: "Acme", Kind: "account_review", Minutes: 30},
		{Date: "2026-03-20", Account: "bo@gmail.com", Kind: "refund", Minutes: 10},
		{Date: "2026-03-21", Kind: "other", Minutes: 5},
	} {
		if _, err := Log(ctx, db, in); err != nil {
			t.Fatal(err)
		}
	}
	// An imported row names its account by address; it links when read.
	put(t, db, &backend.ManualWork{Source: "keel", ID: "r1", At: date("2026-03-25"), Account: "ann@acme.example", Type: "data_fix", Minutes: 60})
	months, err = Months(ctx, db, date("2026-01-01"), date("2026-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ n, min, active int64 }{{1, 45, 2}, {0, 0, 2}, {4, 105, 2}}
	for i, w := range want {
		m := months[i]
		if m.Interventions == nil || *m.Interventions != w.n || *m.Minutes != w.min || m.Active == nil || *m.Active != w.active ||
			m.PerAccount == nil || *m.PerAccount != float64(w.n)/float64(w.active) {
			t.Errorf("%s: %+v, want %+v", m.Month, m, w)
		}
	}
	o, err := Load(ctx, db, date("2026-03-01"), func(p string) string {
		return map[string]string{"price_scale": "Scale · monthly", "price_starter": "Starter · monthly"}[p]
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Entries) != 4 || o.Entries[0].Kind != "data_fix" || o.Entries[0].AccountName != "Acme" || o.Entries[0].ImportID == nil {
		t.Fatalf("entries %+v", o.Entries)
	}
	if o.TopAccounts[0].Name != "Acme" || o.TopAccounts[0].Minutes != 135 || o.TopAccounts[0].Interventions != 3 {
		t.Errorf("top accounts %+v", o.TopAccounts)
	}
	if o.ByKind[0].Kind != "data_fix" || o.ByKind[0].Minutes != 60 {
		t.Errorf("by kind %+v", o.ByKind)
	}
	seg := map[string]SegmentRow{}
	for _, s := range o.BySegment {
		seg[s.Plan] = s
	}
	if s := seg["Scale · monthly"]; s.Total != 3 || s.Months[9] != 1 || s.Months[11] != 2 {
		t.Errorf("Scale: %+v", s)
	}
	if seg["Starter · monthly"].Total != 1 || seg[""].Total != 1 {
		t.Errorf("segments %+v", o.BySegment)
	}
}

func TestOutgrows(t *testing.T) {
	cases := []struct {
		name           string
		i0, i3, c0, c3 float64
		fires          bool
	}{
		{"interventions double, customers +10 %", 10, 20, 100, 110, true},
		{"customers keep pace", 10, 12, 100, 120, false},
		{"equal growth does not fire", 10, 15, 100, 150, false},
		{"too few to matter", 2, 4, 100, 100, false},
		{"nothing three months before", 0, 9, 100, 100, false},
		{"no customers three months before", 3, 9, 0, 10, false},
	}
	for _, c := range cases {
		if w := Outgrows(c.i0, c.i3, c.c0, c.c3, "2025-11", "2026-02"); (w != nil) != c.fires {
			t.Errorf("%s: %+v, want fires=%v", c.name, w, c.fires)
		}
	}
	w := Outgrows(10, 20, 100, 110, "2025-11", "2026-02")
	if w.Detail != "Manual interventions grew +100.0 % from Nov 2025 to Feb 2026 (10 → 20) while paying customers grew +10.0 % (100 → 110): hidden labour is scaling with each customer." {
		t.Errorf("detail %q", w.Detail)
	}
	n := func(x int64) *int64 { return &x }
	months := []Month{{Month: "2025-11", Interventions: n(10), Paying: n(100)}, {Month: "2025-12"}, {Month: "2026-01"},
		{Month: "2026-02", Interventions: n(20), Paying: n(110)}}
	if Outgrowing(months) == nil || Outgrowing(months[1:]) != nil {
		t.Error("Outgrowing does not read the first and last of four months")
	}
}
