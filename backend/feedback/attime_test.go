package feedback_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/feedback"
	"keel/backend/workspace"
)

// An item's plan, MRR and stage are its account's at the item's time;
// a cluster's mrr_at_ask is each account's MRR at the end of the day of its
// first item there, mrr_now at the end of the last complete month
// (METRICS.md, Feedback). Ann's subscription starts at 15:00 on 10 March:
// her item of 10:00 that day was written by a prospect, the one of 16:00 by
// a new customer; the cluster counts her once, at 99.00 when she asked.
func TestTagsAtTheItemsInstant(t *testing.T) {
	db, err := workspace.Create(filepath.Join(t.TempDir(), "t.keel"), "T")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return time.Date(2025, 6, 10, 12, 0, 0, 0, time.UTC) }
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	start := at("2025-03-10T15:00:00Z")
	b, err := db.BeginImport(ctx, workspace.ImportMeta{File: "t.csv", Source: "stripe", Kind: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []backend.Record{
		&backend.Customer{Source: "stripe", ID: "cus_a", Email: "ann@acme.io", Name: "Acme", Created: &start},
		&backend.Subscription{Source: "stripe", ID: "sub_a", CustomerID: "cus_a", Status: "active", Plan: "price_growth", Product: "Growth",
			Quantity: 1, Currency: "usd", Interval: "month", IntervalCount: 1, Amount: 9900, Start: &start},
		&backend.Feedback{Source: "csv", ID: "1", Created: at("2025-03-10T10:00:00Z"), Email: "ann@acme.io", Title: "SSO", Text: "SSO please"},
		&backend.Feedback{Source: "csv", ID: "2", Created: at("2025-03-10T16:00:00Z"), Email: "ann@acme.io", Title: "SSO", Text: "SSO again"},
	} {
		if _, err := b.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(workspace.Counts{}); err != nil {
		t.Fatal(err)
	}
	s := feedback.New(db)
	rows := all(t, s)
	if r := rows["1"]; r.Stage != feedback.StageProspect || r.Plan != "" || i64(r.MRR) != 0 {
		t.Errorf("item of 10:00: stage %q plan %q MRR %d; want prospect, no plan, 0", r.Stage, r.Plan, i64(r.MRR))
	}
	if r := rows["2"]; r.Stage != feedback.StageNew || r.Plan == "" || i64(r.MRR) != 9900 {
		t.Errorf("item of 16:00: stage %q plan %q MRR %d; want new, a plan, 9900", r.Stage, r.Plan, i64(r.MRR))
	}
	ch, err := s.Create(ctx, "SSO", []string{"feedback:csv:1", "feedback:csv:2"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.Cluster(ctx, ch.Cluster)
	if err != nil {
		t.Fatal(err)
	}
	if v.Accounts != 1 || i64(v.MRRAtAsk) != 9900 || i64(v.MRRNow) != 9900 {
		t.Errorf("cluster: %d accounts, mrr_at_ask %d, mrr_now %d; want 1, 9900, 9900", v.Accounts, i64(v.MRRAtAsk), i64(v.MRRNow))
	}
	if len(v.Askers) != 1 || v.Askers[0].StageAtAsk != feedback.StageProspect {
		t.Errorf("askers %+v: want Ann once, a prospect when she first asked", v.Askers)
	}
}

// A cluster's askers (METRICS.md, Feedback): each account once; mrr_at_ask
// at the end of the day of its first item; mrr_now at the end of the last
// complete month (June, on 15 July; Bo's raise of 3 July is not in it);
// their outcome 30 and 90 days after the first ask. Ann (99.00) asks on 10
// March and churns on 20 May: unchanged at 30 days, churned at 90. Bo
// (50.00) asks on 12 March and adds 20.00 on 20 March: expanded at both.
func TestAskersMRRAndOutcome(t *testing.T) {
	db, err := workspace.Create(filepath.Join(t.TempDir(), "t.keel"), "T")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return time.Date(2025, 7, 15, 12, 0, 0, 0, time.UTC) }
	at := func(s string) *time.Time { v, _ := time.Parse("2006-01-02", s); v = v.Add(12 * time.Hour); return &v }
	sub := func(id, cus string, amount int64, start, end string) *backend.Subscription {
		s := &backend.Subscription{Source: "stripe", ID: id, CustomerID: cus, Status: "active", Plan: "price_" + id, Quantity: 1,
			Currency: "usd", Interval: "month", IntervalCount: 1, Amount: amount, Start: at(start)}
		if end != "" {
			s.Status, s.CanceledAt, s.EndedAt = "canceled", at(end), at(end)
		}
		return s
	}
	b, err := db.BeginImport(ctx, workspace.ImportMeta{File: "t.csv", Source: "stripe", Kind: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []backend.Record{
		&backend.Customer{Source: "stripe", ID: "cus_a", Email: "ann@acme.io", Name: "Acme", Created: at("2025-01-02")},
		&backend.Customer{Source: "stripe", ID: "cus_b", Email: "bo@beta.io", Name: "Beta", Created: at("2025-01-02")},
		sub("a1", "cus_a", 9900, "2025-01-02", "2025-05-20"),
		sub("b1", "cus_b", 5000, "2025-01-02", ""),
		sub("b2", "cus_b", 2000, "2025-03-20", ""),
		sub("b3", "cus_b", 1000, "2025-07-03", ""),
		&backend.Feedback{Source: "csv", ID: "1", Created: *at("2025-03-10"), Email: "ann@acme.io", Title: "SSO", Text: "SSO please"},
		&backend.Feedback{Source: "csv", ID: "2", Created: *at("2025-03-12"), Email: "bo@beta.io", Title: "SSO", Text: "SSO for us"},
		&backend.Feedback{Source: "csv", ID: "3", Created: *at("2025-04-12"), Email: "ann@acme.io", Title: "SSO", Text: "SSO still"},
	} {
		if _, err := b.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(workspace.Counts{}); err != nil {
		t.Fatal(err)
	}
	s := feedback.New(db)
	ch, err := s.Create(ctx, "SSO", []string{"feedback:csv:1", "feedback:csv:2", "feedback:csv:3"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.Cluster(ctx, ch.Cluster)
	if err != nil {
		t.Fatal(err)
	}
	if v.Accounts != 2 || i64(v.MRRAtAsk) != 9900+5000 || i64(v.MRRNow) != 0+7000 {
		t.Errorf("cluster: %d accounts, mrr_at_ask %d, mrr_now %d; want 2, 14900, 7000", v.Accounts, i64(v.MRRAtAsk), i64(v.MRRNow))
	}
	got := map[int]string{}
	for _, o := range v.Outcomes {
		got[o.Days] = fmt.Sprintf("churned %d (%d) contracted %d (%d) expanded %d (%d) unchanged %d pending %d",
			o.Churned, o.ChurnedMRR, o.Contracted, o.ContractedMRR, o.Expanded, o.ExpandedMRR, o.Unchanged, o.Pending)
	}
	if exp := "churned 0 (0) contracted 0 (0) expanded 1 (2000) unchanged 1 pending 0"; got[30] != exp {
		t.Errorf("30 days: %s, want %s", got[30], exp)
	}
	if exp := "churned 1 (9900) contracted 0 (0) expanded 1 (2000) unchanged 0 pending 0"; got[90] != exp {
		t.Errorf("90 days: %s, want %s", got[90], exp)
	}
}
