package revenue_test

import (
	"slices"
	"testing"

	"keel/backend"
)

// Customer and subscription ids are qualified by their tool: Lemon
// Squeezy's and Paddle's plain numbers name different customers and
// subscriptions even when they are the same number, in the customers, the
// subscriptions, the invoices grouped by subscription and the payments.
func TestIDsQualifiedBySource(t *testing.T) {
	db := newDB(t)
	from := func(source string, r backend.Record) backend.Record {
		switch x := r.(type) {
		case *backend.Subscription:
			x.Source = source
		case *backend.Invoice:
			x.Source = source
		case *backend.Payment:
			x.Source = source
			x.RowKey = source + ":" + x.ID
		}
		return r
	}
	put(t, db,
		// Subscription "1" of customer "1234" in both tools, each with its
		// own invoices: 2900 a month at Lemon Squeezy, 9900 at Paddle.
		from("lemonsqueezy", sub("1", "1234", 2900, "2025-01-05")),
		from("lemonsqueezy", inv("10", "1", "1234", "usd", 2900, 0, "2025-01-05")),
		from("lemonsqueezy", inv("11", "1", "1234", "usd", 2900, 0, "2025-02-05")),
		from("paddle", sub("1", "1234", 9900, "2025-02-10")),
		from("paddle", inv("10", "1", "1234", "usd", 9900, 0, "2025-02-10")),
		// Recurring payments of customer "77" in two tools.
		from("gumroad", pay("p1", "77", "usd", 500, 500, "2025-01-03")),
		from("gumroad", pay("p2", "77", "usd", 500, 500, "2025-02-03")),
		from("buymeacoffee", pay("p1", "77", "usd", 300, 300, "2025-01-20")),
		from("buymeacoffee", pay("p2", "77", "usd", 300, 300, "2025-02-20")),
	)
	ser := compute(t, db, "2025-01", "2025-02")
	wantMRR(t, ser, 2900+500+300, 2900+9900+500+300)
	if got := ser.Months[1].Customers; got != 4 {
		t.Errorf("customers in February = %d, want 4", got)
	}
	var ids, customers []string
	for _, s := range ser.Subscriptions {
		ids = append(ids, s.ID)
		customers = append(customers, s.CustomerID)
	}
	slices.Sort(customers)
	customers = slices.Compact(customers)
	if want := []string{"buymeacoffee:77", "gumroad:77", "lemonsqueezy:1234", "paddle:1234"}; !slices.Equal(customers, want) {
		t.Errorf("customers = %v, want %v", customers, want)
	}
	if !slices.Contains(ids, "lemonsqueezy:1") || !slices.Contains(ids, "paddle:1") {
		t.Errorf("subscriptions = %v, want lemonsqueezy:1 and paddle:1", ids)
	}
	if subs := ser.Customer("paddle:1234"); len(subs) != 1 || subs[0].Steps[0].MRR != 9900 || subs[0].Steps[0].Invoice != "10" {
		t.Errorf("paddle:1234 = %+v, want one subscription of 9900 from its invoice 10", subs)
	}
	wantMoves(t, ser, "2025-02", "new paddle:1234 9900")
}
