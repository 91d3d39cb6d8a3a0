package feedback_test

import (
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
