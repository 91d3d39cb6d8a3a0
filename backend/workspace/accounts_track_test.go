package workspace

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"keel/backend"
)

// The identities an import or an undo keeps in step are those a full sum
// of every row gives (RebuildLinks), through new rows, duplicates, changed
// rows (of earlier imports and of the same file), guest payers, test-mode
// customers, and undos in the middle.
func TestIdentitiesKeptInStep(t *testing.T) {
	db := MustCreate(t)
	ctx := context.Background()
	if err := db.SetSetting(SettingCoreEvents, "report_created"); err != nil {
		t.Fatal(err)
	}
	if err := db.RebuildLinks(ctx); err != nil { // the basis of the settings above
		t.Fatal(err)
	}
	at := func(d int) time.Time {
		return time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(d) * 13 * time.Hour)
	}
	tp := func(t time.Time) *time.Time { return &t }
	cust := func(id, email, name string, d int) *backend.Customer {
		return &backend.Customer{Source: "stripe", ID: id, Email: email, Name: name, Created: tp(at(d))}
	}
	pay := func(id, customer, email string, d int) *backend.Payment {
		return &backend.Payment{Source: "stripe", ID: id, RowKey: id, Created: at(d), Amount: 900, Currency: "usd", Status: "paid", CustomerID: customer, CustomerEmail: email}
	}
	tick := func(id, email string, d int) *backend.Ticket {
		return &backend.Ticket{Source: "zendesk", ID: id, RequesterEmail: email, Status: "open", Created: at(d)}
	}
	ev := func(id, distinct, email, name string, d int) *backend.Event {
		return &backend.Event{Source: "posthog", ID: id, Name: name, DistinctID: distinct, Email: email, Time: at(d)}
	}
	testCust := cust("cus_test_9", "qa@corp.io", "QA", 1)
	testCust.Test = true
	sub := &backend.Subscription{Source: "stripe", ID: "sub_1", CustomerID: "cus_1", CustomerEmail: "ann@acme.io", Status: "active",
		Currency: "usd", Interval: "month", IntervalCount: 1, Amount: 900, Quantity: 1, Start: tp(at(2))}
	inv := &backend.Invoice{Source: "stripe", ID: "in_1", CustomerID: "cus_1", CustomerEmail: "Ann@Acme.io", SubscriptionID: "sub_1",
		Status: "paid", Currency: "usd", Date: at(3), Subtotal: 900, Total: 900}
	imports := [][]backend.Record{
		{cust("cus_1", "ann@acme.io", "Acme", 0), cust("cus_2", "bo@gmail.com", "", 1), testCust, sub, inv,
			pay("py_1", "cus_1", "", 4), pay("py_2", "", "Guest@Shop.io", 5), pay("py_3", "", "guest@shop.io", 9),
			tick("1", "bob@acme.io", 2), tick("2", "bob@acme.io", 6), tick("3", "", 7),
			ev("e1", "u1", "", "$pageview", 0), ev("e2", "u1", "ann@acme.io", "signed_up", 1), ev("e3", "u1", "ann@acme.io", "report_created", 1),
			ev("e4", "", "carl@beta.io", "signed_up", 3), ev("e5", "u2", "", "$pageview", 40)},
		// An overlapping export: duplicates, changed rows (a renamed
		// customer, a ticket whose requester changed, an event moved in
		// time, a payment now of another customer), and new rows.
		{cust("cus_1", "ann@acme.io", "Acme Inc", 0), cust("cus_2", "bo@gmail.com", "", 1),
			tick("1", "bob@acme.io", 2), tick("2", "dan@acme.io", 6), tick("4", "bob@acme.io", 12),
			ev("e1", "u1", "", "$pageview", 0), ev("e3", "u1", "ann@acme.io", "report_created", 30),
			pay("py_2", "cus_2", "guest@shop.io", 5), ev("e6", "u1", "ann@acme.io", "report_created", 2)},
		// One file repeating a key with other values.
		{tick("5", "eve@acme.io", 14), tick("5", "fay@acme.io", 15), ev("e7", "u3", "x@y.io", "signed_up", 16), ev("e7", "u3", "z@y.io", "signed_up", 17)},
	}
	var ids []int64
	for i, recs := range imports {
		ids = append(ids, importRecs(t, db, recs))
		checkInStep(t, db, fmt.Sprintf("after import %d", i+1))
	}
	// Undos in the middle: the rows a changed row came from are given
	// back to the import that held them.
	for _, i := range []int{2, 1} {
		if err := db.Undo(ids[i]); err != nil {
			t.Fatal(err)
		}
		checkInStep(t, db, fmt.Sprintf("after undoing import %d", i+1))
	}
	importRecs(t, db, imports[1])
	checkInStep(t, db, "after import 2 again")
	importRecs(t, db, []backend.Record{ev("e8", "u1", "ann@acme.io", "signed_up", 50), tick("6", "bo@gmail.com", 51)})
	checkInStep(t, db, "after a newer import")
}

