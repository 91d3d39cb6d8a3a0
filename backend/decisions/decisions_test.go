package decisions

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// fakeFigures is a field catalogue with fixed values.
type fakeFigures struct {
	vals  map[string]map[string]*float64
	calls int
}

func (f *fakeFigures) Fields() []Field {
	return []Field{
		{Key: "revenue.mrr", Label: "MRR", Unit: "money", Better: "up", Missing: "Import a Stripe export."},
		{Key: "revenue.logo_churn_rate", Label: "Logo churn", Unit: "ratio", Better: "down"},
		{Key: "support.tickets", Label: "Tickets", Unit: "count", Better: "down", Missing: "Import a helpdesk export."},
		{Key: "revenue.customers", Label: "Paying customers", Unit: "count", Better: "up"},
	}
}

func (f *fakeFigures) Values(keys, months []string) (map[string]map[string]*float64, error) {
	f.calls++
	out := map[string]map[string]*float64{}
	for _, k := range keys {
		out[k] = map[string]*float64{}
		for _, m := range months {
			out[k][m] = f.vals[k][m]
		}
	}
	return out, nil
}

func (f *fakeFigures) Currency() string { return "usd" }

func v(x float64) *float64 { return &x }

type fakeReleases []Release

func (r *fakeReleases) Releases() ([]Release, error) { return *r, nil }

func newLog(t *testing.T, today time.Time) (*Log, *workspace.DB, *fakeFigures, *fakeReleases) {
	t.Helper()
	db, err := workspace.Create(filepath.Join(t.TempDir(), "d.keel"), "D")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return today }
	fig := &fakeFigures{vals: map[string]map[string]*float64{
		"revenue.mrr":             {"2026-01": v(410000), "2026-04": v(459000)},
		"revenue.logo_churn_rate": {"2026-01": v(0.031), "2026-04": v(0.034)},
		"support.tickets":         {"2026-04": v(120)},
		"revenue.customers":       {"2026-01": v(100), "2026-04": v(100)},
	}}
	rels := &fakeReleases{{ID: "rel_annual", Title: "Annual plans"}}
	return New(db, fig, rels), db, fig, rels
}

func TestRecordRefusesWhatCannotBeJudged(t *testing.T) {
	l, _, _, _ := newLog(t, time.Date(2026, 2, 10, 12, 0, 0, 0, time.UTC))
	ok := backend.Decision{Kind: "change", What: "Annual plans", Owner: "Maya", Made: "2026-02-10", ReviewOn: "2026-05-10", Figure: "revenue.mrr", Expect: "up"}
	cases := []struct {
		name string
		edit func(*backend.Decision)
		want string
	}{
		{"kind", func(d *backend.Decision) { d.Kind = "pivot" }, "keep, change, fix or stop"},
		{"what", func(d *backend.Decision) { d.What = "  " }, "decision is empty"},
		{"owner", func(d *backend.Decision) { d.Owner = "" }, "needs an owner"},
		{"made in the future", func(d *backend.Decision) { d.Made = "2026-02-11" }, "on or before today"},
		{"made not a date", func(d *backend.Decision) { d.Made = "10/02/2026" }, "not a date"},
		{"review in the same month", func(d *backend.Decision) { d.ReviewOn = "2026-02-27" }, "Pick a review date after Feb 2026"},
		{"unknown figure", func(d *backend.Decision) { d.Figure = "revenue.happiness" }, "no figure called"},
		{"no direction", func(d *backend.Decision) { d.Expect = "" }, "how MRR should move"},
		{"threshold missing", func(d *backend.Decision) { d.Expect = "at_least" }, "which value of MRR"},
	}
	for _, c := range cases {
		d := ok
		c.edit(&d)
		_, err := l.Record(d)
		if backend.ErrorCode(err) != backend.Invalid || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an invalid error saying %q", c.name, err, c.want)
		}
	}
	if _, err := l.Record(ok); err != nil {
		t.Fatalf("a good decision: %v", err)
	}
	ok.ReleaseID = "rel_nope"
	if _, err := l.Record(ok); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("a missing release: %v", err)
	}
}

