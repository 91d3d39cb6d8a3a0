package revenue

import (
	"sort"
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// Sales are a month's sales as the payments show them, recurring or not:
// what a workspace of one-off sales (Gumroad, Lemon Squeezy orders, Buy Me
// a Coffee) or of payments alone is read by. The money of the month is
// Figures.Collected (and Refunded); these count who paid. Nil without
// payments.
type Sales struct {
	Orders       *int64 `json:"orders"`        // succeeded payments created in the month
	Buyers       *int64 `json:"buyers"`        // distinct buyers among them (anonymous ones not counted)
	NewBuyers    *int64 `json:"new_buyers"`    // buyers whose first purchase is in the month
	RepeatBuyers *int64 `json:"repeat_buyers"` // buyers who had bought before the month
}

// ProductSales is one product's sales in a month, in the base currency.
type ProductSales struct {
	Product string `json:"product"`
	Orders  int64  `json:"orders"`
	Revenue int64  `json:"revenue"`
}

// Product is what a payment sold, from its description: Stripe's own
// descriptions of subscription and invoice payments are grouped as such,
// and a payment without one says so.
func Product(description string) string {
	d := strings.Join(strings.Fields(description), " ")
	switch strings.ToLower(d) {
	case "":
		return "No description"
	case "subscription creation", "subscription update", "subscription cycle":
		return "Subscription payments"
	case "payment for invoice":
		return "Invoice payments"
	}
	return d
}

// SalesMonthly counts the sales of the months first..last, and each
// month's revenue by product (largest first; Σ revenue = collected). Nil
// slices when no payment is imported.
func SalesMonthly(db *workspace.DB, first, last backend.Month, includeTest bool) ([]Sales, [][]ProductSales, error) {
	has, err := db.HasPayments()
	if err != nil || !has {
		return nil, nil, err
	}
	base, err := BaseCurrency(db)
	if err != nil {
		return nil, nil, err
	}
	loc := db.Location()
	rt, err := LoadRates(db, base, loc, includeTest)
	if err != nil {
		return nil, nil, err
	}
	n := last.Since(first) + 1
	type month struct {
		orders, first, repeat int64
		buyers                map[string]bool
		products              map[string]*ProductSales
	}
	ms := make([]month, n)
	for i := range ms {
		ms[i].buyers = map[string]bool{}
		ms[i].products = map[string]*ProductSales{}
	}
	firstBuy := map[string]backend.Month{} // each buyer's first month
	err = db.EachBuyer(last.End(loc).Unix(), includeTest, func(created int64, buyer string) {
		if buyer == "" {
			return
		}
		at := backend.MonthOfUnix(created, loc)
		fb, seen := firstBuy[buyer]
		if !seen {
			firstBuy[buyer], fb = at, at
		}
		i := at.Since(first)
		if i < 0 || i >= n || ms[i].buyers[buyer] {
			return
		}
		m := &ms[i]
		m.buyers[buyer] = true
		if fb == at {
			m.first++
		} else {
			m.repeat++
		}
	})
	if err != nil {
		return nil, nil, err
	}
	// Orders and revenue by product from the month's sums.
	sums, err := paymentSums(db, base, first, last, includeTest)
	if err != nil {
		return nil, nil, err
	}
	for i, ss := range sums {
		at := first.Add(i).Start(loc).Unix()
		m := &ms[i]
		for _, s := range ss {
			if !succeeded(s.Status) {
				continue
			}
			v, err := rt.value(s, at)
			if err != nil {
				return nil, nil, err
			}
			m.orders += s.N
			name := Product(s.Description)
			p := m.products[name]
			if p == nil {
				p = &ProductSales{Product: name}
				m.products[name] = p
			}
			p.Orders += s.N
			p.Revenue += v
		}
	}
	sales := make([]Sales, n)
	products := make([][]ProductSales, n)
	for i, m := range ms {
		sales[i] = Sales{Orders: i64(m.orders), Buyers: i64(int64(len(m.buyers))), NewBuyers: i64(m.first), RepeatBuyers: i64(m.repeat)}
		ps := make([]ProductSales, 0, len(m.products))
		for _, p := range m.products {
			ps = append(ps, *p)
		}
		sort.Slice(ps, func(a, b int) bool {
			if ps[a].Revenue != ps[b].Revenue {
				return ps[a].Revenue > ps[b].Revenue
			}
			return ps[a].Product < ps[b].Product
		})
		products[i] = ps
	}
	return sales, products, nil
}