func importRecs(t *testing.T, db *DB, recs []backend.Record) int64 {
	t.Helper()
	b, err := db.BeginImport(context.Background(), ImportMeta{File: "t.csv", Source: "test", Kind: "test"})
	if err != nil {
		t.Fatal(err)
	}
	rows := make([]Row, len(recs))
	for i, r := range recs {
		if rows[i], err = b.NewRow(r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.PutMany(rows); err != nil {
		b.Rollback()
		t.Fatal(err)
	}
	if err := b.Commit(Counts{Read: len(recs)}); err != nil {
		t.Fatal(err)
	}
	return b.ID()
}

// snapshot is every part and identity, decoded.
type snapshot struct {
	parts  map[string]Ident
	idents map[string]Ident
	emails map[string]string
}

func takeSnapshot(t *testing.T, db *DB) snapshot {
	t.Helper()
	s := snapshot{parts: map[string]Ident{}, idents: map[string]Ident{}, emails: map[string]string{}}
	rows, err := db.sql.Query("SELECT ident, test, import_id, data FROM link_parts")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k string
		var test bool
		var imp int64
		var data []byte
		if err := rows.Scan(&k, &test, &imp, &data); err != nil {
			t.Fatal(err)
		}
		id, err := decodeIdent(data)
		if err != nil {
			t.Fatal(err)
		}
		s.parts[fmt.Sprintf("%s test=%v import=%d", k, test, imp)] = *id
	}
	rows.Close()
	rows, err = db.sql.Query("SELECT key, test, rows, emails, created, data FROM link_idents WHERE rows > 0")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, emails string
		var test bool
		var n, created int64
		var data []byte
		if err := rows.Scan(&k, &test, &n, &emails, &created, &data); err != nil {
			t.Fatal(err)
		}
		id, err := decodeIdent(data)
		if err != nil {
			t.Fatal(err)
		}
		key := fmt.Sprintf("%s test=%v", k, test)
		if id.Rows != n || id.Created != created {
			t.Errorf("%s: columns rows=%d created=%d, data %+v", key, n, created, id)
		}
		s.idents[key] = *id
		s.emails[key] = emails
	}
	return s
}

// checkInStep compares the identities kept in step with a full sum.
func checkInStep(t *testing.T, db *DB, when string) {
	t.Helper()
	if compareInStep(t, db, when) == 0 {
		t.Fatalf("%s: no identities", when)
	}
}