func TestLifeOfADecision(t *testing.T) {
	now := time.Date(2026, 2, 10, 12, 0, 0, 0, time.UTC)
	l, db, fig, rels := newLog(t, now)
	e, err := l.Record(backend.Decision{Kind: "change", What: " Annual plans at 10 months' price ", Why: "Cash up front", Owner: "Maya",
		Figure: "revenue.mrr", Expect: "up", ReviewOn: "2026-05-10"})
	if err != nil {
		t.Fatal(err)
	}
	if e.Made != "2026-02-10" || e.Status != "made" || e.What != "Annual plans at 10 months' price" || e.FigureLabel != "MRR" || e.Due {
		t.Fatalf("recorded %+v", e)
	}
	// Linked to a release that has not shipped: still made.
	if e, err = l.Link(e.ID, "rel_annual"); err != nil || e.Status != "made" || e.Release == nil || e.Release.Title != "Annual plans" {
		t.Fatalf("linked: %+v %v", e, err)
	}
	(*rels)[0].ShippedOn = "2026-02-20"
	if e, _ = l.Get(e.ID); e.Status != "shipped" || e.ShippedOn != "2026-02-20" || e.ShippedBy != "release" {
		t.Fatalf("after the release shipped: %+v", e)
	}
	if _, err := l.Confirm(e.ID, "validated", ""); backend.ErrorCode(err) != backend.Conflict || !strings.Contains(err.Error(), "10 May 2026") {
		t.Fatalf("confirming before the review date: %v", err)
	}
	// The review date comes: Keel proposes from the numbers.
	db.Now = func() time.Time { return time.Date(2026, 5, 11, 9, 0, 0, 0, time.UTC) }
	list, err := l.List()
	if err != nil || len(list) != 1 {
		t.Fatal(list, err)
	}
	p := list[0].Proposal
	if !list[0].Due || !list[0].Overdue || p == nil || p.Proposed != "validated" || p.BeforeMonth != "2026-01" || p.AfterMonth != "2026-04" ||
		p.Reading != "MRR went from $4,100.00 (Jan 2026) to $4,590.00 (Apr 2026): up, as expected." {
		t.Fatalf("due: %+v proposal %+v", list[0], p)
	}
	if e, err = l.Confirm(e.ID, "validated", "Annual share doubled"); err != nil || e.Status != "validated" || e.ClosedOn != "2026-05-11" || e.Evidence == nil || *e.Evidence.After != 459000 {
		t.Fatalf("confirmed: %+v %v", e, err)
	}
	// The evidence is kept as confirmed, whatever the data says later.
	fig.vals["revenue.mrr"]["2026-04"] = v(1)
	if e, _ = l.Get(e.ID); *e.Evidence.After != 459000 || e.Due || e.Note != "Annual share doubled" {
		t.Fatalf("after the data moved: %+v", e)
	}
	if _, err := l.Abandon(e.ID, ""); backend.ErrorCode(err) != backend.Conflict {
		t.Errorf("abandoning a validated decision: %v", err)
	}
	if e, err = l.Reopen(e.ID); err != nil || e.Status != "shipped" || e.Evidence != nil || e.ClosedOn != "" {
		t.Fatalf("reopened: %+v %v", e, err)
	}
}

