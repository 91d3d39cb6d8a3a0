package revenue_test

import (
	"testing"

	"keel/backend"
	"keel/backend/revenue"
)

// One-off sales: orders, buyers, new and repeat buyers, and revenue by
// product adding up to collected, month by month.
func TestSalesCountBuyersAndProducts(t *testing.T) {
	db := newDB(t)
	withEmail := func(p *backend.Payment, email, desc string) *backend.Payment {
		p.CustomerID, p.CustomerEmail, p.Description = "", email, desc
		return p
	}
	refunded := pay("ch_5", "", "usd", 900, 900, "2026-02-09")
	refunded.Status, refunded.Refunded = "refunded", 900
	failed := pay("ch_6", "cus_a", "usd", 5000, 5000, "2026-02-10")
	failed.Status = "failed"
	put(t, db,
		withEmail(pay("ch_1", "", "usd", 2900, 2900, "2026-01-05"), "Ann@Example.com", "Course"),
		withEmail(pay("ch_2", "", "usd", 2900, 2900, "2026-02-03"), "ann@example.com ", "Course"), // Ann again: a repeat buyer
		withEmail(pay("ch_3", "", "eur", 1000, 1100, "2026-02-04"), "bo@example.com", "Ebook"),    // Bo's first
		withEmail(pay("ch_4", "", "usd", 500, 500, "2026-02-05"), "", "Ebook"),                    // anonymous: an order, no buyer
		withEmail(refunded, "cy@example.com", ""),                                                 // refunded later: still an order
		failed, // not a sale
	)
	feb, _ := backend.ParseMonth("2026-02")
	sales, products, err := revenue.SalesMonthly(db, feb.Add(-1), feb, false)
	if err != nil {
		t.Fatal(err)
	}
	jan, f := sales[0], sales[1]
	if *jan.Orders != 1 || *jan.Buyers != 1 || *jan.NewBuyers != 1 || *jan.RepeatBuyers != 0 {
		t.Errorf("January: %d orders, %d buyers, %d new, %d repeat", *jan.Orders, *jan.Buyers, *jan.NewBuyers, *jan.RepeatBuyers)
	}
	if *f.Orders != 4 || *f.Buyers != 3 || *f.NewBuyers != 2 || *f.RepeatBuyers != 1 {
		t.Errorf("February: %d orders, %d buyers, %d new, %d repeat", *f.Orders, *f.Buyers, *f.NewBuyers, *f.RepeatBuyers)
	}
	want := []revenue.ProductSales{{"Course", 1, 2900}, {"Ebook", 2, 1600}, {"No description", 1, 900}}
	if len(products[1]) != len(want) {
		t.Fatalf("February's products: %+v", products[1])
	}
	for i, p := range products[1] {
		if p != want[i] {
			t.Errorf("product %d = %+v, want %+v", i, p, want[i])
		}
	}
	_, figs, err := revenue.Monthly(db, feb.Add(-1), feb)
	if err != nil {
		t.Fatal(err)
	}
	for i, ps := range products {
		var sum int64
		for _, p := range ps {
			sum += p.Revenue
		}
		if sum != *figs[i].Collected {
			t.Errorf("month %d: products add up to %d, collected is %d", i, sum, *figs[i].Collected)
		}
	}
	if revenue.Product("  Subscription   update ") != "Subscription payments" || revenue.Product("Payment for Invoice") != "Invoice payments" {
		t.Error("Stripe's own descriptions are not grouped")
	}
}

// Plain-number customer ids of two tools are two buyers: a Gumroad buyer
// 123 is not Lemon Squeezy's 123 (ids are qualified by their tool).
func TestBuyersOfTwoToolsWithTheSameIDAreTwo(t *testing.T) {
	db := newDB(t)
	from := func(p *backend.Payment, source string) *backend.Payment {
		p.Source = source
		return p
	}
	put(t, db, from(pay("g_1", "123", "usd", 1500, 1500, "2026-01-10"), "gumroad"),
		from(pay("ls_1", "123", "usd", 2500, 2500, "2026-02-10"), "lemonsqueezy"))
	feb, _ := backend.ParseMonth("2026-02")
	sales, _, err := revenue.SalesMonthly(db, feb, feb, false)
	if err != nil {
		t.Fatal(err)
	}
	if f := sales[0]; *f.Buyers != 1 || *f.NewBuyers != 1 || *f.RepeatBuyers != 0 {
		t.Errorf("February: %d buyers, %d new, %d repeat; want Lemon Squeezy's 123 as a new buyer", *f.Buyers, *f.NewBuyers, *f.RepeatBuyers)
	}
}
