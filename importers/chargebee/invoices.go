package chargebee

import (
	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
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
	h := newHeader(hh)
	if otherObjects(h, "invoices") {
		return 0
	}
	if h.has("invoices.id") && h.has("invoices.status", "invoices.total") {
		return 0.95
	}
	if !h.has("Invoice Number", "id") || !h.has("customer_id", "Customer Id") || !h.has("amount_paid", "total", "Amount") {
		return 0
	}
	switch n := h.count("dunning_status", "paid_at", "Paid On", "credits_applied", "amount_adjusted", "write_off_amount",
		"first_invoice", "recurring", "sub_total", "round_off_amount", "price_type"); {
	case n >= 2:
		return 0.95
	case n == 1:
		return 0.9
	}
	return 0
}

func (invoices) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := newHeader(hh)
	inv := func(names ...string) []string { return api("invoices", names...) }
	var (
		id           = h.find(also(inv("id"), "Invoice Number", "Invoice Id")...)
		customerID   = h.find(also(inv("customer_id"), "Customer Id")...)
		email        = h.find(also(inv("customer_email"), "Customer Email")...)
		subscription = h.find(also(inv("subscription_id"), "Subscription Id")...)
		status       = h.find(also(inv("status"), "Status")...)
		date         = h.find(also(inv("date"), "Invoice Date", "Date")...)
		periodStart  = h.find(also(inv("period_start", "date_from"), "Start Date", "Period Start")...)
		periodEnd    = h.find(also(inv("period_end", "date_to"), "End Date", "Period End")...)
		currency     = h.find(also(inv("currency_code"), "Currency Code", "Currency")...)
		subtotal     = h.findMoney(also(inv("sub_total"), "Sub Total", "Subtotal")...)
		discount     = h.findMoney(also(inv("discount", "discount_amount", "total_discount"), "Discount", "Total Discount")...)
		tax          = h.findMoney(also(inv("tax"), "Tax Total", "Tax")...)
		roundOff     = h.findMoney(also(inv("round_off_amount"), "Round Off Amount", "Round Off")...)
		total        = h.findMoney(also(inv("total"), "Total", "Amount")...)
		amountPaid   = h.findMoney(also(inv("amount_paid"), "Amount Paid")...)
		amountDue    = h.findMoney(also(inv("amount_due"), "Amount Due")...)
		meta         = customColumns(h, "invoices", also(inv("paid_at", "due_date", "dunning_status", "recurring",
			"credits_applied", "amount_adjusted", "write_off_amount", "first_invoice"), "Paid On", "Dunning Status")...)
	)
	if err := checkRequired("Chargebee invoices", requirement{id}, requirement{status}, requirement{date},
		requirement{currency}, requirement{total}); err != nil {
		return nil, err
	}
	num := &numberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &fields{row: row, num: num, loc: opt.Location}
		raw := normStatus(f.required(status))
		in := &backend.Invoice{
			Source:         source,
			ID:             f.required(id),
			CustomerID:     f.str(customerID),
			CustomerEmail:  f.str(email),
			SubscriptionID: f.str(subscription),
			Status:         invoiceStatus(raw),
			Date:           f.requiredTime(date),
			PeriodStart:    f.time(periodStart),
			PeriodEnd:      f.time(periodEnd),
			Attrs:          attrs(row, meta),
		}
		in.Number = in.ID
		in.Paid = in.Status == "paid"
		setAttr(&in.Attrs, "status", raw)
		if cur, exp, ok := f.currency(currency, true); ok {
			in.Currency = cur
			in.Subtotal = f.amount(subtotal, exp)
			in.Tax = f.amount(tax, exp)
			in.Total = f.requiredAmount(total, exp)
			in.AmountPaid = f.amount(amountPaid, exp)
			in.AmountDue = f.amount(amountDue, exp)
			if discount.ok() {
				in.Discount = f.amount(discount, exp)
			} else if subtotal.ok() && f.str(subtotal) != "" {
				if d := in.Subtotal + in.Tax + f.amount(roundOff, exp) - in.Total; d > 0 {
					in.Discount = d
					setAttr(&in.Attrs, "discount", "derived")
				}
			}
			if !amountDue.ok() && !in.Paid && in.Status != "void" {
				in.AmountDue = in.Total - in.AmountPaid
			}
		}
		if f.err != nil {
			return nil, f.err
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
