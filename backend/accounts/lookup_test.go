package accounts_test

import (
	"testing"

	"keel/backend/accounts"
)

// Lookup agrees with the accounts: every event it links lands in the
// account that counts it, and names, addresses and domains find accounts.
func TestLookup(t *testing.T) {
	db := newDB(t)
	put(t, db,
		customer("cus_1", "ann@acme.example", "Acme", day(0)),
		customer("cus_2", "bo@gmail.com", "Bo Lund", day(1)),
		customer("cus_3", "cy@twin.example", "Twin", day(2)),
		customer("cus_4", "di@twin.example.org", "Twin", day(3)), // two accounts called Twin: the name finds neither
		event("u-ann", "ann@acme.example", "signed_up", day(5)),
		event("u-ann", "", "query_run", day(6)),
		event("u-eve", "eve@acme.example", "query_run", day(7)), // a colleague, linked by domain
		event("", "bo@gmail.com", "query_run", day(8)),          // no distinct id: the address is the user
		event("anon-1", "", "$pageview", day(9)),
		ticket("eve@acme.example", day(10)),
	)
	l, err := accounts.LoadLookup(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	acme, ok := l.Find("acme.example")
	if !ok || l.Name(acme) != "Acme" {
		t.Fatalf("by domain: %q %v", acme, ok)
	}
	for _, ref := range []string{acme, " ANN@acme.example ", "eve@acme.example", "acme"} {
		if got, ok := l.Find(ref); !ok || got != acme {
			t.Errorf("Find(%q) = %q %v, want %s", ref, got, ok, acme)
		}
	}
	bo, _ := l.Find("bo@gmail.com")
	for _, ref := range []string{"Twin", "gmail.com", "nobody@acme.example", "acc_000000000000"} {
		if got, ok := l.Find(ref); ok {
			t.Errorf("Find(%q) = %q, want nothing", ref, got)
		}
	}
	counted := map[string]int64{}
	for _, e := range []struct{ did, email string }{{"u-ann", "ann@acme.example"}, {"u-ann", ""}, {"u-eve", "eve@acme.example"}, {"", "bo@gmail.com"}, {"anon-1", ""}} {
		if a := l.Event([]byte(e.did), []byte(e.email)); a != "" {
			counted[a]++
		}
	}
	page, err := accounts.List(ctx, db, accounts.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range page.Accounts {
		if counted[a.ID] != a.Events {
			t.Errorf("%s: Lookup links %d events, the account counts %d", a.Name, counted[a.ID], a.Events)
		}
	}
	if counted[acme] != 3 || counted[bo] != 1 {
		t.Errorf("linked events %v", counted)
	}
	if got := l.Search("tw", 5); len(got) != 2 || got[0].Name != "Twin" || got[1].Name != "Twin" {
		t.Errorf("Search(tw) = %+v", got)
	}
	if got := l.Search("gmail", 5); len(got) != 1 || got[0].ID != bo {
		t.Errorf("Search(gmail) = %+v, want Bo by his address", got)
	}
	if l.Ticket("Eve@Acme.example") != acme {
		t.Errorf("ticket of eve: %q", l.Ticket("eve@acme.example"))
	}
}
