package chargebee

import (
	"keel/backend"
	"keel/backend/money"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
)

func init() { importers.Register(transactions{}) }

// transactions reads Transactions.csv into Payments, one per transaction.
//
// A payment transaction is a Payment of its amount: success -> paid,
// failure and late_failure -> failed, voided -> canceled, in_progress,
// needs_attention and timeout -> pending. A refund (or payment_reversal)
// is its own transaction in Chargebee, so it becomes a Payment of amount 0
// with the money in Refunded and the transaction date in RefundedAt
// (status "refund" or "payment_reversal"; a refund that did not succeed
// refunds nothing and gets "refund_failed" / "refund_pending"). That way
// collected counts payments and refunded counts refunds, each in its own
// month. An authorization is status "authorization" (no money moved).
// When the file has exchange_rate and base_currency_code, Converted is the
// amount in the base currency at that rate. The raw type and status are
// kept in Attrs.
type transactions struct{}

func (transactions) Source() string { return source }
func (transactions) Kind() string   { return "payments" }
func (transactions) Label() string  { return "Chargebee transactions" }

func (transactions) Detect(hh *csvfile.Header) float64 {
	h := columns.NewHeader(hh)
	if otherObjects(h, "transactions") {
		return 0
	}
	if h.Has("transactions.id") && h.Has("transactions.amount", "transactions.status") {
		return 0.95
	}
	if !h.Has("Transaction Id", "id") || !h.Has("type") || !h.Has("status") || !h.Has("amount") || !h.Has("currency_code", "Currency") {
		return 0
	}
	switch n := h.Count("gateway", "payment_method", "id_at_gateway", "amount_unused", "reference_number",
		"gateway_account_id", "masked_card_number", "exchange_rate", "base_currency_code", "settled_at"); {
	case n >= 2:
		return 0.95
	case n == 1:
		return 0.9
	}
	return 0
}

func (transactions) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := columns.NewHeader(hh)
	txn := func(names ...string) []string { return api("transactions", names...) }
	var (
		id         = h.Find(also(txn("id"), "Transaction Id")...)
		customerID = h.Find(also(txn("customer_id"), "Customer Id")...)
		email      = h.Find(also(txn("customer_email"), "Customer Email")...)
		kind       = h.Find(also(txn("type"), "Type")...)
		status     = h.Find(also(txn("status"), "Status")...)
		amount     = h.FindMoney(also(txn("amount"), "Amount")...)
		currency   = h.Find(also(txn("currency_code"), "Currency Code", "Currency")...)
		date       = h.Find(also(txn("date"), "Transaction Date", "Date")...)
		invoice    = h.Find(also(txn("invoice_id", "linked_invoices.invoice_id"), "Invoice Number", "Invoice Id")...)
		errorText  = h.Find(also(txn("error_text", "error_code"), "Error Text")...)
		rate       = h.Find(also(txn("exchange_rate"), "Exchange Rate")...)
		base       = h.Find(also(txn("base_currency_code"), "Base Currency Code")...)
		meta       = customColumns(h, "transactions", also(txn("subscription_id", "payment_method", "gateway",
			"reference_number", "id_at_gateway", "amount_unused", "reference_transaction_id", "refunded_txn_id"),
			"Subscription Id", "Payment Method", "Gateway", "Reference Number")...)
	)
	if err := columns.CheckRequired("Chargebee transactions",
		[]columns.Requirement{{id}, {kind}, {status}, {amount}, {currency}, {date}}...); err != nil {
		return nil, err
	}
	num := &columns.NumberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num, Loc: opt.Location, Vendor: vendor}
		typ, st := columns.NormStatus(f.Required(kind)), columns.NormStatus(f.Required(status))
		p := &backend.Payment{
			Source:        source,
			ID:            f.Required(id),
			CustomerID:    f.Str(customerID),
			CustomerEmail: f.Str(email),
			InvoiceID:     f.Str(invoice),
			Created:       f.RequiredTime(date),
			DeclineReason: f.Str(errorText),
			Attrs:         columns.Attrs(row, meta),
		}
		columns.SetAttr(&p.Attrs, "type", typ)
		columns.SetAttr(&p.Attrs, "status", st)
		cur, exp, ok := f.Currency(currency, true)
		var amt int64
		if ok {
			p.Currency = cur
			amt = f.RequiredAmount(amount, exp)
		}
		outcome := txnOutcome(st)
		switch typ {
		case "payment":
			p.Amount, p.Status = amt, outcome
		case "refund", "payment_reversal":
			p.Status = typ
			if outcome == "paid" {
				p.Refunded = amt
				at := p.Created
				p.RefundedAt = &at
			} else {
				p.Status = typ + "_" + outcome
			}
		case "authorization":
			p.Amount, p.Status = amt, "authorization"
		default:
			f.Fail("%s %q is not payment, refund, payment_reversal or authorization", kind.Name, f.Str(kind))
		}
		p.Captured = p.Status == "paid"
		if ok && f.Str(rate) != "" {
			if bc, bexp, bok := f.Currency(base, false); bok && bc != cur {
				r, err := money.ParseRate(f.Str(rate))
				if err != nil {
					f.Fail("%s %q is not an exchange rate", rate.Name, f.Str(rate))
				} else {
					conv := money.ConvertRat(p.Amount, exp, r, bexp)
					p.Converted, p.ConvertedCurrency = &conv, bc
					if p.Refunded != 0 {
						ref := money.ConvertRat(p.Refunded, exp, r, bexp)
						p.ConvertedRefunded = &ref
					}
				}
			}
		}
		if f.Err != nil {
			return nil, f.Err
		}
		p.RowKey = source + ":" + p.ID
		return p, nil
	}, nil
}

// txnOutcome maps a Chargebee transaction status to paid, failed,
// canceled or pending.
func txnOutcome(s string) string {
	switch s {
	case "success":
		return "paid"
	case "failure", "late_failure":
		return "failed"
	case "voided":
		return "canceled"
	case "in_progress", "needs_attention", "timeout":
		return "pending"
	}
	return s
}
