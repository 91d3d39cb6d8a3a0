package paddle

import (
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

func init() { importers.Register(transactions{}) }

// transactions reads Paddle Billing's transactions report (and API dumps
// of transactions flattened to columns) into Payments.
//
// Amount is what the customer was charged, tax included: the grand total
// (total after credits, before payments), else the total. Created is
// billed_at (when the transaction was billed or completed), else
// created_at. Fee is details.totals.fee in the transaction currency, or the
// payout fee in the payout currency when the file has payout totals with
// their currency (then Converted is the payout total, like Stripe's
// Converted Amount). Refunds and chargebacks live in Paddle's adjustments
// report, which Keel does not read; when the file has adjusted totals, the
// difference from the total is kept as Refunded (without a refund date).
//
// Status mapping (the raw status is kept in Attrs["status"]):
// completed and paid -> paid; billed -> pending (an issued invoice not yet
// paid); past_due -> failed for automatic collection (the charge failed and
// the subscription is in dunning), pending for manual collection (an
// overdue invoice); draft and ready -> incomplete (an unfinished checkout);
// canceled -> canceled. A fully refunded transaction is refunded.
type transactions struct{}

func (transactions) Source() string { return source }
func (transactions) Kind() string   { return "payments" }
func (transactions) Label() string  { return "Paddle transactions" }

var (
	txnTotal = []string{"details.totals.grand_total", "totals.grand_total", "grand_total", "details.totals.total",
		"totals.total", "total", "Grand Total", "Total", "Amount"}
	txnGrand      = []string{"details.totals.grand_total", "totals.grand_total", "grand_total", "Grand Total"}
	txnTotalOnly  = []string{"details.totals.total", "totals.total", "total", "Total", "Amount"}
	txnCurrency   = []string{"currency_code", "Currency Code", "currency", "Currency"}
	txnPaddleOnly = []string{"billed_at", "collection_mode", "origin", "invoice_number", "address_id", "business_id",
		"price_ids", "discount_ids", "details.totals.grand_total", "details.totals.total", "details.totals.earnings",
		"details.payout_totals.total", "Billed At", "Collection Mode", "Invoice Number"}
)

func (transactions) Detect(hh *csvfile.Header) float64 {
	h := newHeader(hh)
	if !h.has("id", "transaction_id", "Transaction ID") || !h.has("status", "Status") || !h.has("currency_code") {
		return 0
	}
	// Subscriptions and line-item reports have their own columns.
	if h.has("billing_cycle.interval", "current_billing_period.ends_at", "next_billed_at", "txnitm_id") ||
		(h.has("transaction_id") && h.has("id") && h.has("quantity", "price_id", "product_id")) {
		return 0
	}
	distinct := h.count(txnPaddleOnly...)
	switch {
	case distinct >= 2 && h.has(txnTotal...):
		return 0.95
	case distinct >= 1 && h.has(txnTotal...):
		return 0.9
	case distinct >= 1 && h.has("created_at"):
		return 0.6
	}
	return 0
}

func (transactions) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := newHeader(hh)
	var (
		id           = h.find("id", "transaction_id", "Transaction ID")
		status       = h.find("status", "Status")
		customerID   = h.find("customer_id", "Customer ID")
		email        = h.find("customer_email", "customer.email", "Customer Email", "email")
		subscription = h.find("subscription_id", "Subscription ID")
		invoice      = h.find("invoice_number", "invoice_id", "Invoice Number")
		created      = h.find("created_at", "Created At", "created")
		billed       = h.find("billed_at", "Billed At")
		currency     = h.find(txnCurrency...)
		total        = h.findMoney(txnTotal...)
		grand        = h.findMoney(txnGrand...)
		totalOnly    = h.findMoney(txnTotalOnly...)
		adjusted     = h.findMoney("details.adjusted_totals.total", "adjusted_totals.total", "adjusted_total", "Adjusted Total")
		fee          = h.findMoney("details.totals.fee", "totals.fee", "fee", "Fee")
		payoutCur    = h.find("details.payout_totals.currency_code", "payout_totals.currency_code", "payout_currency_code", "Payout Currency")
		payoutTotal  = h.findMoney("details.payout_totals.grand_total", "payout_totals.grand_total", "details.payout_totals.total",
			"payout_totals.total", "payout_total", "Payout Total")
		payoutFee  = h.findMoney("details.payout_totals.fee", "payout_totals.fee", "payout_fee", "Payout Fee")
		collection = h.find("collection_mode", "Collection Mode")
		meta       = h.attrColumns([]string{"custom_data"}, "origin", "collection_mode", "details.totals.subtotal",
			"details.totals.discount", "details.totals.tax", "details.totals.earnings", "subtotal", "tax", "discount", "earnings",
			"address_country_code", "business_name", "price_ids", "discount_ids", "created_at")
	)
	if err := checkRequired("Paddle transactions", requirement{id}, requirement{status}, requirement{currency},
		requirement{total}, requirement{created, billed}); err != nil {
		return nil, err
	}
	num := &numberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &fields{row: row, num: num, loc: opt.Location}
		raw := normStatus(f.required(status))
		p := &backend.Payment{
			Source:        source,
			ID:            f.required(id),
			CustomerID:    f.str(customerID),
			CustomerEmail: f.str(email),
			InvoiceID:     f.str(invoice),
			Attrs:         attrs(row, meta),
		}
		setAttr(&p.Attrs, "status", raw)
		setAttr(&p.Attrs, "subscription_id", f.str(subscription))
		if t := f.time(billed); t != nil {
			p.Created = *t
		} else if created.ok() {
			p.Created = f.requiredTime(created)
		} else {
			f.fail("%s is empty", billed.Name)
		}
		if cur, exp, ok := f.currency(currency, true); ok {
			p.Currency = cur
			// The grand total, else (a draft has none yet) the total.
			switch {
			case f.str(grand) != "" || !totalOnly.ok():
				p.Amount = f.requiredAmount(total, exp)
			default:
				p.Amount = f.requiredAmount(totalOnly, exp)
			}
			if adj := f.optAmount(adjusted, exp); adj != nil {
				base := p.Amount
				if totalOnly.ok() {
					base = f.amount(totalOnly, exp)
				}
				if r := base - *adj; r > 0 {
					p.Refunded = min(r, p.Amount)
				}
			}
			if pc, pexp, ok := f.currency(payoutCur, false); ok {
				p.ConvertedCurrency = pc
				p.Converted = f.optAmount(payoutTotal, pexp)
				p.Fee = f.optAmount(payoutFee, pexp)
			} else {
				p.Fee = f.optAmount(fee, exp)
			}
		}
		p.Status = txnStatus(raw, strings.ToLower(f.str(collection)))
		if p.Status == "paid" && p.Amount > 0 && p.Refunded >= p.Amount {
			p.Status = "refunded"
		}
		p.Captured = p.Status == "paid" || p.Status == "refunded"
		if f.err != nil {
			return nil, f.err
		}
		p.RowKey = source + ":" + p.ID
		return p, nil
	}, nil
}

// txnStatus maps a Paddle transaction status to Keel's payment statuses.
func txnStatus(s, collection string) string {
	switch s {
	case "completed", "paid":
		return "paid"
	case "billed":
		return "pending"
	case "past_due":
		if collection == "manual" {
			return "pending"
		}
		return "failed"
	case "draft", "ready":
		return "incomplete"
	case "canceled", "cancelled":
		return "canceled"
	}
	return s
}
