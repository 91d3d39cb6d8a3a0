package stripe

import (
	"strings"

	"keel/backend"
	"keel/backend/money"
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
	if !has(h, "Amount") {
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
	distinct := count(h, paymentOnly...)
	if !has(h, "Currency") {
		// A founder's own choice of columns in Stripe's export dialog may
		// leave out Currency (and Status): Stripe's id and created date
		// and two columns only the payments export has still say what it
		// is.
		if created && has(h, "id") && distinct >= 2 {
			return 0.9
		}
		return 0
	}
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

// paymentOnly are columns only the payments export has.
var paymentOnly = []string{"Converted Currency", "Seller Message", "Captured", "Amount Refunded",
	"Converted Amount", "Decline Reason", "Statement Descriptor", "Taxes On Fee", "Card ID",
	"Refunded date (UTC)", "PaymentIntent ID", "Customer Email", "Invoice ID", "Payment Source Type",
	"Is Link", "Link Funding"}

func (payments) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
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
	if err := columns.CheckRequired("Stripe payments", []columns.Requirement{{id, created}, {amount}}...); err != nil {
		return nil, err
	}
	// A founder's own column choice may leave out Currency and Status; the
	// import goes on with what is assumed instead, said in its report.
	var assumed string
	var assumedExp int
	if !currency.OK() {
		if err := columns.CheckRequired("Stripe payments", columns.Requirement{id}); err != nil {
			return nil, err // a file with no id and no currency is not one Keel can place
		}
		cur, why := opt.AssumedCurrency()
		exp, ok := money.Exponent(cur)
		if !ok {
			return nil, backend.Errorf(backend.Invalid, "%q is not a currency code Keel knows", cur)
		}
		assumed, assumedExp = cur, exp
		if convCur.OK() {
			opt.Notef("The file has no Currency column: each payment is read in its Converted Currency (%s, %s, where that is empty).", strings.ToUpper(cur), why)
		} else {
			opt.Notef("The file has no Currency column: every amount is read in %s, %s. If that is wrong, undo this import and import the file again with its currency.", strings.ToUpper(cur), why)
		}
	}
	if !status.OK() {
		if err := columns.CheckRequired("Stripe payments", columns.Requirement{id}); err != nil {
			return nil, err
		}
		opt.Notef("The file has no Status column: payments with an id are taken as succeeded (failed when they have a Decline Reason, refunded when Amount Refunded is their whole amount) and rows without an id are skipped as incomplete payment intents, as in Stripe's full export.")
	}
	num := &columns.NumberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num}
		if !status.OK() && f.Str(id) == "" {
			return nil, nil // an incomplete payment intent: never a payment
		}
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
		if p.Status == "" && status.OK() {
			f.Fail("%s is empty", status.Name)
		}
		p.Created = f.RequiredTime(created)
		feeExp, feeOK := 0, false
		settleCur, settleExp, settleOK := readCurrency(f, convCur, false)
		var chargeCur string
		var chargeExp int
		var chargeOK bool
		switch {
		case assumed == "":
			chargeCur, chargeExp, chargeOK = readCurrency(f, currency, true)
		case settleOK:
			// No Currency column: the row's settlement currency, when the
			// file has one, else the assumed one for every amount.
			chargeCur, chargeExp, chargeOK = settleCur, settleExp, true
		case f.Err == nil:
			chargeCur, chargeExp, chargeOK = assumed, assumedExp, true
			settleCur, settleExp, settleOK = assumed, assumedExp, true
		}
		if chargeOK {
			p.Currency = chargeCur
			p.Amount = f.RequiredAmount(amount, chargeExp)
			p.Refunded = f.Amount(refunded, chargeExp)
			p.DisputedAmount = f.OptAmount(disputed, chargeExp)
			feeExp, feeOK = chargeExp, true
		}
		// Converted amounts are in the settlement currency; without it
		// their exponent is unknown, so they are left out. The Fee is in
		// the settlement currency too (a 15.00 usd charge settled in thb
		// has a 35.40 thb fee), so it follows Converted Currency when the
		// file has it.
		if settleOK && (convCur.OK() || conv.OK()) {
			p.ConvertedCurrency = settleCur
			p.Converted = f.OptAmount(conv, settleExp)
			p.ConvertedRefunded = f.OptAmount(convRef, settleExp)
			feeExp, feeOK = settleExp, true
		}
		if feeOK {
			p.Fee = f.OptAmount(fee, feeExp)
		}
		if !status.OK() {
			p.Status = "paid"
			switch {
			case p.DeclineReason != "":
				p.Status = "failed"
			case p.Amount > 0 && p.Refunded >= p.Amount:
				p.Status = "refunded"
			}
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
