package workspace

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"keel/backend"
)

// The payments by customer kept per import (paid_parts) list what the
// payments themselves list, after any sequence of imports (new rows,
// duplicates, rows of earlier imports changed, guests whose address
// differs in case, test-mode rows, failed payments) and undos, through
// both ways of storing rows (Put and PutMany).
func TestPaidPartsKeptInStep(t *testing.T) {
	for seed := range uint64(6) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { paidInStep(t, seed) })
	}
}

func paidInStep(t *testing.T, seed uint64) {
	db := MustCreate(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, 11))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	payment := func() *backend.Payment {
		id := fmt.Sprintf("py_%d", rng.IntN(40)) // a small pool: later imports change earlier rows
		p := &backend.Payment{Source: pick("stripe", "stripe", "paddle"), ID: id, RowKey: id,
			Created:  time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, rng.IntN(14), rng.IntN(3)),
			Amount:   []int64{900, 900, 1900, 0}[rng.IntN(4)],
			Currency: pick("usd", "usd", "eur"), Status: pick("paid", "paid", "refunded", "failed"),
			CustomerID: pick("cus_1", "cus_2", "cus_3", "", ""), Test: rng.IntN(8) == 0}
		if p.CustomerID == "" {
			p.CustomerEmail = pick("Ann@Shop.io ", "ann@shop.io", "bo@shop.io", "")
		}
		if rng.IntN(3) == 0 {
			c := int64(p.Amount * 11 / 10)
			p.Converted, p.ConvertedCurrency = &c, pick("usd", "eur")
		}
		return p
	}
	var live []int64
	// importSome stores a few payments as one import.
	importSome := func() {
		b, err := db.BeginImport(ctx, ImportMeta{File: "p.csv", Source: "stripe", Kind: "payments"})
		if err != nil {
			t.Fatal(err)
		}
		var rows []Row
		for range 1 + rng.IntN(8) {
			r, err := b.NewRow(payment())
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, r)
		}
		if rng.IntN(2) == 0 {
			_, err = b.PutMany(rows)
		} else {
			for _, r := range rows {
				if _, err = b.PutRow(r); err != nil {
					break
				}
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Commit(Counts{Read: len(rows)}); err != nil {
			t.Fatal(err)
		}
		live = append(live, b.ID())
	}
	for step := range 40 {
		if len(live) > 0 && rng.IntN(3) == 0 {
			i := rng.IntN(len(live))
			err := db.Undo(live[i])
			var be *backend.Error
			if err != nil && !(errors.As(err, &be) && be.Code == backend.Conflict) {
				t.Fatal(err)
			}
			if err == nil {
				live = append(live[:i], live[i+1:]...)
			}
		} else {
			importSome()
		}
		// Read beside, and now and then payments change before the parts
		// are written: they are read again.
		write := db.PaidBeside(ctx)
		if rng.IntN(4) == 0 {
			importSome()
		}
		if err := write(); err != nil {
			t.Fatal(err)
		}
		if fresh, err := db.paidFresh(ctx); err != nil || !fresh {
			t.Fatalf("step %d: the parts are not of the payments after EnsurePaid (%v)", step, err)
		}
		counts := func(q string) map[CurrencyCount]bool {
			rows, err := db.sql.Query(q)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			out := map[CurrencyCount]bool{}
			for rows.Next() {
				var c CurrencyCount
				if err := rows.Scan(&c.Converted, &c.Currency, &c.N); err != nil {
					t.Fatal(err)
				}
				out[c] = true
			}
			return out
		}
		kept, err := db.PaymentCurrencies()
		if err != nil {
			t.Fatal(err)
		}
		got := map[CurrencyCount]bool{}
		for _, c := range kept {
			got[c] = true
		}
		if want := counts(currencyCounts("1")); !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d: the kept currency counts are %v, the payments' %v", step, got, want)
		}
		for _, test := range []bool{false, true} {
			for _, skip := range [][]string{nil, {"stripe:cus_1", "email:ann@shop.io"}} {
				var fromParts, fromRows []PaidRow
				if err := db.EachCustomerPayment(skip, test, func(p PaidRow) { fromParts = append(fromParts, p) }); err != nil {
					t.Fatal(err)
				}
				if err := db.eachPaidRow(skip, test, func(p PaidRow) { fromRows = append(fromRows, p) }); err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(fromParts, fromRows) {
					t.Fatalf("step %d (test %v, skip %v): the parts list\n%v\nthe payments\n%v", step, test, skip, fromParts, fromRows)
				}
			}
		}
	}
}
