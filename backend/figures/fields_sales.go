package figures

// The sales figures: who paid in the month, from the payments export. They
// are not in `keel metrics --json` (METRICS.md's contract); the Revenue
// screen of a workspace with payments but no subscriptions shows them, and
// the money beside them is revenue.collected.

func sales(get func(*Month) *int64) func(*Month) *float64 {
	return func(m *Month) *float64 {
		if m.Sales == nil {
			return nil
		}
		return num(get(m))
	}
}

var salesFields = []*Field{
	&Field{"sales.orders", "Orders", Count, "up", Payments, "",
		text("Succeeded payments (status Paid or Refunded) created in the month, one per order or charge, free ones included."),
		sales(func(m *Month) *int64 { return m.Sales.Orders })},
	&Field{"sales.buyers", "Buyers", Count, "up", Payments, "",
		text("Distinct buyers of the month's orders: by customer id, else by e-mail; an order without either counts as an order, not a buyer."),
		sales(func(m *Month) *int64 { return m.Sales.Buyers })},
	&Field{"sales.new_buyers", "New buyers", Count, "up", Payments, "",
		text("Buyers of the month whose first succeeded payment is in the month."),
		sales(func(m *Month) *int64 { return m.Sales.NewBuyers })},
	&Field{"sales.repeat_buyers", "Repeat buyers", Count, "up", Payments, "",
		text("Buyers of the month who had paid before the month began."),
		sales(func(m *Month) *int64 { return m.Sales.RepeatBuyers })},
}

// Reads says whether the numbers of s read figure f: not when f's area is
// not tracked yet, and not the sales figures when MRR is known (revenue is
// then read by MRR, not by orders).
func (s *Set) Reads(f *Field) bool {
	if !s.Last().HasSection(f.Section()) {
		return false
	}
	return f.Section() != "sales" || s.Has&Billing == 0
}