func TestProposals(t *testing.T) {
	l, _, _, _ := newLog(t, time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC))
	th := func(x float64) *float64 { return &x }
	cases := []struct {
		figure, expect string
		threshold      *float64
		proposed       string
		reading        string
	}{
		{"revenue.logo_churn_rate", "down", nil, "invalidated", "Logo churn went from 3.1 % (Jan 2026) to 3.4 % (Apr 2026): the decision expected down."},
		{"revenue.logo_churn_rate", "at_most", th(0.035), "validated", "at most 3.5 %, as expected."},
		{"revenue.mrr", "at_least", th(460000), "invalidated", "the decision expected at least $4,600.00."},
		{"support.tickets", "at_most", th(150), "validated", "Tickets went to 120 (Apr 2026): at most 150, as expected."},
		{"support.tickets", "at_most", th(120), "validated", "at most 120, as expected."},                                   // the threshold itself holds
		{"revenue.customers", "up", nil, "invalidated", "from 100 (Jan 2026) to 100 (Apr 2026): the decision expected up."}, // flat is not up
		{"support.tickets", "down", nil, "", "Keel has no Tickets for Jan 2026, so it cannot propose an outcome. Import a helpdesk export."},
	}
	for _, c := range cases {
		e, err := l.Record(backend.Decision{Kind: "fix", What: c.figure + " " + c.expect, Owner: "Sam", Made: "2026-02-03",
			ReviewOn: "2026-05-03", Figure: c.figure, Expect: c.expect, Threshold: c.threshold})
		if err != nil {
			t.Fatal(err)
		}
		p := e.Proposal
		if p == nil || p.Proposed != c.proposed || !strings.HasSuffix(p.Reading, c.reading) {
			t.Errorf("%s %s: %+v, want %q ending %q", c.figure, c.expect, p, c.proposed, c.reading)
		}
	}
}

func TestThroughput(t *testing.T) {
	l, db, _, _ := newLog(t, time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC))
	d := func(made, review, shipped, closed, status string) backend.Decision {
		return backend.Decision{Kind: "keep", What: made + review, Owner: "o", Made: made, ReviewOn: review, ShippedOn: shipped, ClosedOn: closed, Status: status}
	}
	err := db.SaveDecisions([]backend.Decision{
		d("2026-01-05", "2026-03-01", "2026-02-01", "2026-03-11", "validated"), // 65 days
		d("2026-01-20", "2026-03-01", "", "2026-03-06", "validated"),           // 45 days
		d("2026-02-01", "2026-03-01", "", "2026-03-21", "validated"),           // 48 days
		d("2026-02-10", "2026-03-15", "2026-02-20", "2026-03-20", "invalidated"),
		d("2026-02-10", "2026-03-31", "", "", "made"),                // overdue from the end of March
		d("2026-03-02", "2026-04-10", "", "2026-05-01", "validated"), // overdue at the end of April
		d("2026-03-03", "2026-04-01", "", "2026-03-25", "abandoned"),
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := l.Throughput([]string{"2026-01", "2026-02", "2026-03", "2026-04", "2026-05"})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		made, shipped, validated, invalidated, overdue int64
		p50                                            *int64
	}{
		{2, 0, 0, 0, 0, nil},
		{3, 2, 0, 0, 0, nil},
		{2, 0, 3, 1, 1, i64(48)}, // 45, 48, 65: rank ⌈1.5⌉ = 2
		{0, 0, 0, 0, 2, nil},
		{0, 0, 1, 0, 1, i64(60)},
	}
	for i, w := range want {
		g := got[i]
		if g.Made != w.made || g.Shipped != w.shipped || g.Validated != w.validated || g.Invalidated != w.invalidated || g.Overdue != w.overdue ||
			(g.DaysP50 == nil) != (w.p50 == nil) || g.DaysP50 != nil && *g.DaysP50 != *w.p50 {
			t.Errorf("%s: %+v (p50 %v), want %+v (p50 %v)", g.Month, g, deref(g.DaysP50), w, deref(w.p50))
		}
	}
}

func i64(n int64) *int64 { return &n }

func deref(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestDebtListsOverdueDecisions(t *testing.T) {
	l, db, _, _ := newLog(t, time.Date(2026, 2, 10, 12, 0, 0, 0, time.UTC))
	for _, review := range []string{"2026-03-01", "2026-03-14", "2026-03-15"} {
		if _, err := l.Record(backend.Decision{Kind: "fix", What: "due " + review, Owner: "Sam", ReviewOn: review}); err != nil {
			t.Fatal(err)
		}
	}
	db.Now = func() time.Time { return time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC) }
	es, err := l.Debt(db.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Title != "Review the decision “due 2026-03-01”" || es[0].Area != "decisions" || es[0].Since != "2026-03-01" ||
		es[0].Detail != "Its review date was 1 Mar 2026 (13 days ago); Sam owns it." {
		t.Fatalf("debt %+v", es)
	}
}
