package app

import (
	"strconv"
	"strings"

	"keel/backend/figures"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// The Revenue screen of a workspace whose files hold payments but no MRR
// (Stripe payments alone, invoices without subscriptions, one-off sales):
// revenue, orders, buyers, refunds and revenue by product, and one
// sentence on what a subscriptions export would add.

var salesTiles = func() []revenueTile {
	f := func(key string) *figures.Field { return figures.MustFields(key)[0] }
	return []revenueTile{
		{f: f("revenue.collected"), label: "Revenue"},
		{f: f("sales.orders")},
		{f: f("sales.buyers"), note: f("sales.new_buyers"), noteLabel: "new"},
		{f: f("sales.repeat_buyers")},
		{f: f("revenue.refunded"), note: f("revenue.refunds"), noteLabel: "refunds"},
		{f: f("revenue.failed_payments")},
		{f: f("revenue.disputes"), note: f("revenue.disputed"), noteLabel: "disputed"},
	}
}()

// oneOffTiles leave out failed payments and disputes: the stores of
// one-off sales do not export them, so they would read 0 for "unknown".
var oneOffTiles = salesTiles[:5]

// oneOffStores are the sources of one-off sales.
var oneOffStores = map[string]string{"gumroad": "Gumroad", "lemonsqueezy": "Lemon Squeezy", "buymeacoffee": "Buy Me a Coffee"}

// stores is which billing exports the workspace holds.
type stores struct {
	payments      []string // sources of the payments
	subscriptions bool     // a subscriptions export
}

func sourcesOf(db *workspace.DB) (stores, error) {
	var out stores
	stats, err := db.Sources()
	if err != nil {
		return out, err
	}
	for _, st := range stats {
		switch st.Kind {
		case "subscriptions":
			out.subscriptions = true
		}
	}
	pay, err := db.PaymentSources()
	if err != nil {
		return out, err
	}
	out.payments = pay
	return out, nil
}

// oneOff is true when every payment comes from a store of one-off sales.
func (s stores) oneOff() bool {
	for _, p := range s.payments {
		if oneOffStores[p] == "" {
			return false
		}
	}
	return len(s.payments) > 0
}

// about is the Revenue screen's sentence on where its numbers come from
// and what a subscriptions export would add.
func about(mode string, mrrFrom []revenue.Source, st stores) string {
	switch mode {
	case "mrr":
		if st.subscriptions {
			return ""
		}
		var from []string
		for _, s := range mrrFrom {
			switch s {
			case revenue.FromInvoices:
				from = append(from, "your invoices")
			case revenue.FromPayments:
				from = append(from, "payments of the same amount every month or year")
			}
		}
		return "MRR here is rebuilt from " + strings.Join(from, " and ") +
			". A Stripe subscriptions export would add trials, cancellations at period end and plan names."
	case "sales":
		if st.oneOff() {
			var names []string
			for _, p := range st.payments {
				names = append(names, oneOffStores[p])
			}
			return "These are one-off sales (" + strings.Join(names, ", ") + "): revenue, orders, buyers and refunds. " +
				"MRR, churn and retention need subscriptions."
		}
		return "These numbers come from your payments: no customer pays the same amount every month or year, so there is no MRR. " +
			"A Stripe subscriptions export would add MRR, its movements (new, expansion, churn) and churn rates."
	}
	return ""
}

// ProductRow is one product of the month's revenue by product.
type ProductRow struct {
	Product string  `json:"product"`
	Orders  int64   `json:"orders"`
	Revenue int64   `json:"revenue"`
	Share   float64 `json:"share"` // of the month's revenue
	// Year is the product's revenue over the 12 months ending with the
	// month shown.
	Year int64 `json:"year"`
}

// maxProducts is how many products the table lists; the rest are one row.
const maxProducts = 10

// productRows is the month's revenue by product, then the products sold
// only earlier in the 12 months, the tail folded into "Other products".
func productRows(s *figures.Set) []ProductRow {
	year := s.ProductTotals()
	yearOf := map[string]int64{}
	for _, p := range year {
		yearOf[p.Product] = p.Revenue
	}
	var total int64
	month := s.Last().Products
	for _, p := range month {
		total += p.Revenue
	}
	out := []ProductRow{}
	seen := map[string]bool{}
	for _, p := range month {
		r := ProductRow{Product: p.Product, Orders: p.Orders, Revenue: p.Revenue, Year: yearOf[p.Product]}
		if total > 0 {
			r.Share = float64(p.Revenue) / float64(total)
		}
		out = append(out, r)
		seen[p.Product] = true
	}
	for _, p := range year {
		if !seen[p.Product] {
			out = append(out, ProductRow{Product: p.Product, Year: p.Revenue})
		}
	}
	if len(out) <= maxProducts {
		return out
	}
	rest := ProductRow{}
	for _, r := range out[maxProducts-1:] {
		rest.Orders += r.Orders
		rest.Revenue += r.Revenue
		rest.Share += r.Share
		rest.Year += r.Year
	}
	rest.Product = "Other products (" + strconv.Itoa(len(out)-maxProducts+1) + ")"
	return append(out[:maxProducts-1], rest)
}
