package revenue_test

import (
	"fmt"
	"testing"

	"keel/backend"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// Payments are added up by SQLite, but a payment converted at a rate is
// still rounded on its own (METRICS.md, Conversion): three equal EUR
// payments of 3.33 at 1.0833 are 3 × 3.61, not 9.99 × 1.0833 = 10.82.
func TestCollectedRoundsEachConvertedPayment(t *testing.T) {
	db := newDB(t)
	set(t, db, workspace.SettingBaseCurrency, "usd")
	if err := db.SetRate("eur", "2026-02", "1.0833"); err != nil {
		t.Fatal(err)
	}
	eur := func(id string, amount int64) *backend.Payment {
		p := pay(id, "cus_e", "eur", amount, 0, "2026-02-10")
		p.Converted, p.ConvertedCurrency, p.Description = nil, "", "Ebook"
		return p
	}
	failed := pay("ch_f", "cus_u", "usd", 700, 700, "2026-02-12")
	failed.Status = "failed"
	gbp := pay("ch_g", "cus_g", "gbp", 1000, 1270, "2026-02-13") // converted to usd by Stripe: summed as is
	gbp.Description = "Ebook"
	put(t, db, eur("ch_1", 333), eur("ch_2", 333), eur("ch_3", 333), eur("ch_4", 100),
		pay("ch_u", "cus_u", "usd", 500, 500, "2026-02-11"), failed, gbp)
	feb, _ := backend.ParseMonth("2026-02")
	_, figs, err := revenue.Monthly(db, feb, feb)
	if err != nil {
		t.Fatal(err)
	}
	want := int64(3*361 + 108 + 500 + 1270)
	if got := *figs[0].Collected; got != want {
		t.Errorf("collected = %d, want %d", got, want)
	}
	if got := *figs[0].FailedPayments; got != 1 {
		t.Errorf("failed payments = %d, want 1", got)
	}
	sales, products, err := revenue.SalesMonthly(db, feb, feb, false)
	if err != nil {
		t.Fatal(err)
	}
	if *sales[0].Orders != 6 {
		t.Errorf("orders = %d, want 6", *sales[0].Orders)
	}
	ebook := revenue.ProductSales{Product: "Ebook", Orders: 5, Revenue: 3*361 + 108 + 1270}
	if len(products[0]) != 2 || products[0][0] != ebook {
		t.Errorf("products = %+v, want %+v first", products[0], ebook)
	}
}

// Recurring payments among many one-off ones: each run is found, a
// guest's address counts whatever its case, and one-off payments are no
// subscription.
func TestRecurringPaymentsAmongOneOffs(t *testing.T) {
	db := newDB(t)
	var recs []backend.Record
	for i := range 12 {
		recs = append(recs, pay(fmt.Sprintf("py_o%d", i), fmt.Sprintf("cus_O%d", i), "usd", int64(1000+i), int64(1000+i), "2025-01-15"))
	}
	guest := func(id, email, day string) *backend.Payment {
		p := pay(id, "", "usd", 900, 900, day)
		p.CustomerEmail = email
		return p
	}
	recs = append(recs,
		pay("py_p1", "cus_P", "usd", 1500, 1500, "2025-01-07"), pay("py_p2", "cus_P", "usd", 1500, 1500, "2025-02-07"),
		pay("py_p3", "cus_P", "usd", 1500, 1500, "2025-03-07"),
		guest("py_g1", "Ann@Example.com ", "2025-01-20"), guest("py_g2", "ann@example.com", "2025-02-20"))
	put(t, db, recs...)
	ser := compute(t, db, "2025-01", "2025-04")
	var from []string
	for _, s := range ser.Subscriptions {
		from = append(from, s.CustomerID+" "+string(s.Source))
	}
	if want := "[email:ann@example.com payments stripe:cus_P payments]"; fmt.Sprint(from) != want {
		t.Errorf("subscriptions = %v, want %s", from, want)
	}
	// P 1500 from January; Ann 900 from January 20 through March 20.
	wantMRR(t, ser, 2400, 2400, 1500, 0)
}
