package stripe

import (
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
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
	if has(h, "Arrival Date (UTC)", "Arrival Date", "Available On (UTC)", "Available On", "Net", "Amount Due", "Subtotal",
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
	if err := columns.CheckRequired("Stripe payments",
		[]columns.Requirement{{id, created}, {amount}, {currency}, {status}}...); err != nil {
		return nil, err
	}
	num := &columns.NumberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num}
		p := &backend.Payment{
			Source:        source,
			ID:            f.Str(id),
			Status:        strings.ToLower(f.Str(status)),
			DeclineReason: f.Str(decline),
			Description:   f.Str(description),
			CustomerID:    f.Str(customerID),
			CustomerEmail: f.Str(email),
			InvoiceID:     f.Str(invoice),
			DisputeStatus: strings.ToLower(f.Str(dispStatus)),
			Attrs:         columns.Attrs(row, meta),
		}
		if p.Status == "" {
			f.Fail("%s is empty", status.Name)
		}
		p.Created = f.RequiredTime(created)
		feeExp, feeOK := 0, false
		if cur, exp, ok := readCurrency(f, currency, true); ok {
			p.Currency = cur
			p.Amount = f.RequiredAmount(amount, exp)
			p.Refunded = f.Amount(refunded, exp)
			p.DisputedAmount = f.OptAmount(disputed, exp)
			feeExp, feeOK = exp, true
		}
		// Converted amounts are in the settlement currency; without it
		// their exponent is unknown, so they are left out. The Fee is in
		// the settlement currency too (a 15.00 usd charge settled in thb
		// has a 35.40 thb fee), so it follows Converted Currency when the
		// file has it.
		if cur, exp, ok := readCurrency(f, convCur, false); ok {
			p.ConvertedCurrency = cur
			p.Converted = f.OptAmount(conv, exp)
			p.ConvertedRefunded = f.OptAmount(convRef, exp)
			feeExp, feeOK = exp, true
		}
		if feeOK {
			p.Fee = f.OptAmount(fee, feeExp)
		}
		p.Captured = f.Flag(captured)
		p.RefundedAt = f.Time(refundedAt)
		p.DisputedAt = f.Time(disputedAt)
		p.Test = test.of(row, p.ID)
		if f.Err != nil {
			return nil, f.Err
		}
		p.RowKey = p.ID
		if p.RowKey == "" {
			p.RowKey = rowHash(row)
		}
		return p, nil
	}, nil
}
