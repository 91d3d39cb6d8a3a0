package accounts_test

import (
	"fmt"
	"reflect"
	"testing"

	"keel/backend"
	"keel/backend/accounts"
)

func TestPublicDomain(t *testing.T) {
	for d, want := range map[string]bool{
		"gmail.com": true, "googlemail.com": true, "outlook.com": true, "hotmail.com": true, "hotmail.co.uk": true,
		"hotmail.fr": true, "live.com": true, "yahoo.com": true, "yahoo.co.jp": true, "icloud.com": true, "me.com": true,
		"aol.com": true, "proton.me": true, "protonmail.com": true, "gmx.de": true, "gmx.net": true, "yandex.ru": true,
		"mail.ru": true, "qq.com": true, "163.com": true, "zoho.com": true, "fastmail.com": true, "hey.com": true,
		" GMAIL.com ": true,
		"acme.com":    false, "mail.acme.com": false, "gmail-analytics.io": false, "heyday.com": false, "livestream.com": false,
	} {
		if got := accounts.DefaultPublicDomains().Has(d); got != want {
			t.Errorf("PublicDomain(%q) = %v, want %v", d, got, want)
		}
	}
}

// One customer seen in billing, support and analytics is one account.
func TestLinksByEmail(t *testing.T) {
	db := newDB(t)
	put(t, db,
		customer("cus_1", "Alice@Acme.com", "Acme Inc", day(0)),
		ticket("alice@acme.com", day(3)),
		ticket("ALICE@acme.com", day(4)),
		event("alice@acme.com", "alice@acme.com", "report_created", day(5)),
		// An anonymous id that identified at signup: its earlier events link too.
		event("anon-1", "", "$pageview", day(-1)),
		event("anon-1", "alice@acme.com", "signed_up", day(0)),
	)
	as := byName(t, db)
	if len(as) != 1 {
		t.Fatalf("accounts: %s", names(as))
	}
	a := mustAccount(t, as, "Acme Inc")
	if a.Tickets != 2 || a.Events != 3 || a.Users != 2 || a.Domain != "acme.com" || a.Email != "alice@acme.com" {
		t.Errorf("account = %+v", a)
	}
	if !reflect.DeepEqual(a.Sources, []string{"posthog", "stripe", "zendesk"}) {
		t.Errorf("sources = %v", a.Sources)
	}
	if a.FirstSeen == nil || !a.FirstSeen.Equal(day(-1)) || a.LastActivity == nil || !a.LastActivity.Equal(day(5)) {
		t.Errorf("first seen %v, last activity %v", a.FirstSeen, a.LastActivity)
	}
	if u := unlinked(t, db); u != (accounts.UnlinkedSummary{}) {
		t.Errorf("unlinked = %+v", u)
	}
}

