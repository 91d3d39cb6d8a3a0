package workspace

import (
	"context"
	"fmt"
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
	if err := db.EnsureUsage(context.Background()); err != nil {
		t.Fatal(err)
	}
	names, err := db.UsageNames(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	err = db.UsageMonth(context.Background(), 2026*12+1, func(user []byte, events int64, each func(func(int32, int64))) {
		s := fmt.Sprintf("%d:", events)
		each(func(n int32, c int64) { s += fmt.Sprintf(" %s=%d", names[n], c) })
		got[string(user)] = s
	})
	if err != nil || len(got) != 2 || got["u1"] != "2: email_sent=1 $pageview=1" || got["a@b.example"] != "1: ai_call=1" {
		t.Fatalf("February's usage: %q %v", got, err)
	}
	// Built once: a second Ensure finds it fresh; an import makes it stale.
	var at1, at2 int64
	db.sql.QueryRow("SELECT at FROM derived_state WHERE stage = 'usage'").Scan(&at1)
	db.Now = func() time.Time { return time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) }
	db.EnsureUsage(context.Background())
	db.sql.QueryRow("SELECT at FROM derived_state WHERE stage = 'usage'").Scan(&at2)
	if at1 != at2 {
		t.Error("the usage summary was rebuilt although nothing changed")
	}
	b2, _ := db.BeginImport(context.Background(), ImportMeta{File: "more.csv", Source: "posthog", Kind: "events"})
	b2.Put(&backend.Event{Source: "posthog", ID: "z", Name: "ai_call", DistinctID: "u1", Time: feb.Add(time.Hour)})
	b2.Commit(Counts{})
	db.EnsureUsage(context.Background())
	got = map[string]string{}
	db.UsageMonth(context.Background(), 2026*12+1, func(user []byte, events int64, each func(func(int32, int64))) {
		got[string(user)] = fmt.Sprint(events)
	})
	if got["u1"] != "3" {
		t.Errorf("after another import u1 has %q events in February, want 3", got["u1"])
	}
	var tickets []string
	db.TicketRequesters(context.Background(), feb, mar, func(email string, at int64) { tickets = append(tickets, email) })
	if len(tickets) != 1 || tickets[0] != "a@b.example" {
		t.Fatalf("tickets %q", tickets)
	}
}
