package stripe

import (
	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
)

func init() { importers.Register(invoices{}) }

// invoices reads the Dashboard's Invoices export (invoices.csv): the 19
// column 2023 set, plus `Period Start (UTC)`, `Period End (UTC)` and
// `Customer Email` when newer exports have them. `Customer` holds the
// customer id.
type invoices struct{}

func (invoices) Source() string { return source }
func (invoices) Kind() string   { return "invoices" }
func (invoices) Label() string  { return "Stripe invoices" }

func (invoices) Detect(h *csvfile.Header) float64 {
	if !has(h, "Amount Due") || !has(h, "id", "Invoice ID") {
		return 0
	}
	switch {
	case has(h, "Subtotal") && has(h, "Subscription", "Subscription ID"):
		return 0.95
	case has(h, "Subtotal", "Amount Paid", "Total"):
		return 0.7
	case has(h, "Currency"):
		return 0.5
	}
	return 0
}

func (invoices) Bind(h *csvfile.Header, _ importers.Options) (importers.RowFunc, error) {
	var (
		id           = find(h, "id", "Invoice ID")
		number       = find(h, "Number", "Invoice Number")
		customerID   = find(h, "Customer", "Customer ID")
		email        = find(h, "Customer Email")
		subscription = find(h, "Subscription", "Subscription ID")
		status       = find(h, "Status")
		currency     = find(h, "Currency")
		date         = find(h, "Date (UTC)", "Date", "Created (UTC)", "Invoice Date (UTC)")
		periodStart  = find(h, "Period Start (UTC)", "Period Start")
		periodEnd    = find(h, "Period End (UTC)", "Period End")
		subtotal     = find(h, "Subtotal")
		discount     = find(h, "Total Discount Amount", "Discount", "Total Discount", "Discount Amount")
		tax          = find(h, "Tax")
		total        = find(h, "Total")
		amountDue    = find(h, "Amount Due")
		amountPaid   = find(h, "Amount Paid")
		paid         = find(h, "Paid")
		test         = findTestMode(h)
		meta         = metadataColumns(h)
	)
	if err := columns.CheckRequired("Stripe invoices",
		[]columns.Requirement{{id}, {currency}, {date}, {total}}...); err != nil {
		return nil, err
	}
	num := &columns.NumberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num}
		in := &backend.Invoice{
			Source:         source,
			ID:             f.Str(id),
			Number:         f.Str(number),
			CustomerID:     f.Str(customerID),
			CustomerEmail:  f.Str(email),
			SubscriptionID: f.Str(subscription),
			Status:         normStatus(f.Str(status)),
			Date:           f.RequiredTime(date),
			PeriodStart:    f.Time(periodStart),
			PeriodEnd:      f.Time(periodEnd),
			Paid:           f.Flag(paid),
			Attrs:          columns.Attrs(row, meta),
		}
		if in.ID == "" {
			f.Fail("%s is empty", id.Name)
		}
		if cur, exp, ok := readCurrency(f, currency, true); ok {
			in.Currency = cur
			in.Subtotal = f.Amount(subtotal, exp)
			in.Discount = f.Amount(discount, exp)
			in.Tax = f.Amount(tax, exp)
			in.Total = f.RequiredAmount(total, exp)
			in.AmountDue = f.Amount(amountDue, exp)
			in.AmountPaid = f.Amount(amountPaid, exp)
		}
		in.Test = test.of(row, in.ID)
		if f.Err != nil {
			return nil, f.Err
		}
		return in, nil
	}, nil
}