// Colleagues at an organisation's domain join its account; people at a
// public mail domain never do.
func TestLinksByDomainNeverPublic(t *testing.T) {
	db := newDB(t)
	put(t, db,
		customer("cus_1", "billing@acme.com", "Acme Inc", day(0)),
		customer("cus_2", "carol@gmail.com", "Carol Solo", day(1)),
		customer("cus_3", "dan@gmail.com", "Dan Solo", day(2)),
		ticket("bob@acme.com", day(3)),                 // colleague: Acme
		ticket("eve@gmail.com", day(3)),                // stranger on gmail: unlinked
		ticket("frank@prospect.io", day(4)),            // a prospect nobody knows: unlinked
		ticket("", day(4)),                             // no address: unlinked
		event("zed@acme.com", "", "query_run", day(5)), // a colleague in the product: Acme
		event("0192-anon", "", "$pageview", day(5)),    // anonymous visitor: unlinked
	)
	as := byName(t, db)
	if names(as) != "Acme Inc, Carol Solo, Dan Solo" {
		t.Fatalf("accounts: %s", names(as))
	}
	acme := mustAccount(t, as, "Acme Inc")
	if acme.Tickets != 1 || acme.Events != 1 || acme.Emails != 3 || acme.Domain != "acme.com" {
		t.Errorf("acme = %+v", acme)
	}
	for _, n := range []string{"Carol Solo", "Dan Solo"} {
		if a := as[n]; a.Tickets != 0 || a.Domain != "" || a.Emails != 1 {
			t.Errorf("%s = %+v", n, a)
		}
	}
	want := accounts.UnlinkedSummary{Tickets: 3, TicketsWithoutEmail: 1, Requesters: 2, Events: 1, Users: 1, AnonymousUsers: 1}
	if u := unlinked(t, db); u != want {
		t.Errorf("unlinked = %+v, want %+v", u, want)
	}
	reqs, err := accounts.UnlinkedRequesters(ctx, db, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range reqs {
		got = append(got, r.Email)
	}
	if !reflect.DeepEqual(got, []string{"", "eve@gmail.com", "frank@prospect.io"}) {
		t.Errorf("unlinked requesters = %q", got)
	}
	users, err := accounts.UnlinkedUsers(ctx, db, 10, 0)
	if err != nil || len(users) != 1 || users[0].DistinctID != "0192-anon" || users[0].Events != 1 {
		t.Errorf("unlinked users = %+v, %v", users, err)
	}
}

// Product users with an address are accounts even without billing, grouped
// by organisation; events of an unknown user are kept and link when an
// address for them appears.
func TestUnknownUsersLinkLater(t *testing.T) {
	db := newDB(t)
	put(t, db,
		event("u-1", "", "$pageview", day(0)),
		event("u-1", "", "project_created", day(1)),
		ticket("gina@beta.io", day(1)),
	)
	if as := byName(t, db); len(as) != 0 {
		t.Fatalf("accounts before any address: %s", names(as))
	}
	if u := unlinked(t, db); u.Events != 2 || u.Users != 1 || u.Tickets != 1 {
		t.Fatalf("unlinked = %+v", u)
	}
	// The signup event that carries the address arrives in a later export.
	put(t, db, event("u-1", "gina@beta.io", "signed_up", day(2)))
	as := byName(t, db)
	a := mustAccount(t, as, "beta.io")
	if a.Events != 3 || a.Tickets != 1 || a.Users != 1 || !a.FirstSeen.Equal(day(0)) {
		t.Errorf("account = %+v", a)
	}
	if u := unlinked(t, db); u != (accounts.UnlinkedSummary{}) {
		t.Errorf("unlinked = %+v", u)
	}
	// Then Stripe: the customer joins the same account, which keeps its id.
	put(t, db, customer("cus_9", "gina@beta.io", "Beta Labs", day(3)))
	after := mustAccount(t, byName(t, db), "Beta Labs")
	if after.ID != a.ID {
		t.Errorf("id changed from %s to %s when billing arrived", a.ID, after.ID)
	}
}

// Ids survive recomputation, unrelated imports and undo.
func TestIDsAreStable(t *testing.T) {
	db := newDB(t)
	put(t, db, customer("cus_1", "a@acme.com", "Acme", day(0)), customer("cus_2", "b@gmail.com", "Bee", day(0)))
	first := byName(t, db)
	if err := accounts.Refresh(ctx, db); err != nil {
		t.Fatal(err)
	}
	imp := put(t, db, customer("cus_3", "c@corp.io", "Corp", day(1)), ticket("x@acme.com", day(2)))
	second := byName(t, db)
	if err := db.Undo(imp); err != nil {
		t.Fatal(err)
	}
	third := byName(t, db)
	for _, n := range []string{"Acme", "Bee"} {
		if first[n].ID != second[n].ID || first[n].ID != third[n].ID {
			t.Errorf("%s: ids %s, %s, %s", n, first[n].ID, second[n].ID, third[n].ID)
		}
	}
	if _, ok := third["Corp"]; ok || second["Acme"].Tickets != 1 || third["Acme"].Tickets != 0 {
		t.Errorf("undo not reflected: %+v / %+v", second, third)
	}
	// A fresh workspace built from the same data gives the same ids.
	other := newDB(t)
	put(t, other, customer("cus_2", "b@gmail.com", "Bee", day(0)), customer("cus_1", "a@acme.com", "Acme", day(0)))
	if again := byName(t, other); again["Acme"].ID != first["Acme"].ID || again["Bee"].ID != first["Bee"].ID {
		t.Errorf("ids differ between workspaces: %+v vs %+v", again, first)
	}
}

// The founder's merges, splits and attachments are kept and applied again
// after every import; Merge keeps the first account's id.
func TestMergeAndSplitSurviveReimport(t *testing.T) {
	db := newDB(t)
	recs := []backend.Record{
		customer("cus_1", "ann@acme.com", "Acme", day(0)),
		customer("cus_2", "ops@acme-labs.io", "Acme Labs", day(1)),
		customer("cus_3", "joe@freelance.dev", "Joe Freelance", day(2)),
		customerOf("lemonsqueezy", "4", "joe@freelance.dev", "Joe's shop", day(3)), // the same person in another tool
		ticket("ann@acme.com", day(4)),
		ticket("ops@acme-labs.io", day(4)),
		ticket("personal@gmail.com", day(5)),
	}
	put(t, db, recs...)
	as := byName(t, db)
	if names(as) != "Acme, Acme Labs, Joe Freelance" { // Joe's Stripe and Lemon Squeezy customers share an address
		t.Fatalf("accounts: %s", names(as))
	}
	acme, labs, joe := as["Acme"], as["Acme Labs"], as["Joe Freelance"]
	if len(joe.Customers) != 2 {
		t.Errorf("joe = %+v, want both tools' customers", joe)
	}

	merged, err := accounts.Merge(ctx, db, acme.ID, labs.ID)
	if err != nil {
		t.Fatal(err)
	}
	if merged.ID != acme.ID || merged.Tickets != 2 || len(merged.Customers) != 2 {
		t.Errorf("merged = %+v", merged)
	}
	kept, split, err := accounts.Split(ctx, db, joe.ID, "lemonsqueezy:4")
	if err != nil {
		t.Fatal(err)
	}
	if kept.ID != joe.ID || split == nil || split.ID == joe.ID || split.Name != "Joe's shop" {
		t.Errorf("split: kept %+v, split %+v", kept, split)
	}
	attached, err := accounts.Attach(ctx, db, acme.ID, "personal@gmail.com")
	if err != nil {
		t.Fatal(err)
	}
	if attached.Tickets != 3 {
		t.Errorf("attached = %+v", attached)
	}
	check := func(when string) {
		t.Helper()
		as := byName(t, db)
		if names(as) != "Acme, Joe Freelance, Joe's shop" {
			t.Fatalf("%s: accounts %s", when, names(as))
		}
		if a := as["Acme"]; a.ID != acme.ID || a.Tickets != 3 || len(a.Customers) != 2 {
			t.Errorf("%s: acme = %+v", when, a)
		}
		if as["Joe Freelance"].ID != joe.ID || as["Joe's shop"].ID != split.ID {
			t.Errorf("%s: joe ids changed: %+v", when, as)
		}
		if u := unlinked(t, db); u.Tickets != 0 {
			t.Errorf("%s: unlinked %+v", when, u)
		}
	}
	check("after the rules")
	// The same exports again, and a newer one with more rows: nothing the
	// founder decided is lost.
	put(t, db, recs...)
	check("after the same exports again")
	put(t, db, ticket("ann@acme.com", day(9)), ticket("joe@freelance.dev", day(9)), customer("cus_5", "new@else.io", "Else", day(9)))
	if err := accounts.Refresh(ctx, db); err != nil {
		t.Fatal(err)
	}
	as = byName(t, db)
	// Joe's address is both customers': its ticket is ambiguous now.
	if as["Acme"].ID != acme.ID || as["Acme"].Tickets != 4 || as["Joe's shop"].Tickets != 0 || as["Joe Freelance"].Tickets != 0 {
		t.Errorf("after a newer export: %+v", as)
	}
	rules, err := accounts.Rules(ctx, db)
	if err != nil || len(rules) != 3 {
		t.Fatalf("rules = %+v, %v", rules, err)
	}
	// Forgetting the split joins Joe's customers again, under the old id.
	if err := accounts.Forget(ctx, db, rules[1].Seq); err != nil {
		t.Fatal(err)
	}
	as = byName(t, db)
	if _, ok := as["Joe's shop"]; ok || as["Joe Freelance"].ID != joe.ID || len(as["Joe Freelance"].Customers) != 2 || as["Joe Freelance"].Tickets != 1 {
		t.Errorf("after forgetting the split: %+v", as)
	}
}

func TestSplitAndMergeErrors(t *testing.T) {
	db := newDB(t)
	put(t, db, customer("cus_1", "ann@acme.com", "Acme", day(0)), customer("cus_2", "bo@gmail.com", "Bo", day(0)))
	as := byName(t, db)
	acme, bo := as["Acme"], as["Bo"]
	cases := []struct {
		name string
		err  error
		code backend.Code
	}{
		{"merge with itself", second(accounts.Merge(ctx, db, acme.ID, acme.ID)), backend.Invalid},
		{"merge an unknown account", second(accounts.Merge(ctx, db, acme.ID, "acc_nope")), backend.NotFound},
		{"split an address it does not have", third(accounts.Split(ctx, db, acme.ID, "zed@other.io")), backend.Invalid},
		{"split what holds it together", third(accounts.Split(ctx, db, bo.ID, "bo@gmail.com")), backend.Conflict},
		{"split nonsense", third(accounts.Split(ctx, db, acme.ID, "not an address")), backend.Invalid},
		{"attach a public domain", second(accounts.Attach(ctx, db, acme.ID, "gmail.com")), backend.Invalid},
	}
	for _, c := range cases {
		if c.err == nil || backend.ErrorCode(c.err) != c.code {
			t.Errorf("%s: err = %v (code %s), want code %s", c.name, c.err, backend.ErrorCode(c.err), c.code)
		}
	}
	if rules, _ := accounts.Rules(ctx, db); len(rules) != 0 {
		t.Errorf("refused changes left rules: %+v", rules)
	}
}

func second[T any](_ T, err error) error        { return err }
func third[A, B any](_ A, _ B, err error) error { return err }

// Test-mode customers are left out unless the workspace includes them.
func TestTestModeCustomers(t *testing.T) {
	db := newDB(t)
	c := customer("cus_test_1", "qa@corp.io", "QA", day(0))
	c.Test = true
	put(t, db, c, customer("cus_1", "ann@acme.com", "Acme", day(0)))
	if as := byName(t, db); names(as) != "Acme" {
		t.Errorf("accounts = %s", names(as))
	}
	if err := db.SetSetting("include_test", "true"); err != nil {
		t.Fatal(err)
	}
	if as := byName(t, db); names(as) != "Acme, QA" {
		t.Errorf("with test mode: %s", names(as))
	}
}

// An import changes only the identities of its rows, and linking after it
// reads no row: a billing import into a workspace with events leaves the
// analytics users as they were, an undo changes only what the import had
// brought.
func TestImportTouchesOnlyItsIdentities(t *testing.T) {
	db := newDB(t)
	var evs []backend.Record
	for i := range 50 {
		evs = append(evs, event(fmt.Sprintf("u-%d", i), fmt.Sprintf("p%d@acme.com", i), "signed_up", day(i%20)))
	}
	put(t, db, evs...)
	put(t, db, ticket("p1@acme.com", day(2)))
	if err := accounts.Ensure(ctx, db); err != nil {
		t.Fatal(err)
	}
	changedAt := func() map[string]int64 {
		t.Helper()
		ids, err := db.IdentLinks(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int64{}
		for _, id := range ids {
			out[id.Key] = id.Changed
		}
		return out
	}
	before := changedAt()
	imp := put(t, db, customer("cus_1", "p1@acme.com", "Acme", day(3)))
	after := changedAt()
	var moved []string
	for k, g := range after {
		if g != before[k] {
			moved = append(moved, k)
		}
	}
	if len(moved) != 1 || moved[0] != "customer:stripe:cus_1" {
		t.Errorf("a one-customer import changed %v", moved)
	}
	if a := mustAccount(t, byName(t, db), "Acme"); a.Users != 50 || a.Events != 50 || a.Tickets != 1 {
		t.Errorf("the customer's account = %+v, want every acme.com user, event and ticket", a)
	}
	if err := db.Undo(imp); err != nil {
		t.Fatal(err)
	}
	undone := changedAt()
	for k, g := range undone {
		if g != after[k] && k != "customer:stripe:cus_1" {
			t.Errorf("the undo changed %s", k)
		}
	}
	if a := mustAccount(t, byName(t, db), "acme.com"); a.Users != 50 || a.Tickets != 1 {
		t.Errorf("after the undo: %+v, want acme.com's product account back", a)
	}
}

// A customer with live and test-mode rows is one account holding both
// identities when the workspace includes test mode.
func TestLiveAndTestRowsOfOneCustomer(t *testing.T) {
	db := newDB(t)
	if err := db.SetSetting("include_test", "true"); err != nil {
		t.Fatal(err)
	}
	put(t, db, customer("cus_1", "ann@acme.com", "Acme", day(0)),
		&backend.Payment{Source: "stripe", ID: "py_test_1", RowKey: "py_test_1", Created: day(1), Amount: 900, Currency: "usd", Status: "paid",
			CustomerID: "cus_1", Test: true})
	acme := mustAccount(t, byName(t, db), "Acme")
	ids, err := db.AccountIdents(ctx, acme.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 2 || ids[0].Test == ids[1].Test {
		t.Fatalf("Acme's identities: %+v; want its live and its test-mode rows", ids)
	}
}