// compareInStep is checkInStep allowing none, and says how many there are.
func compareInStep(t *testing.T, db *DB, when string) int {
	t.Helper()
	kept := takeSnapshot(t, db)
	if err := db.RebuildLinks(context.Background()); err != nil {
		t.Fatal(err)
	}
	full := takeSnapshot(t, db)
	for _, c := range []struct {
		what       string
		kept, full map[string]Ident
	}{{"part", kept.parts, full.parts}, {"identity", kept.idents, full.idents}} {
		for k, want := range c.full {
			if got, ok := c.kept[k]; !ok || !reflect.DeepEqual(norm(got), norm(want)) {
				t.Errorf("%s: %s %s = %+v, a full sum gives %+v", when, c.what, k, got, want)
			}
		}
		for k, got := range c.kept {
			if _, ok := c.full[k]; !ok && got.Rows > 0 {
				t.Errorf("%s: %s %s = %+v is not in a full sum", when, c.what, k, got)
			}
		}
	}
	if !reflect.DeepEqual(kept.emails, full.emails) {
		t.Errorf("%s: addresses %v, a full sum gives %v", when, kept.emails, full.emails)
	}
	return len(full.idents)
}

// norm makes empty and nil lists alike.
func norm(id Ident) Ident {
	if len(id.Emails) == 0 {
		id.Emails = nil
	}
	if len(id.Sources) == 0 {
		id.Sources = nil
	}
	if len(id.Activity) == 0 {
		id.Activity = nil
	}
	if len(id.Names) == 0 {
		id.Names = nil
	}
	return id
}

// Into a workspace without identities the writes run beside the sums
// (identWriter.beside): thousands of requesters, over several batches and
// chunks, are each written once and as a full sum gives them.
func TestManyNewIdentitiesWrittenBeside(t *testing.T) {
	db := MustCreate(t)
	at := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	const people = 9000 // more than two batches of 4,096
	var recs []backend.Record
	for i := range 2 * people {
		recs = append(recs, &backend.Ticket{Source: "zendesk", ID: fmt.Sprint(i), RequesterEmail: fmt.Sprintf("p%d@org%d.io", i%people, i%people%37),
			Status: "open", Created: at.Add(time.Duration(i) * time.Minute)})
	}
	importRecs(t, db, recs)
	var n int
	if err := db.sql.QueryRow("SELECT COUNT(*) FROM link_idents WHERE rows = 2").Scan(&n); err != nil || n != people {
		t.Fatalf("identities with both their tickets: %d (%v), want %d", n, err, people)
	}
	checkInStep(t, db, "after the import")
}

// A row an import finds older than the stored one (newer.go) stays the
// stored import's: the identities count it once, as a full sum does (it
// was counted in the older import's part too, Rows 2 for one payment).
func TestOlderRowKeepsItsIdentity(t *testing.T) {
	db := MustCreate(t)
	if err := db.RebuildLinks(context.Background()); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	refundedAt := at.AddDate(0, 1, 0)
	newer := &backend.Payment{Source: "stripe", ID: "py_1", RowKey: "py_1", CustomerID: "cus_1", Amount: 900, Refunded: 900,
		RefundedAt: &refundedAt, Currency: "usd", Status: "refunded", Created: at}
	older := &backend.Payment{Source: "stripe", ID: "py_1", RowKey: "py_1", CustomerID: "cus_1", Amount: 900, Currency: "usd",
		Status: "paid", Created: at}
	importRecs(t, db, []backend.Record{newer})
	checkInStep(t, db, "after the newer export")
	importRecs(t, db, []backend.Record{older})
	checkInStep(t, db, "after the older export")
	var rows int64
	if err := db.sql.QueryRow("SELECT rows FROM link_idents WHERE key = 'customer:stripe:cus_1'").Scan(&rows); err != nil || rows != 1 {
		t.Fatalf("the customer's rows: %d (%v), want 1", rows, err)
	}
}

// Random imports of overlapping exports and undos (of the latest import,
// right after it, and of any other) keep the identities as a full sum of
// the rows gives them.
func TestIdentitiesKeptInStepRandom(t *testing.T) {
	checked := 0
	for seed := range 15 {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { checked += randomInStep(t, uint64(seed)) })
		if t.Failed() {
			return
		}
	}
	if checked < 200 {
		t.Errorf("only %d steps had identities to compare", checked)
	}
}

