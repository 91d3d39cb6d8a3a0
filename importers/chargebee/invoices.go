package chargebee

import (
	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
)

func init() { importers.Register(invoices{}) }

// invoices reads Invoices.csv into Invoices.
//
// Status mapping (the raw status is kept in Attrs["status"]): paid; posted
// and payment_due -> open; not_paid -> uncollectible (collection failed
// for good); voided -> void; pending -> draft. Chargebee's total is
// sub_total − discounts + tax (+ a round-off); when the file has no
// discount column the discount is derived as sub_total + tax + round-off −
// total when that is positive (Attrs["discount"] = "derived").
type invoices struct{}

func (invoices) Source() string { return source }
func (invoices) Kind() string   { return "invoices" }
func (invoices) Label() string  { return "Chargebee invoices" }

func (invoices) Detect(hh *csvfile.Header) float64 {
	h := columns.NewHeader(hh)
	if otherObjects(h, "invoices") {
		return 0
	}
	if h.Has("invoices.id") && h.Has("invoices.status", "invoices.total") {
		return 0.95
	}
	if !h.Has("Invoice Number", "id") || !h.Has("customer_id", "Customer Id") || !h.Has("amount_paid", "total", "Amount") {
		return 0
	}
	switch n := h.Count("dunning_status", "paid_at", "Paid On", "credits_applied", "amount_adjusted", "write_off_amount",
		"first_invoice", "recurring", "sub_total", "round_off_amount", "price_type"); {
	case n >= 2:
		return 0.95
	case n == 1:
		return 0.9
	}
	return 0
}

func (invoices) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := columns.NewHeader(hh)
	inv := func(names ...string) []string { return api("invoices", names...) }
	var (
		id           = h.Find(also(inv("id"), "Invoice Number", "Invoice Id")...)
		customerID   = h.Find(also(inv("customer_id"), "Customer Id")...)
		email        = h.Find(also(inv("customer_email"), "Customer Email")...)
		subscription = h.Find(also(inv("subscription_id"), "Subscription Id")...)
		status       = h.Find(also(inv("status"), "Status")...)
		date         = h.Find(also(inv("date"), "Invoice Date", "Date")...)
		periodStart  = h.Find(also(inv("period_start", "date_from"), "Start Date", "Period Start")...)
		periodEnd    = h.Find(also(inv("period_end", "date_to"), "End Date", "Period End")...)
		currency     = h.Find(also(inv("currency_code"), "Currency Code", "Currency")...)
		subtotal     = h.FindMoney(also(inv("sub_total"), "Sub Total", "Subtotal")...)
		discount     = h.FindMoney(also(inv("discount", "discount_amount", "total_discount"), "Discount", "Total Discount")...)
		tax          = h.FindMoney(also(inv("tax"), "Tax Total", "Tax")...)
		roundOff     = h.FindMoney(also(inv("round_off_amount"), "Round Off Amount", "Round Off")...)
		total        = h.FindMoney(also(inv("total"), "Total", "Amount")...)
		amountPaid   = h.FindMoney(also(inv("amount_paid"), "Amount Paid")...)
		amountDue    = h.FindMoney(also(inv("amount_due"), "Amount Due")...)
		meta         = customColumns(h, "invoices", also(inv("paid_at", "due_date", "dunning_status", "recurring",
			"credits_applied", "amount_adjusted", "write_off_amount", "first_invoice"), "Paid On", "Dunning Status")...)
	)
	if err := columns.CheckRequired("Chargebee invoices",
		[]columns.Requirement{{id}, {status}, {date}, {currency}, {total}}...); err != nil {
		return nil, err
	}
	num := &columns.NumberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num, Loc: opt.Location, Vendor: vendor}
		raw := columns.NormStatus(f.Required(status))
		in := &backend.Invoice{
			Source:         source,
			ID:             f.Required(id),
			CustomerID:     f.Str(customerID),
			CustomerEmail:  f.Str(email),
			SubscriptionID: f.Str(subscription),
			Status:         invoiceStatus(raw),
			Date:           f.RequiredTime(date),
			PeriodStart:    f.Time(periodStart),
			PeriodEnd:      f.Time(periodEnd),
			Attrs:          columns.Attrs(row, meta),
		}
		in.Number = in.ID
		in.Paid = in.Status == "paid"
		columns.SetAttr(&in.Attrs, "status", raw)
		if cur, exp, ok := f.Currency(currency, true); ok {
			in.Currency = cur
			in.Subtotal = f.Amount(subtotal, exp)
			in.Tax = f.Amount(tax, exp)
			in.Total = f.RequiredAmount(total, exp)
			in.AmountPaid = f.Amount(amountPaid, exp)
			in.AmountDue = f.Amount(amountDue, exp)
			if discount.OK() {
				in.Discount = f.Amount(discount, exp)
			} else if subtotal.OK() && f.Str(subtotal) != "" {
				if d := in.Subtotal + in.Tax + f.Amount(roundOff, exp) - in.Total; d > 0 {
					in.Discount = d
					columns.SetAttr(&in.Attrs, "discount", "derived")
				}
			}
			if !amountDue.OK() && !in.Paid && in.Status != "void" {
				in.AmountDue = in.Total - in.AmountPaid
			}
		}
		if f.Err != nil {
			return nil, f.Err
		}
		return in, nil
	}, nil
}

// invoiceStatus maps Chargebee's invoice statuses to Keel's.
func invoiceStatus(s string) string {
	switch s {
	case "posted", "payment_due":
		return "open"
	case "not_paid":
		return "uncollectible"
	case "voided":
		return "void"
	case "pending":
		return "draft"
	}
	return s
}
