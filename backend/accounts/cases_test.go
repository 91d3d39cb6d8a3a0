package accounts_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/workspace"
)

// step is one thing that happens to a workspace: an import, an undo of
// the n-th import (1-based), or one of the founder's rules between
// accounts named by their names (attach and split take an address or a
// domain second).
type step struct {
	imp            []backend.Record
	undo           int
	merge, attach  [2]string
	split          [2]string
	forget, refind bool // forget the latest rule; link everything again
}

// linkCase is a history and the accounts it must give, each as
// "name: customers …; tickets N; users N", the ambiguous items as
// "domain: address → candidate names" and the unlinked requesters.
type linkCase struct {
	name      string
	steps     []step
	accounts  []string
	ambiguous []string
	unlinked  []string
	// sameID lists accounts whose id must not change from the step they
	// first appear in to the end.
	sameID []string
}

func pay(id, customer, email string, d int) *backend.Payment {
	return &backend.Payment{Source: "stripe", ID: id, RowKey: id, Created: day(d), Amount: 900, Currency: "usd", Status: "paid",
		CustomerID: customer, CustomerEmail: email}
}

func acme() []backend.Record {
	return []backend.Record{
		customer("cus_a", "a@acme.example", "Team A", day(0)),
		customer("cus_b", "b@acme.example", "Team B", day(1)),
		customer("cus_c", "c@acme.example", "Team C", day(2)),
	}
}

// acmeExport is one export of acme's customers and a colleague's ticket,
// imported twice in a case.
var acmeExport = append(acme(), ticket("carol@acme.example", day(3)))

