package accounts_test

import (
	"reflect"
	"testing"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/product"
)

// The undo of the import linked last puts back the accounts that import's
// linking shifted (their members stayed): the dates, names and tools kept
// then, the counts and days taken back from the sums, where before each
// was summed again from every member (an undo moves a latest date back,
// which sums before and after cannot). It gives what linking everything
// gives, and the accounts the workspace had before the import; the undo of an
// earlier import, or of one another linking followed, sums again.
func TestUndoPutsShiftedAccountsBack(t *testing.T) {
	part, full := newDB(t), newDB(t)
	check := func(what string) state {
		t.Helper()
		if err := accounts.Ensure(ctx, part); err != nil {
			t.Fatal(err)
		}
		if err := accounts.Refresh(ctx, full); err != nil {
			t.Fatal(err)
		}
		a, b := linkState(t, part), linkState(t, full)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%s: linking the part differs from linking everything:\npart %s\nfull %s", what, diff(a, b), diff(b, a))
		}
		return a
	}
	both := func(recs ...backend.Record) int64 {
		t.Helper()
		id := put(t, part, recs...)
		if put(t, full, recs...) != id {
			t.Fatal("import ids differ")
		}
		return id
	}
	undo := func(id int64) {
		t.Helper()
		for _, db := range []interface{ Undo(int64) error }{part, full} {
			if err := db.Undo(id); err != nil {
				t.Fatal(err)
			}
		}
	}
	// One account at acme.io: a customer, two analytics users, a requester.
	both(customer("cus_1", "ann@acme.io", "Acme", day(1)),
		event("u1", "ann@acme.io", "signed_up", day(2)), event("u1", "ann@acme.io", "$pageview", day(5)),
		event("u2", "bob@acme.io", "$pageview", day(3)), event("u2", "bob@acme.io", "report_shared", day(8)),
		ticket("bob@acme.io", day(4)))
	first := check("first import")
	// Later events and tickets of the same people, a name of their own.
	later := func(d int) []backend.Record {
		return []backend.Record{event("u1", "ann@acme.io", "$pageview", day(d)), event("u2", "bob@acme.io", "exported", day(d+1)),
			event("u1", "ann@acme.io", "signed_up", day(d+2)), ticket("bob@acme.io", day(d+3))}
	}
	n, names := *accounts.PutBack, *accounts.NamesBack
	second := both(later(20)...)
	check("later events")
	undo(second)
	if got := check("their undo"); !reflect.DeepEqual(got.Accounts, first.Accounts) || !reflect.DeepEqual(got.Activity, first.Activity) ||
		!reflect.DeepEqual(sent(got.Events), sent(first.Events)) {
		t.Fatalf("the undo did not give the accounts and event names before the import back:\nnow %s\nbefore %s", diff(got, first), diff(first, got))
	}
	if *accounts.PutBack == n {
		t.Fatal("the undo summed the account again instead of putting it back")
	}
	if *accounts.NamesBack == names {
		t.Fatal("the undo counted the event names again instead of putting their dates back")
	}
	// An undo that is not of the import linked last sums again.
	a := both(later(30)...)
	check("later events again")
	both(later(40)...)
	check("and more")
	n, names = *accounts.PutBack, *accounts.NamesBack
	undo(a)
	check("the undo of the earlier one")
	if *accounts.PutBack != n || *accounts.NamesBack != names {
		t.Fatal("an account or the event names were put back as kept before an import another one followed")
	}
}

// sent leaves out the names no one sends (an undo leaves them at 0).
func sent(es []product.EventName) []product.EventName {
	var out []product.EventName
	for _, e := range es {
		if e.Users > 0 {
			out = append(out, e)
		}
	}
	return out
}
