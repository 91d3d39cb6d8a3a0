package stripe

import (
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

func init() { importers.Register(payments{}) }

// payments reads the Dashboard's Payments export (unified_payments.csv):
// the default 23 columns, the "all columns" variant, the 2023 variant with
// `Created (UTC)`, metadata columns, and any subset that keeps an id or a
// created date, the amount, the currency and the status.
type payments struct{}

func (payments) Source() string { return source }
func (payments) Kind() string   { return "payments" }
func (payments) Label() string  { return "Stripe payments" }

var (
	paymentCreated = []string{"Created date (UTC)", "Created (UTC)", "Created date", "Created"}
	paymentID      = []string{"id", "Payment ID", "Charge ID"}
)

func (payments) Detect(h *csvfile.Header) float64 {
	if !has(h, "Amount") || !has(h, "Currency") {
		return 0
	}
	// Columns of the other Stripe files (balance, payouts, invoices,
	// customers, subscriptions).
	if has(h, "Arrival Date (UTC)", "Available On (UTC)", "Net", "Amount Due", "Subtotal",
		"Delinquent", "Total Spend", "Current Period End (UTC)", "Current Period End", "Interval") {
		return 0
	}
	created := has(h, paymentCreated[:2]...)
	status := has(h, "Status")
	distinct := count(h, "Converted Currency", "Seller Message", "Captured", "Amount Refunded",
		"Converted Amount", "Decline Reason", "Statement Descriptor", "Taxes On Fee", "Card ID",
		"Refunded date (UTC)", "PaymentIntent ID", "Customer Email", "Invoice ID")
	switch {
	case created && has(h, "Converted Currency", "Seller Message", "Captured"):
		return 0.95
	case created && status && distinct > 0:
		return 0.8
	case status && distinct > 0 && has(h, paymentID...):
		return 0.6
	case created && status && has(h, "id"):
		return 0.4
	}
	return 0
}

func (payments) Bind(h *csvfile.Header, _ importers.Options) (importers.RowFunc, error) {
	var (
		id          = find(h, paymentID...)
		created     = find(h, paymentCreated...)
		amount      = find(h, "Amount")
		refunded    = find(h, "Amount Refunded", "Refunded Amount")
		currency    = find(h, "Currency")
		captured    = find(h, "Captured")
		conv        = find(h, "Converted Amount")
		convRef     = find(h, "Converted Amount Refunded")
		convCur     = find(h, "Converted Currency")
		decline     = find(h, "Decline Reason")
		description = find(h, "Description")
		fee         = find(h, "Fee")
		refundedAt  = find(h, "Refunded date (UTC)", "Refunded Date", "Refunded At (UTC)")
		status      = find(h, "Status")
		customerID  = find(h, "Customer ID")
		email       = find(h, "Customer Email")
		invoice     = find(h, "Invoice ID")
		disputed    = find(h, "Disputed Amount")
		disputedAt  = find(h, "Dispute Date (UTC)", "Dispute Date")
		dispStatus  = find(h, "Dispute Status")
		test        = findTestMode(h)
		meta        = metadataColumns(h)
	)
	if err := checkRequired("Stripe payments", requirement{id, created},
		requirement{amount}, requirement{currency}, requirement{status}); err != nil {
		return nil, err
	}
	num := &numberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &fields{row: row, num: num}
		p := &backend.Payment{
			Source:        source,
			ID:            f.str(id),
			Status:        strings.ToLower(f.str(status)),
			DeclineReason: f.str(decline),
			Description:   f.str(description),
			CustomerID:    f.str(customerID),
			CustomerEmail: f.str(email),
			InvoiceID:     f.str(invoice),
			DisputeStatus: strings.ToLower(f.str(dispStatus)),
			Attrs:         attrs(row, meta),
		}
		if p.Status == "" {
			f.fail("%s is empty", status.Name)
		}
		p.Created = f.requiredTime(created)
		feeExp, feeOK := 0, false
		if cur, exp, ok := f.currency(currency, true); ok {
			p.Currency = cur
			p.Amount = f.requiredAmount(amount, exp)
			p.Refunded = f.amount(refunded, exp)
			p.DisputedAmount = f.optAmount(disputed, exp)
			feeExp, feeOK = exp, true
		}
		// Converted amounts are in the settlement currency; without it
		// their exponent is unknown, so they are left out. The Fee is in
		// the settlement currency too (a 15.00 usd charge settled in thb
		// has a 35.40 thb fee), so it follows Converted Currency when the
		// file has it.
		if cur, exp, ok := f.currency(convCur, false); ok {
			p.ConvertedCurrency = cur
			p.Converted = f.optAmount(conv, exp)
			p.ConvertedRefunded = f.optAmount(convRef, exp)
			feeExp, feeOK = exp, true
		}
		if feeOK {
			p.Fee = f.optAmount(fee, feeExp)
		}
		p.Captured = f.flag(captured)
		p.RefundedAt = f.time(refundedAt)
		p.DisputedAt = f.time(disputedAt)
		p.Test = test.of(row, p.ID)
		if f.err != nil {
			return nil, f.err
		}
		p.RowKey = p.ID
		if p.RowKey == "" {
			p.RowKey = rowHash(row)
		}
		return p, nil
	}, nil
}
