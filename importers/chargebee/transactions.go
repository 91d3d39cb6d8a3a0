package chargebee

import (
	"keel/backend"
	"keel/backend/money"
	"keel/importers"
	"keel/importers/csvfile"
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
	h := newHeader(hh)
	if otherObjects(h, "transactions") {
		return 0
	}
	if h.has("transactions.id") && h.has("transactions.amount", "transactions.status") {
		return 0.95
	}
	if !h.has("Transaction Id", "id") || !h.has("type") || !h.has("status") || !h.has("amount") || !h.has("currency_code", "Currency") {
		return 0
	}
	switch n := h.count("gateway", "payment_method", "id_at_gateway", "amount_unused", "reference_number",
		"gateway_account_id", "masked_card_number", "exchange_rate", "base_currency_code", "settled_at"); {
	case n >= 2:
		return 0.95
	case n == 1:
		return 0.9
	}
	return 0
}

func (transactions) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := newHeader(hh)
	txn := func(names ...string) []string { return api("transactions", names...) }
	var (
		id         = h.find(also(txn("id"), "Transaction Id")...)
		customerID = h.find(also(txn("customer_id"), "Customer Id")...)
		email      = h.find(also(txn("customer_email"), "Customer Email")...)
		kind       = h.find(also(txn("type"), "Type")...)
		status     = h.find(also(txn("status"), "Status")...)
		amount     = h.findMoney(also(txn("amount"), "Amount")...)
		currency   = h.find(also(txn("currency_code"), "Currency Code", "Currency")...)
		date       = h.find(also(txn("date"), "Transaction Date", "Date")...)
		invoice    = h.find(also(txn("invoice_id", "linked_invoices.invoice_id"), "Invoice Number", "Invoice Id")...)
		errorText  = h.find(also(txn("error_text", "error_code"), "Error Text")...)
		rate       = h.find(also(txn("exchange_rate"), "Exchange Rate")...)
		base       = h.find(also(txn("base_currency_code"), "Base Currency Code")...)
		meta       = customColumns(h, "transactions", also(txn("subscription_id", "payment_method", "gateway",
			"reference_number", "id_at_gateway", "amount_unused", "reference_transaction_id", "refunded_txn_id"),
			"Subscription Id", "Payment Method", "Gateway", "Reference Number")...)
	)
	if err := checkRequired("Chargebee transactions", requirement{id}, requirement{kind}, requirement{status},
		requirement{amount}, requirement{currency}, requirement{date}); err != nil {
		return nil, err
	}
	num := &numberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &fields{row: row, num: num, loc: opt.Location}
		typ, st := normStatus(f.required(kind)), normStatus(f.required(status))
		p := &backend.Payment{
			Source:        source,
			ID:            f.required(id),
			CustomerID:    f.str(customerID),
			CustomerEmail: f.str(email),
			InvoiceID:     f.str(invoice),
			Created:       f.requiredTime(date),
			DeclineReason: f.str(errorText),
			Attrs:         attrs(row, meta),
		}
		setAttr(&p.Attrs, "type", typ)
		setAttr(&p.Attrs, "status", st)
		cur, exp, ok := f.currency(currency, true)
		var amt int64
		if ok {
			p.Currency = cur
			amt = f.requiredAmount(amount, exp)
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
			f.fail("%s %q is not payment, refund, payment_reversal or authorization", kind.Name, f.str(kind))
		}
		p.Captured = p.Status == "paid"
		if ok && f.str(rate) != "" {
			if bc, bexp, bok := f.currency(base, false); bok && bc != cur {
				r, err := money.ParseRate(f.str(rate))
				if err != nil {
					f.fail("%s %q is not an exchange rate", rate.Name, f.str(rate))
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
		if f.err != nil {
			return nil, f.err
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
