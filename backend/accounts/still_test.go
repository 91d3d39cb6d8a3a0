package accounts_test

import (
	"reflect"
	"testing"

	"keel/backend"
	"keel/backend/accounts"
)

// An import or undo that changes only how many rows a billing customer or
// guest payer has leaves its account as it was: the linking neither reads
// nor writes it (accounts.still). A guest payer whose tools change, or a
// customer whose last payment moves, is not such a member. Each step is
// linked the part's way and the whole way; the accounts must agree.
func TestStillMembersKeepTheirAccounts(t *testing.T) {
	part, full := newDB(t), newDB(t)
	payOf := func(src, id, cust, email string, d int) *backend.Payment {
		p := pay(id, cust, email, d)
		p.Source = src
		return p
	}
	before := *accounts.PartLinks
	check := func(what string) {
		t.Helper()
		if err := accounts.Ensure(ctx, part); err != nil {
			t.Fatal(err)
		}
		if err := accounts.Refresh(ctx, full); err != nil {
			t.Fatal(err)
		}
		if a, b := linkState(t, part), linkState(t, full); !reflect.DeepEqual(a, b) {
			t.Fatalf("%s: linking the part differs from linking everything:\npart %s\nfull %s", what, diff(a, b), diff(b, a))
		}
	}
	first := []backend.Record{
		customer("cus_1", "ann@acme.io", "Acme", day(1)),
		payOf("stripe", "py_1", "cus_1", "ann@acme.io", 3), payOf("stripe", "py_2", "cus_1", "ann@acme.io", 9),
		payOf("stripe", "py_3", "", "gus@beta.io", 4),
	}
	put(t, part, first...)
	put(t, full, first...)
	check("first import")
	// The same customer's payments between its first and last, and the
	// guest's in another tool on the same day.
	more := []backend.Record{
		payOf("stripe", "py_4", "cus_1", "ann@acme.io", 5),
		payOf("lemonsqueezy", "7", "", "gus@beta.io", 4),
	}
	second := put(t, part, more...)
	if put(t, full, more...) != second {
		t.Fatal("import ids differ")
	}
	check("second import")
	for _, db := range []interface{ Undo(int64) error }{part, full} {
		if err := db.Undo(second); err != nil {
			t.Fatal(err)
		}
	}
	check("its undo")
	again := []backend.Record{payOf("lemonsqueezy", "8", "", "gus@beta.io", 4), payOf("stripe", "py_5", "cus_1", "ann@acme.io", 6)}
	put(t, part, again...)
	put(t, full, again...)
	check("the guest's other tool again")
	// A later payment moves the customer's last activity: not still.
	later := []backend.Record{payOf("stripe", "py_6", "cus_1", "ann@acme.io", 12)}
	last := put(t, part, later...)
	put(t, full, later...)
	check("a later payment")
	for _, db := range []interface{ Undo(int64) error }{part, full} {
		if err := db.Undo(last); err != nil {
			t.Fatal(err)
		}
	}
	check("its undo")
	if *accounts.PartLinks-before < 3 {
		t.Errorf("the part was linked %d times: the test does not exercise it", *accounts.PartLinks-before)
	}
	as, err := part.Accounts(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range as {
		if len(a.Sources) == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("no account has both tools: %+v", as)
	}
}
