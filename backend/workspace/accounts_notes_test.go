package workspace

import (
	"context"
	"fmt"
	"testing"
	"time"

	"keel/backend"
)

// A note that would hold more moved identities than the accounts link in
// a part keeps nothing and says so: the linking that follows reads every
// identity instead of none.
func TestLargeNoteLinksEverything(t *testing.T) {
	defer func(n int) { maxMovedNoted = n }(maxMovedNoted)
	maxMovedNoted = 3
	db := MustCreate(t)
	ctx := context.Background()
	tickets := func(from, n int) []backend.Record {
		var out []backend.Record
		for i := from; i < from+n; i++ {
			out = append(out, &backend.Ticket{Source: "zendesk", ID: fmt.Sprint(i), RequesterEmail: fmt.Sprintf("r%d@acme.io", i),
				Status: "open", Created: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)})
		}
		return out
	}
	changes := func(recs []backend.Record) (IdentChange, bool) {
		before, err := db.LinkGen(ctx)
		if err != nil {
			t.Fatal(err)
		}
		importRecs(t, db, recs)
		gen, err := db.LinkGen(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var c IdentChange
		var ok bool
		err = db.InLinkTx(ctx, func(tx *LinkTx) error { c, ok = tx.ChangesSince(before, gen); return nil })
		if err != nil {
			t.Fatal(err)
		}
		return c, ok
	}
	importRecs(t, db, tickets(0, 1)) // a generation to start from
	if c, ok := changes(tickets(10, 3)); !ok || len(c.Moved) != 3 {
		t.Fatalf("3 new requesters: noted %v, moved %v; want noted, 3 moved", ok, c.Moved)
	}
	if c, ok := changes(tickets(20, 6)); ok {
		t.Fatalf("6 new requesters over a cap of 3: noted (moved %v); want no note, so that every identity is linked", c.Moved)
	}
}
