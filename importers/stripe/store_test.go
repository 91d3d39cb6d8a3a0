package stripe

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/workspace"
	"keel/importers"
	"keel/importers/internal/importertest"
)

// TestStoreBalanceAndPayouts stores the balance and payout records of the
// testdata in a workspace: every field round-trips to its column, a second
// import of the same rows is all duplicates, a changed payout is an update,
// and undoing that import restores the old row.
func TestStoreBalanceAndPayouts(t *testing.T) {
	db, err := workspace.Create(filepath.Join(t.TempDir(), "t.keel"), "T")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	records := func(file, kind string) []backend.Record {
		h, rows := importertest.ReadCSV(t, filepath.Join("testdata", file))
		res := importertest.Run(t, h, rows, source, kind, importers.Options{})
		return res.Records
	}
	store := func(kind string, recs []backend.Record) workspace.Counts {
		t.Helper()
		b, err := db.BeginImport(context.Background(), workspace.ImportMeta{File: kind + ".csv", Path: kind + ".csv", Source: source, Kind: kind})
		if err != nil {
			t.Fatal(err)
		}
		var c workspace.Counts
		for _, r := range recs {
			c.Read++
			out, err := b.Put(r)
			if err != nil {
				b.Rollback()
				t.Fatalf("put %s: %v", r.Key(), err)
			}
			switch out {
			case workspace.Inserted:
				c.Imported++
			case workspace.Updated:
				c.Updated++
			case workspace.Duplicate:
				c.Duplicates++
			}
		}
		if err := b.Commit(c); err != nil {
			t.Fatal(err)
		}
		return c
	}

	bal := records("balance_bad_rows.csv", "balance")
	pay := records("payouts_bad_rows.csv", "payouts")
	if c := store("balance", bal); c.Imported != 9 {
		t.Errorf("balance: %+v, want 9 imported", c)
	}
	if c := store("payouts", pay); c.Imported != 6 {
		t.Errorf("payouts: %+v, want 6 imported", c)
	}

	var (
		typ, src, cfCur, dpCur, group string
		amount, fee, net, cf, dp      int64
		created, avail, tdate         int64
	)
	err = db.SQL().QueryRow(`SELECT type, source_id, amount, fee, net, customer_facing_amount, customer_facing_currency,
		destination_platform_fee, destination_platform_fee_currency, transfer_group, created, available_on, transfer_date
		FROM balance WHERE key = 'stripe:txn_8connect'`).Scan(&typ, &src, &amount, &fee, &net, &cf, &cfCur, &dp, &dpCur, &group, &created, &avail, &tdate)
	if err != nil {
		t.Fatal(err)
	}
	if typ != "payment" || src != "py_8" || amount != 5000 || fee != 175 || net != 4825 || cf != 5000 || cfCur != "usd" ||
		dp != 500 || dpCur != "usd" || group != "group_8" ||
		created != time.Date(2025, 5, 7, 11, 0, 0, 0, time.UTC).Unix() ||
		avail != time.Date(2025, 5, 14, 0, 0, 0, 0, time.UTC).Unix() ||
		tdate != time.Date(2025, 5, 7, 11, 1, 0, 0, time.UTC).Unix() {
		t.Errorf("txn_8connect stored as %s %s %d %d %d %d %s %d %s %s %d %d %d", typ, src, amount, fee, net, cf, cfCur, dp, dpCur, group, created, avail, tdate)
	}
	var sum int64
	db.SQL().QueryRow(`SELECT SUM(amount) FROM balance WHERE currency = 'usd'`).Scan(&sum)
	if sum != -116814 {
		t.Errorf("usd balance amounts sum to %d, want -116814", sum)
	}
	var tests int
	var attrs string
	db.SQL().QueryRow(`SELECT COUNT(*) FROM payouts WHERE test = 1`).Scan(&tests)
	db.SQL().QueryRow(`SELECT attrs FROM payouts WHERE key = 'stripe:po_1paid'`).Scan(&attrs)
	if tests != 1 || attrs != `{"batch":"may"}` {
		t.Errorf("payouts: %d test, attrs %s", tests, attrs)
	}

	// The same rows again: nothing new. Then po_4jpy arrived.
	if c := store("balance", bal); c.Duplicates != 9 {
		t.Errorf("balance again: %+v", c)
	}
	for _, r := range pay {
		if p := r.(*backend.Payout); p.ID == "po_4jpy" {
			p.Status = "paid"
		}
	}
	if c := store("payouts", pay); c.Updated != 1 || c.Duplicates != 5 {
		t.Errorf("payouts again: %+v", c)
	}
	status := func() string {
		var s string
		db.SQL().QueryRow(`SELECT status FROM payouts WHERE key = 'stripe:po_4jpy'`).Scan(&s)
		return s
	}
	if s := status(); s != "paid" {
		t.Errorf("po_4jpy is %q after the update", s)
	}
	hist, err := db.History()
	if err != nil {
		t.Fatal(err)
	}
	last := hist[0]
	for _, im := range hist {
		if im.ID > last.ID {
			last = im
		}
	}
	if err := db.Undo(last.ID); err != nil {
		t.Fatal(err)
	}
	if s := status(); s != "in_transit" {
		t.Errorf("po_4jpy is %q after the undo", s)
	}

	stats, err := db.Sources()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int64{}
	for _, s := range stats {
		seen[s.Kind] = s.Rows
		if s.From == nil || s.To == nil {
			t.Errorf("%s: no date range", s.Kind)
		}
	}
	if seen["balance"] != 9 || seen["payouts"] != 6 {
		t.Errorf("sources: %v", seen)
	}
}
