package accounts_test

import (
	"testing"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/workspace"
)

// lastRule is the seq of the founder's latest rule.
func lastRule(t *testing.T, db *workspace.DB) int64 {
	t.Helper()
	rules, err := accounts.Rules(ctx, db)
	if err != nil || len(rules) == 0 {
		t.Fatalf("rules = %+v, %v", rules, err)
	}
	return rules[len(rules)-1].Seq
}

// Undoing a merge gives both accounts back under their own ids, whichever
// side has more addresses: whatever is attached to an account by its id
// must survive a merge and its undo. Before, the side with more keys took
// the merged id and the other got a new one (the e2e merge test failed on
// the days the demo put the bigger account second).
func TestForgetMergeKeepsBothIDs(t *testing.T) {
	for _, bigFirst := range []bool{false, true} {
		db := newDB(t)
		put(t, db,
			customer("cus_1", "a@small.io", "Small", day(0)),
			customer("cus_2", "ops@big.io", "Big", day(0)),
			ticket("p1@big.io", day(1)), ticket("p2@big.io", day(1)), ticket("p3@big.io", day(1)), ticket("p4@big.io", day(1)),
		)
		before := byName(t, db)
		small, big := mustAccount(t, before, "Small"), mustAccount(t, before, "Big")
		first, second := small, big
		if bigFirst {
			first, second = big, small
		}
		merged, err := accounts.Merge(ctx, db, first.ID, second.ID)
		if err != nil {
			t.Fatal(err)
		}
		if merged.ID != first.ID {
			t.Errorf("bigFirst=%v: merged id %s, want %s", bigFirst, merged.ID, first.ID)
		}
		if err := accounts.Forget(ctx, db, lastRule(t, db)); err != nil {
			t.Fatal(err)
		}
		after := byName(t, db)
		for _, want := range []accounts.Account{small, big} {
			if got := mustAccount(t, after, want.Name); got.ID != want.ID || got.Tickets != want.Tickets {
				t.Errorf("bigFirst=%v: after the undo %s is %s with %d tickets, want %s with %d", bigFirst, want.Name, got.ID, got.Tickets, want.ID, want.Tickets)
			}
		}
		// The ids stay through a later recomputation too.
		if err := accounts.Refresh(ctx, db); err != nil {
			t.Fatal(err)
		}
		if again := byName(t, db); again["Small"].ID != small.ID || again["Big"].ID != big.ID {
			t.Errorf("bigFirst=%v: after a refresh: %+v", bigFirst, again)
		}
	}
}

// Undoing a split gives the account back its id, even when the part that
// was split off has more identities than the part that stayed: Joe's
// account took in the product users of a client's domain (a merge), the
// domain was split off again, and the split is undone.
func TestForgetSplitKeepsTheID(t *testing.T) {
	db := newDB(t)
	put(t, db,
		customer("cus_3", "joe@freelance.dev", "Joe Freelance", day(0)),
		event("b1@clientb.dev", "", "signed_up", day(1)),
		event("b2@clientb.dev", "", "signed_up", day(1)),
		event("b3@clientb.dev", "", "signed_up", day(1)),
	)
	as := byName(t, db)
	joe, client := mustAccount(t, as, "Joe Freelance"), mustAccount(t, as, "clientb.dev")
	if _, err := accounts.Merge(ctx, db, joe.ID, client.ID); err != nil {
		t.Fatal(err)
	}
	kept, split, err := accounts.Split(ctx, db, joe.ID, "clientb.dev")
	if err != nil {
		t.Fatal(err)
	}
	if kept.ID != joe.ID || split == nil || len(split.Keys) <= len(kept.Keys) {
		t.Fatalf("the split should take the bigger part: kept %+v, split %+v", kept, split)
	}
	if err := accounts.Forget(ctx, db, lastRule(t, db)); err != nil {
		t.Fatal(err)
	}
	after := byName(t, db)
	if got := mustAccount(t, after, "Joe Freelance"); got.ID != joe.ID || got.Users != 3 {
		t.Errorf("after the undo: %+v, want id %s with 3 users", got, joe.ID)
	}
	if _, err := accounts.Get(ctx, db, split.ID); backend.ErrorCode(err) != backend.NotFound {
		t.Errorf("the split-off account %s is still there: %v", split.ID, err)
	}
}
