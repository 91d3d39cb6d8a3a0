package workspace

import (
	"context"
	"testing"
	"time"

	"keel/backend"
)

func TestPlansGrantsTermsAndDrivers(t *testing.T) {
	db := MustCreate(t)
	sso, err := db.SaveFeature(backend.Feature{Name: "SSO"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveFeature(backend.Feature{Name: "sso"}); backend.ErrorCode(err) != backend.Conflict {
		t.Fatalf("a second feature with the same name: %v", err)
	}
	seats := int64(10)
	for _, e := range []backend.Entitlement{
		{Plan: "Growth · monthly", Feature: sso.ID, Access: "role", Role: "admin"},
		{Plan: "Growth · monthly", Feature: sso.ID, Access: "usage_limited", Limit: &seats, LimitUnit: "seats"}, // replaces
		{Plan: "Scale · yearly", Feature: sso.ID, Access: "plan"},
	} {
		if err := db.SetEntitlement(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SetEntitlement(backend.Entitlement{Plan: "x", Feature: 99, Access: "plan"}); backend.ErrorCode(err) != backend.NotFound {
		t.Fatalf("entitlement of a missing feature: %v", err)
	}
	es, err := db.Entitlements()
	if err != nil || len(es) != 2 || es[0].Access != "usage_limited" || es[0].Limit == nil || *es[0].Limit != 10 || es[0].Role != "" {
		t.Fatalf("entitlements %+v %v", es, err)
	}
	if err := db.DeleteFeature(sso.ID); err != nil {
		t.Fatal(err)
	}
	if es, _ = db.Entitlements(); len(es) != 0 {
		t.Fatalf("a deleted feature is still granted: %+v", es)
	}
	if err := db.SetAccountTerms(backend.AccountTerms{Account: "acc_1", Terms: "grandfathered", Plan: "Starter · monthly", Note: "$19 since 2024"}); err != nil {
		t.Fatal(err)
	}
	if ts, _ := db.AccountTerms(); len(ts) != 1 || ts[0].Note != "$19 since 2024" {
		t.Fatalf("terms %+v", ts)
	}
	d, err := db.SaveCostDriver(backend.CostDriver{Name: "E-mails sent", Unit: "e-mail", Source: "events", Events: []string{"email_sent", "digest sent"}, UnitCost: "0.12"})
	if err != nil {
		t.Fatal(err)
	}
	d.UnitCost = "0.1"
	if _, err := db.SaveCostDriver(d); err != nil {
		t.Fatal(err)
	}
	ds, err := db.CostDrivers()
	if err != nil || len(ds) != 1 || ds[0].UnitCost != "0.1" || len(ds[0].Events) != 2 || ds[0].Events[1] != "digest sent" {
		t.Fatalf("drivers %+v %v", ds, err)
	}
}

func TestEventsNamedAndTickets(t *testing.T) {
	db := MustCreate(t)
	b, err := db.BeginImport(context.Background(), ImportMeta{File: "e.csv", Source: "posthog", Kind: "events"})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 1, 31, 23, 0, 0, 0, time.UTC)
	for i, e := range []backend.Event{
		{Name: "email_sent", DistinctID: "u1", Time: t0},                     // January
		{Name: "email_sent", DistinctID: "u1", Time: t0.Add(2 * time.Hour)},  // February
		{Name: "$pageview", DistinctID: "u1", Time: t0.Add(3 * time.Hour)},   // not asked for
		{Name: "ai_call", Email: "a@b.example", Time: t0.Add(4 * time.Hour)}, // February, no distinct id
		{Name: "ai_call", DistinctID: "u2", Time: t0.AddDate(0, 1, 1)},       // March
	} {
		e.Source, e.ID = "posthog", string(rune('a'+i))
		if _, err := b.Put(&e); err != nil {
			t.Fatal(err)
		}
	}
	b.Put(&backend.Ticket{Source: "zendesk", ID: "1", RequesterEmail: "a@b.example", Created: t0.Add(time.Hour)})
	if err := b.Commit(Counts{}); err != nil {
		t.Fatal(err)
	}
	feb, mar := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	var got []string
	err = db.EventsNamed(context.Background(), feb, mar, []string{"email_sent", "ai_call"}, func(d, e, n []byte, at int64) error {
		got = append(got, string(d)+"|"+string(e)+"|"+string(n))
		return nil
	})
	if err != nil || len(got) != 2 || got[0] != "u1||email_sent" || got[1] != "|a@b.example|ai_call" {
		t.Fatalf("February's mapped events: %q %v", got, err)
	}
	var tickets []string
	db.TicketRequesters(context.Background(), feb, mar, func(email string, at int64) { tickets = append(tickets, email) })
	if len(tickets) != 1 || tickets[0] != "a@b.example" {
		t.Fatalf("tickets %q", tickets)
	}
}