var linkCases = []linkCase{{
	name: "same address in two billing tools is one account",
	steps: []step{{imp: []backend.Record{
		customer("cus_1", "ann@x.io", "Ann", day(0)),
		customerOf("lemonsqueezy", "1234", "Ann@X.io", "Ann's shop", day(1)),
		customerOf("paddle", "1234", "other@y.io", "Someone else", day(1)), // the same number in a third tool
		ticket("ann@x.io", day(2)),
	}}},
	accounts: []string{"Ann: customers stripe:cus_1 lemonsqueezy:1234; tickets 1; users 0", "Someone else: customers paddle:1234; tickets 0; users 0"},
}, {
	name: "same address twice in one tool is two accounts, and its tickets are ambiguous",
	steps: []step{{imp: []backend.Record{
		customer("cus_1", "ann@x.io", "Ann", day(0)),
		customer("cus_2", "ann@x.io", "Ann again", day(1)),
		ticket("ann@x.io", day(2)),
	}}},
	accounts:  []string{"Ann: customers stripe:cus_1; tickets 0; users 0", "Ann again: customers stripe:cus_2; tickets 0; users 0"},
	ambiguous: []string{"x.io: ann@x.io → Ann, Ann again"},
}, {
	name: "a domain with one account links its people",
	steps: []step{{imp: []backend.Record{
		customer("cus_1", "billing@acme.example", "Acme", day(0)),
		ticket("bob@acme.example", day(1)), ticket("bob@acme.example", day(2)),
		event("u-1", "zed@acme.example", "signed_up", day(3)),
	}}},
	accounts: []string{"Acme: customers stripe:cus_1; tickets 2; users 1"},
}, {
	name:  "a domain with several accounts: its people are ambiguous, the accounts' own addresses are theirs",
	steps: []step{{imp: append(acme(), ticket("carol@acme.example", day(3)), ticket("b@acme.example", day(4)), event("u-9", "carol@acme.example", "signed_up", day(5)))}},
	accounts: []string{"Team A: customers stripe:cus_a; tickets 0; users 0", "Team B: customers stripe:cus_b; tickets 1; users 0",
		"Team C: customers stripe:cus_c; tickets 0; users 0"},
	ambiguous: []string{"acme.example: carol@acme.example → Team A, Team B, Team C"},
}, {
	name: "a public mail domain never links by domain",
	steps: []step{{imp: []backend.Record{
		customer("cus_1", "dan@gmail.com", "Dan", day(0)),
		ticket("eve@gmail.com", day(1)), ticket("dan@gmail.com", day(1)),
	}}},
	accounts: []string{"Dan: customers stripe:cus_1; tickets 1; users 0"},
	unlinked: []string{"eve@gmail.com"},
}, {
	name: "a guest payer joins the account with its address, else is its own",
	steps: []step{{imp: []backend.Record{
		customer("cus_1", "ann@x.io", "Ann", day(0)),
		pay("py_1", "", "ANN@x.io", 1), pay("py_2", "", "walkin@shop.io", 2),
	}}},
	accounts: []string{"Ann: customers stripe:cus_1; tickets 0; users 0", "shop.io: customers ; tickets 0; users 0"},
}, {
	name: "the one-click choice for an ambiguous address survives re-imports and undos",
	steps: []step{
		{imp: acmeExport},
		{attach: [2]string{"Team B", "carol@acme.example"}},
		{imp: acmeExport}, // the same export again
		{imp: []backend.Record{ticket("carol@acme.example", day(9)), customer("cus_d", "d@acme.example", "Team D", day(9))}},
		{undo: 3},
		{refind: true},
	},
	accounts: []string{"Team A: customers stripe:cus_a; tickets 0; users 0", "Team B: customers stripe:cus_b; tickets 1; users 0",
		"Team C: customers stripe:cus_c; tickets 0; users 0"},
	sameID: []string{"Team A", "Team B", "Team C"},
}, {
	name: "a founder's merge survives re-imports and keeps the first account's id",
	steps: []step{
		{imp: []backend.Record{customer("cus_1", "ann@acme.com", "Acme", day(0)), customer("cus_2", "ops@acme-labs.io", "Acme Labs", day(1))}},
		{merge: [2]string{"Acme", "Acme Labs"}},
		{imp: []backend.Record{customer("cus_1", "ann@acme.com", "Acme", day(0)), customer("cus_2", "ops@acme-labs.io", "Acme Labs", day(1))}},
		{imp: []backend.Record{ticket("ops@acme-labs.io", day(5)), customer("cus_3", "x@else.io", "Else", day(5))}},
	},
	accounts: []string{"Acme: customers stripe:cus_1 stripe:cus_2; tickets 1; users 0", "Else: customers stripe:cus_3; tickets 0; users 0"},
	sameID:   []string{"Acme"},
}, {
	name: "an undo in the middle keeps the founder's merge and the ids",
	steps: []step{
		{imp: []backend.Record{customer("cus_1", "ann@acme.com", "Acme", day(0)), customer("cus_2", "ops@acme-labs.io", "Acme Labs", day(1))}},
		{imp: []backend.Record{ticket("ops@acme-labs.io", day(3)), ticket("ann@acme.com", day(4))}},
		{merge: [2]string{"Acme", "Acme Labs"}},
		{undo: 2},
		{imp: []backend.Record{customer("cus_4", "new@acme.com", "Acme new team", day(6))}},
		{imp: []backend.Record{ticket("ops@acme-labs.io", day(3)), ticket("ann@acme.com", day(4))}},
	},
	accounts: []string{"Acme: customers stripe:cus_1 stripe:cus_2; tickets 2; users 0", "Acme new team: customers stripe:cus_4; tickets 0; users 0"},
	sameID:   []string{"Acme"},
}, {
	name: "a split undone gives the account back whole",
	steps: []step{
		{imp: []backend.Record{customer("cus_1", "joe@freelance.dev", "Joe", day(0)), customerOf("gumroad", "77", "joe@freelance.dev", "Joe's shop", day(1))}},
		{split: [2]string{"Joe", "gumroad:77"}},
		{imp: []backend.Record{ticket("joe@freelance.dev", day(2))}},
		{forget: true},
	},
	accounts: []string{"Joe: customers stripe:cus_1 gumroad:77; tickets 1; users 0"},
	sameID:   []string{"Joe"},
}, {
	name: "product users of a domain are one account until a customer arrives, which they join",
	steps: []step{
		{imp: []backend.Record{event("u-1", "gina@beta.io", "signed_up", day(0)), event("u-2", "hal@beta.io", "signed_up", day(1)), ticket("ivy@beta.io", day(2))}},
		{imp: []backend.Record{customer("cus_9", "billing@beta.io", "Beta Labs", day(3))}},
	},
	accounts: []string{"Beta Labs: customers stripe:cus_9; tickets 1; users 2"},
}}

