package workspace

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"keel/backend"
)

// The part an import builds while it stores its payments (paidCollector)
// is the part read from the payments afterwards (readPaidImport, the SQL
// rule): the same customers, keys (addresses trimmed of spaces only,
// lowered in ASCII only, as SQLite does), entries in the same order, row
// and currency counts. An import that replaces a stored payment leaves its
// part to be read after it.
func TestCollectedPaidPartIsTheReadOne(t *testing.T) {
	db := MustCreate(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 7))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	var n int
	payment := func() *backend.Payment {
		n++
		id := fmt.Sprintf("py_%d", n)
		p := &backend.Payment{Source: pick("stripe", "paddle"), ID: pick(id, id, id, ""), RowKey: id,
			Created:  time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(5)) * time.Hour),
			Amount:   []int64{900, 900, 1900, 0, -5}[rng.IntN(5)],
			Currency: pick("usd", "eur", "EUR"), Status: pick("paid", "refunded", "failed", "succeeded"),
			CustomerID: pick("cus_1", "cus_2", "", "", ""), Test: rng.IntN(4) == 0}
		if p.CustomerID == "" {
			p.CustomerEmail = pick(" Ann@Shop.IO ", "ann@shop.io", "\tann@shop.io", "ÉLISE@x.io", "élise@x.io", "  ", "")
		}
		if rng.IntN(3) == 0 {
			c := p.Amount * 11 / 10
			p.Converted, p.ConvertedCurrency = &c, pick("usd", "eur")
		}
		return p
	}
	store := func(ps []*backend.Payment) int64 {
		b, err := db.BeginImport(ctx, ImportMeta{File: "p.csv", Source: "stripe", Kind: "payments"})
		if err != nil {
			t.Fatal(err)
		}
		var rows []Row
		for _, p := range ps {
			r, err := b.NewRow(p)
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, r)
		}
		if _, err := b.PutMany(rows); err != nil {
			t.Fatal(err)
		}
		if err := b.Commit(Counts{Read: len(rows)}); err != nil {
			t.Fatal(err)
		}
		return b.ID()
	}
	var ps []*backend.Payment
	for range 600 {
		ps = append(ps, payment())
	}
	id := store(ps)

	want, err := readPaidImport(ctx, db.sql, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.keys) < 5 {
		t.Fatalf("only %d customers: the case tests too little", len(want.keys))
	}
	got := map[string][]byte{}
	rows, err := db.sql.Query("SELECT k, data FROM paid_parts WHERE import_id = ?", id)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k string
		var data []byte
		if err := rows.Scan(&k, &data); err != nil {
			t.Fatal(err)
		}
		got[k] = data
	}
	rows.Close()
	if len(got) != len(want.keys) {
		t.Fatalf("collected %d customers %v, the payments have %d %v", len(got), keysOfMap(got), len(want.keys), want.keys)
	}
	for i, k := range want.keys {
		// Entries equal in currency, amount and time may differ in order by
		// their test flag alone (SQLite's order of ties): compare decoded,
		// the ties sorted by it.
		if g, w := decodedSorted(t, got[k]), decodedSorted(t, want.data[i]); !reflect.DeepEqual(g, w) {
			t.Fatalf("customer %q: collected %v, the payments %v", k, g, w)
		}
	}
	var n1 int64
	if err := db.sql.QueryRow("SELECT rows FROM paid_imports WHERE import_id = ?", id).Scan(&n1); err != nil || n1 != int64(len(ps)) {
		t.Fatalf("paid_imports rows %d (%v), want %d", n1, err, len(ps))
	}
	kept := map[CurrencyCount]bool{}
	cs, err := db.sql.Query("SELECT converted_currency, currency, n FROM paid_currencies WHERE import_id = ?", id)
	if err != nil {
		t.Fatal(err)
	}
	for cs.Next() {
		var c CurrencyCount
		if err := cs.Scan(&c.Converted, &c.Currency, &c.N); err != nil {
			t.Fatal(err)
		}
		kept[c] = true
	}
	cs.Close()
	wantCs := map[CurrencyCount]bool{}
	for _, c := range want.currencies {
		wantCs[c] = true
	}
	if !reflect.DeepEqual(kept, wantCs) {
		t.Fatalf("currency counts %v, the payments' %v", kept, wantCs)
	}

	// A later import changing one of them: its part is not collected.
	changed := *ps[0]
	changed.Amount += 100
	id2 := store([]*backend.Payment{&changed, payment()})
	var parts int
	if err := db.sql.QueryRow("SELECT COUNT(*) FROM paid_imports WHERE import_id = ?", id2).Scan(&parts); err != nil || parts != 0 {
		t.Fatalf("an import that changed a payment collected its part (%d, %v)", parts, err)
	}
}

func keysOfMap(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func decodedSorted(t *testing.T, b []byte) []paidEntry {
	t.Helper()
	es, err := decodePaid(b, nil, map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(es); i++ {
		if comparePaid(es[i-1], es[i]) > 0 {
			t.Fatalf("entries out of order: %v before %v", es[i-1], es[i])
		}
	}
	slices.SortStableFunc(es, func(a, b paidEntry) int {
		if c := comparePaid(a, b); c != 0 {
			return c
		}
		switch {
		case a.test == b.test:
			return 0
		case b.test:
			return -1
		}
		return 1
	})
	return es
}