func randomInStep(t *testing.T, seed uint64) (checked int) {
	r := rand.New(rand.NewPCG(seed, 7))
	db := MustCreate(t)
	if err := db.SetSetting(SettingCoreEvents, "report_shared"); err != nil {
		t.Fatal(err)
	}
	if err := db.RebuildLinks(context.Background()); err != nil {
		t.Fatal(err)
	}
	at := func(d int) time.Time {
		return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(d) * 7 * time.Hour)
	}
	emails := []string{"ann@acme.io", "bob@acme.io", "Eve@Beta.io", ""}
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	var imports []int64
	undone := map[int64]bool{}
	for step := range 30 {
		what := ""
		if n := r.IntN(10); n < 6 || len(imports) == 0 {
			var recs []backend.Record
			for range 1 + r.IntN(6) {
				switch r.IntN(4) {
				case 0:
					recs = append(recs, &backend.Ticket{Source: "zendesk", ID: fmt.Sprint(r.IntN(5)), RequesterEmail: pick(emails), Status: "open", Created: at(r.IntN(40))})
				case 1:
					recs = append(recs, &backend.Payment{Source: "stripe", ID: fmt.Sprint("py_", r.IntN(5)), RowKey: fmt.Sprint("py_", r.IntN(5)),
						Created: at(r.IntN(40)), Amount: 900, Currency: "usd", Status: "paid", CustomerEmail: pick(emails)})
				default:
					recs = append(recs, &backend.Event{Source: "posthog", ID: fmt.Sprint("e", r.IntN(8)), Name: pick([]string{"signed_up", "report_shared"}),
						DistinctID: fmt.Sprint("u", r.IntN(3)), Email: pick(emails), Time: at(r.IntN(40))})
				}
			}
			imports = append(imports, importRecs(t, db, recs))
			what = fmt.Sprintf("import %d of %d rows", imports[len(imports)-1], len(recs))
		} else {
			id := imports[len(imports)-1]
			if n < 8 {
				id = imports[r.IntN(len(imports))]
			}
			if undone[id] {
				continue
			}
			err := db.Undo(id)
			undone[id] = err == nil
			what = fmt.Sprintf("undo of import %d (%v)", id, err)
		}
		if compareInStep(t, db, fmt.Sprintf("seed %d step %d (%s)", seed, step, what)) > 0 {
			checked++
		}
		if t.Failed() {
			return
		}
	}
	return checked
}

// An import that moves an identity's only row of one import to another
// identity empties that import's part; the part goes with it. Else undoing
// the move adds the row back to the part still stored and counts it twice.
func TestMovedRowUndoneCountedOnce(t *testing.T) {
	db := MustCreate(t)
	if err := db.RebuildLinks(context.Background()); err != nil {
		t.Fatal(err)
	}
	ev := func(id, user string, d int) *backend.Event {
		return &backend.Event{Source: "posthog", ID: id, Name: "report_shared", DistinctID: user,
			Time: time.Date(2025, 1, 1+d, 9, 0, 0, 0, time.UTC)}
	}
	importRecs(t, db, []backend.Record{ev("e1", "u1", 0)})
	importRecs(t, db, []backend.Record{ev("e2", "u1", 1)})
	importRecs(t, db, []backend.Record{ev("e3", "u1", 2)})
	moved := importRecs(t, db, []backend.Record{ev("e1", "u3", 0)}) // e1 is u3's now
	// No full sum here: it would drop a part left behind.
	if err := db.Undo(moved); err != nil {
		t.Fatal(err)
	}
	var rows int64
	if err := db.sql.QueryRow("SELECT rows FROM link_idents WHERE key = 'user:u1'").Scan(&rows); err != nil || rows != 3 {
		t.Errorf("u1's rows after the undo: %d (%v), want 3", rows, err)
	}
	checkInStep(t, db, "after undoing the move")
}
