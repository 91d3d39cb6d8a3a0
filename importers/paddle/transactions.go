package paddle

import (
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
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
	h := columns.NewHeader(hh)
	if !h.Has("id", "transaction_id", "Transaction ID") || !h.Has("status", "Status") || !h.Has("currency_code") {
		return 0
	}
	// Subscriptions and line-item reports have their own columns.
	if h.Has("billing_cycle.interval", "current_billing_period.ends_at", "next_billed_at", "txnitm_id") ||
		(h.Has("transaction_id") && h.Has("id") && h.Has("quantity", "price_id", "product_id")) {
		return 0
	}
	distinct := h.Count(txnPaddleOnly...)
	switch {
	case distinct >= 2 && h.Has(txnTotal...):
		return 0.95
	case distinct >= 1 && h.Has(txnTotal...):
		return 0.9
	case distinct >= 1 && h.Has("created_at"):
		return 0.6
	}
	return 0
}

func (transactions) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := columns.NewHeader(hh)
	var (
		id           = h.Find("id", "transaction_id", "Transaction ID")
		status       = h.Find("status", "Status")
		customerID   = h.Find("customer_id", "Customer ID")
		email        = h.Find("customer_email", "customer.email", "Customer Email", "email")
		subscription = h.Find("subscription_id", "Subscription ID")
		invoice      = h.Find("invoice_number", "invoice_id", "Invoice Number")
		created      = h.Find("created_at", "Created At", "created")
		billed       = h.Find("billed_at", "Billed At")
		currency     = h.Find(txnCurrency...)
		total        = h.FindMoney(txnTotal...)
		grand        = h.FindMoney(txnGrand...)
		totalOnly    = h.FindMoney(txnTotalOnly...)
		adjusted     = h.FindMoney("details.adjusted_totals.total", "adjusted_totals.total", "adjusted_total", "Adjusted Total")
		fee          = h.FindMoney("details.totals.fee", "totals.fee", "fee", "Fee")
		payoutCur    = h.Find("details.payout_totals.currency_code", "payout_totals.currency_code", "payout_currency_code", "Payout Currency")
		payoutTotal  = h.FindMoney("details.payout_totals.grand_total", "payout_totals.grand_total", "details.payout_totals.total",
			"payout_totals.total", "payout_total", "Payout Total")
		payoutFee  = h.FindMoney("details.payout_totals.fee", "payout_totals.fee", "payout_fee", "Payout Fee")
		collection = h.Find("collection_mode", "Collection Mode")
		meta       = h.AttrColumns([]string{"custom_data"}, "origin", "collection_mode", "details.totals.subtotal",
			"details.totals.discount", "details.totals.tax", "details.totals.earnings", "subtotal", "tax", "discount", "earnings",
			"address_country_code", "business_name", "price_ids", "discount_ids", "created_at")
	)
	if err := columns.CheckRequired("Paddle transactions",
		[]columns.Requirement{{id}, {status}, {currency}, {total}, {created, billed}}...); err != nil {
		return nil, err
	}
	num := &columns.NumberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num, Loc: opt.Location, Vendor: vendor}
		raw := columns.NormStatus(f.Required(status))
		p := &backend.Payment{
			Source:        source,
			ID:            f.Required(id),
			CustomerID:    f.Str(customerID),
			CustomerEmail: f.Str(email),
			InvoiceID:     f.Str(invoice),
			Attrs:         columns.Attrs(row, meta),
		}
		columns.SetAttr(&p.Attrs, "status", raw)
		columns.SetAttr(&p.Attrs, "subscription_id", f.Str(subscription))
		if t := f.Time(billed); t != nil {
			p.Created = *t
		} else if created.OK() {
			p.Created = f.RequiredTime(created)
		} else {
			f.Fail("%s is empty", billed.Name)
		}
		if cur, exp, ok := f.Currency(currency, true); ok {
			p.Currency = cur
			// The grand total, else (a draft has none yet) the total.
			switch {
			case f.Str(grand) != "" || !totalOnly.OK():
				p.Amount = f.RequiredAmount(total, exp)
			default:
				p.Amount = f.RequiredAmount(totalOnly, exp)
			}
			if adj := f.OptAmount(adjusted, exp); adj != nil {
				base := p.Amount
				if totalOnly.OK() {
					base = f.Amount(totalOnly, exp)
				}
				if r := base - *adj; r > 0 {
					p.Refunded = min(r, p.Amount)
				}
			}
			if pc, pexp, ok := f.Currency(payoutCur, false); ok {
				p.ConvertedCurrency = pc
				p.Converted = f.OptAmount(payoutTotal, pexp)
				p.Fee = f.OptAmount(payoutFee, pexp)
			} else {
				p.Fee = f.OptAmount(fee, exp)
			}
		}
		p.Status = txnStatus(raw, strings.ToLower(f.Str(collection)))
		if p.Status == "paid" && p.Amount > 0 && p.Refunded >= p.Amount {
			p.Status = "refunded"
		}
		p.Captured = p.Status == "paid" || p.Status == "refunded"
		if f.Err != nil {
			return nil, f.Err
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