// TestLinkCases runs each history on a real workspace file.
func TestLinkCases(t *testing.T) {
	for _, c := range linkCases {
		t.Run(c.name, func(t *testing.T) {
			db := newDB(t)
			var imports []int64
			first := map[string]string{}
			for i, s := range c.steps {
				do(t, db, s, &imports)
				as := byName(t, db)
				for _, n := range c.sameID {
					a, ok := as[n]
					if !ok {
						continue
					}
					if id, seen := first[n]; !seen {
						first[n] = a.ID
					} else if id != a.ID {
						t.Errorf("step %d: %s is %s, was %s", i+1, n, a.ID, id)
					}
				}
			}
			as := byName(t, db)
			var got []string
			for _, n := range sortedNames(as) {
				a := as[n]
				got = append(got, fmt.Sprintf("%s: customers %s; tickets %d; users %d", n, strings.Join(a.Customers, " "), a.Tickets, a.Users))
			}
			if !slices.Equal(got, c.accounts) {
				t.Errorf("accounts:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.accounts, "\n"))
			}
			if got := ambiguous(t, db); !slices.Equal(got, c.ambiguous) {
				t.Errorf("ambiguous = %q, want %q", got, c.ambiguous)
			}
			reqs, err := accounts.UnlinkedRequesters(ctx, db, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			var un []string
			for _, r := range reqs {
				un = append(un, r.Email)
			}
			if !slices.Equal(un, c.unlinked) {
				t.Errorf("unlinked requesters = %q, want %q", un, c.unlinked)
			}
		})
	}
}

func do(t *testing.T, db *workspace.DB, s step, imports *[]int64) {
	t.Helper()
	id := func(name string) string { return mustAccount(t, byName(t, db), name).ID }
	var err error
	switch {
	case s.imp != nil:
		*imports = append(*imports, put(t, db, s.imp...))
	case s.undo > 0:
		err = db.Undo((*imports)[s.undo-1])
	case s.merge[0] != "":
		_, err = accounts.Merge(ctx, db, id(s.merge[0]), id(s.merge[1]))
	case s.attach[0] != "":
		_, err = accounts.Attach(ctx, db, id(s.attach[0]), s.attach[1])
	case s.split[0] != "":
		_, _, err = accounts.Split(ctx, db, id(s.split[0]), s.split[1])
	case s.forget:
		err = accounts.Forget(ctx, db, lastRule(t, db))
	case s.refind:
		err = accounts.Refresh(ctx, db)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func sortedNames(m map[string]accounts.Account) []string {
	var ns []string
	for n := range m {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	return ns
}

// ambiguous lists the ambiguous items as "domain: address → candidates".
func ambiguous(t *testing.T, db *workspace.DB) []string {
	t.Helper()
	as, err := accounts.Ambiguities(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range as {
		var names []string
		for _, c := range a.Accounts {
			names = append(names, c.Name)
		}
		if want := fmt.Sprintf("ambiguous: %d accounts at %s", len(a.Accounts), a.Domain); a.Text != want {
			t.Errorf("text %q, want %q", a.Text, want)
		}
		for _, it := range a.Items {
			out = append(out, fmt.Sprintf("%s: %s → %s", a.Domain, it.Email, strings.Join(names, ", ")))
		}
	}
	return out
}
