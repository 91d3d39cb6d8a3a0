package support_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/support"
	"keel/backend/workspace"
)

func d(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func tp(t time.Time) *time.Time { return &t }

var n int

func ticket(email, created string, tags []string, via string) *backend.Ticket {
	n++
	return &backend.Ticket{Source: "zendesk", ID: fmt.Sprint(n), RequesterEmail: email, Created: d(created), Tags: tags, Channel: via, Status: "open"}
}

func TestLoadView(t *testing.T) {
	db, err := workspace.Create(filepath.Join(t.TempDir(), "t.keel"), "T")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return d("2025-06-15 00:00") }
	recs := []backend.Record{
		&backend.Customer{Source: "stripe", ID: "cus_1", Email: "ann@acme.io", Name: "Acme", Created: tp(d("2025-01-01 09:00"))},
		// A 14-day trial, then Team until April 1st.
		&backend.Subscription{Source: "stripe", ID: "sub_1", CustomerID: "cus_1", Status: "canceled", Plan: "Team", Quantity: 1, Currency: "usd",
			Interval: "month", IntervalCount: 1, Amount: 4900, Start: tp(d("2025-01-01 09:00")), TrialStart: tp(d("2025-01-01 09:00")),
			TrialEnd: tp(d("2025-01-15 09:00")), EndedAt: tp(d("2025-04-01 09:00"))},
		&backend.Customer{Source: "stripe", ID: "cus_2", Email: "bob@gmail.com", Name: "Bob", Created: tp(d("2025-02-01 09:00"))},
		&backend.Event{Source: "posthog", ID: "e1", Name: "query", DistinctID: "bob@gmail.com", Time: d("2025-04-10 10:00")},
		ticket("ann@acme.io", "2025-01-05 10:00", []string{"howto"}, "Mail"),           // trial
		ticket("joe@acme.io", "2025-01-20 10:00", []string{"billing", "howto"}, "Web"), // colleague, new (first 30 days paying)
		ticket("ann@acme.io", "2025-03-10 10:00", []string{"bug"}, "Mail"),             // paying
		ticket("ann@acme.io", "2025-05-02 10:00", []string{"billing"}, ""),             // churned
		ticket("bob@gmail.com", "2025-02-10 10:00", nil, "Chat"),                       // free
		ticket("eve@gmail.com", "2025-02-11 10:00", []string{"howto"}, "Mail"),         // unlinked
	}
	b, err := db.BeginImport(context.Background(), workspace.ImportMeta{File: "t", Source: "test", Kind: "test"})
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
	jan, may := backend.MonthOf(d("2025-01-01 00:00"), time.UTC), backend.MonthOf(d("2025-05-01 00:00"), time.UTC)
	v, err := support.Load(context.Background(), db, jan, may)
	if err != nil {
		t.Fatal(err)
	}
	active, ok, err := accounts.Active(context.Background(), db, jan.Start(time.UTC), may.Start(time.UTC))
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	figs, err := support.Monthly(context.Background(), db, jan, may, active)
	if err != nil {
		t.Fatal(err)
	}
	type month struct {
		Month                   string
		Tickets, Active, Paying int64
		PerActive               string
		Unlinked                int64
	}
	var got []month
	for i, m := range figs {
		per := "null"
		if m.TicketsPerActiveAccount != nil {
			per = fmt.Sprintf("%.2f", *m.TicketsPerActiveAccount)
		}
		got = append(got, month{jan.Add(i).String(), *m.Tickets, *m.ActiveAccounts, active[i].Paying, per, v.Unlinked[i]})
	}
	want := []month{
		{"2025-01", 2, 1, 1, "2.00", 0},
		{"2025-02", 2, 1, 1, "2.00", 1},
		{"2025-03", 1, 1, 1, "1.00", 0},
		{"2025-04", 0, 1, 0, "0.00", 0}, // Bob used the product
		{"2025-05", 1, 0, 0, "null", 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("months =\n%+v\nwant\n%+v", got, want)
	}
	stages := map[string][]int64{}
	for _, b := range v.ByStage {
		stages[b.Key] = b.Tickets
	}
	wantStages := map[string][]int64{
		"trial":    {1, 0, 0, 0, 0},
		"new":      {1, 0, 0, 0, 0},
		"paying":   {0, 0, 1, 0, 0},
		"churned":  {0, 0, 0, 0, 1},
		"free":     {0, 1, 0, 0, 0},
		"unlinked": {0, 1, 0, 0, 0},
	}
	if !reflect.DeepEqual(stages, wantStages) {
		t.Errorf("by stage = %v", stages)
	}
	plans := map[string]int64{}
	for _, b := range v.ByPlan {
		plans[b.Key] = b.Total
	}
	if !reflect.DeepEqual(plans, map[string]int64{"Team": 3, "": 3}) {
		t.Errorf("by plan = %v", plans)
	}
	if !reflect.DeepEqual(v.Tags, []support.Count{{"howto", 3}, {"billing", 2}, {"bug", 1}}) {
		t.Errorf("tags = %v", v.Tags)
	}
	if !reflect.DeepEqual(v.Channels, []support.Count{{"Mail", 3}, {"(none)", 1}, {"Chat", 1}, {"Web", 1}}) {
		t.Errorf("channels = %v", v.Channels)
	}
}

func TestNameMergesWhatSharesALabel(t *testing.T) {
	names := map[string]string{"price_a": "Growth · monthly", "price_b": "Growth · monthly", "price_c": "Scale · yearly"}
	got := support.Name([]support.Breakdown{
		{Key: "price_c", Tickets: []int64{5, 1}, Total: 6},
		{Key: "price_b", Tickets: []int64{1, 2}, Total: 3},
		{Key: "price_a", Tickets: []int64{0, 1}, Total: 1},
		{Key: "", Tickets: []int64{0, 0}, Total: 0}, // no ticket: left out
	}, func(k string) string { return names[k] })
	want := []support.Named{
		{Key: "price_b", Label: "Growth · monthly", Tickets: 3, Prev: 1, Months: []int64{1, 3}, Total: 4},
		{Key: "price_c", Label: "Scale · yearly", Tickets: 1, Prev: 5, Months: []int64{5, 1}, Total: 6},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("named =\n%+v\nwant\n%+v", got, want)
	}
}
